package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guided labs stay true: every lab page under docs/labs/ is read, every command block marked
 * {@code <!-- lab-check: ID -->} is run on the {@code sim} runtime through the real command line,
 * and every row of its figures table (after {@code <!-- lab-figures -->}) is looked up in that
 * run's results.json and checked against the range the page states. A page that no longer matches
 * what peerlab measures fails here. The demo commands a page shows must name files that exist.
 *
 * <p>A block marked {@code pending-churn} needs scenario keys that are being built (peerlab.churn.*,
 * faults.server-outages, faults.mass-failure): it is run, and while this build rejects its keys it
 * is reported as skipped with that reason; once it runs, it says so (the lab's figures for it are
 * then to be measured and the marker removed). Any other {@code pending-...} marker works the same.
 */
class LabsTest {
  static final Path ROOT = Path.of("..", "..");
  static final Path LABS = ROOT.resolve("docs").resolve("labs");
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern CHECK = Pattern.compile("<!--\\s*lab-check:\\s*([\\w-]+)((?:\\s+pending-[\\w-]+)?)\\s*-->");
  private static final Pattern FIGURES = Pattern.compile("<!--\\s*lab-figures\\s*-->");
  private static final Pattern RANGE = Pattern.compile("^(-?[0-9.]+)\\s+to\\s+(-?[0-9.]+)$");
  private static final Pattern SELECTOR = Pattern.compile("^runs\\[([^]]*)]\\.(.+)$");

  @TempDir static Path out;

  /** One marked command block. */
  record Check(String lab, String id, String pending, List<String> args) {}

  /** One row of a figures table. */
  record Figure(String lab, String name, String run, String selector, String expected) {}

  record Lab(Path page, List<Check> checks, List<Figure> figures, List<List<String>> demos) {}

  /** A run's results.json, or why it is pending. */
  private record Outcome(JsonNode json, String pending) {}

  private final Map<String, Outcome> results = new HashMap<>();

  @Test
  void everyLab_hasItsSections_aCheckedRun_andFigures() throws IOException {
    List<Lab> labs = labs();
    assertThat(labs).as("lab pages in %s", LABS).hasSizeGreaterThanOrEqualTo(6);
    for (Lab lab : labs) {
      String text = Files.readString(lab.page());
      assertThat(text).as(lab.page().toString())
          .contains("## Goal", "## Commands", "## What to watch", "## Questions", "## Figures you should find");
      assertThat(lab.checks()).as("marked sim runs in %s", lab.page()).isNotEmpty();
      assertThat(lab.figures()).as("figures in %s", lab.page()).isNotEmpty();
      assertThat(lab.demos()).as("demo commands in %s", lab.page()).isNotEmpty();
      for (Figure f : lab.figures()) {
        assertThat(lab.checks()).as("%s: figure '%s' names run '%s'", lab.page(), f.name(), f.run())
            .anyMatch(c -> c.id().equals(f.run()));
      }
    }
  }

  @TestFactory
  Stream<DynamicNode> everyLabCommand_runsOnSim_andFindsTheFiguresItsPageStates() throws IOException {
    List<DynamicNode> nodes = new ArrayList<>();
    for (Lab lab : labs()) {
      List<DynamicNode> tests = new ArrayList<>();
      for (List<String> demo : lab.demos()) {
        tests.add(DynamicTest.dynamicTest("demo: " + String.join(" ", demo), () -> checkDemo(demo)));
      }
      for (Check c : lab.checks()) {
        tests.add(DynamicTest.dynamicTest("run " + c.id() + (c.pending().isEmpty() ? "" : " (" + c.pending() + ")"),
            () -> run(c)));
        for (Figure f : lab.figures()) {
          if (f.run().equals(c.id())) {
            tests.add(DynamicTest.dynamicTest("figure: " + f.name() + " = " + f.expected(), () -> check(c, f)));
          }
        }
      }
      nodes.add(DynamicContainer.dynamicContainer(lab.page().getFileName().toString(), tests));
    }
    return nodes.stream();
  }

  // ---- running ----

  private void run(Check c) throws IOException {
    JsonNode r = results(c);
    assertThat(r.get("runtime").asText()).as("%s %s runs on sim", c.lab(), c.id()).isEqualTo("sim");
  }

  private synchronized JsonNode results(Check c) throws IOException {
    String key = c.lab() + "/" + c.id();
    Outcome o = results.get(key);
    if (o == null) {
      o = runOnSim(c);
      results.put(key, o);
    }
    if (o.pending() != null) {
      Assumptions.abort(o.pending());
    }
    return o.json();
  }

  /** The page's command on sim, into a folder of its own: --runtime and --out are the test's. */
  private static Outcome runOnSim(Check c) throws IOException {
    Path dir = out.resolve(c.lab().replace(".md", "")).resolve(c.id());
    List<String> args = new ArrayList<>();
    List<String> given = c.args();
    for (int i = 0; i < given.size(); i++) {
      String a = given.get(i);
      if (a.equals("--runtime") || a.equals("--out")) {
        i++;
        continue;
      }
      if (a.equals("--quiet") || a.equals("--no-report")) {
        continue;
      }
      args.add(a.endsWith(".conf") ? ROOT.resolve(a).toString() : a);
    }
    args.addAll(List.of("--runtime", "sim", "--out", dir.toString(), "--no-report", "--quiet"));
    CliTest.Result r = CliTest.run(args.toArray(String[]::new));
    if (!c.pending().isEmpty()) {
      return new Outcome(null, r.code() != 0
          ? c.pending() + ": " + c.lab() + " run '" + c.id() + "' needs scenario keys this build does not have"
              + " yet (" + r.err().trim() + "); it is checked once they exist and its marker is removed"
          : c.pending() + ": " + c.lab() + " run '" + c.id() + "' runs now: measure its figures, put them in"
              + " the page's table and remove '" + c.pending() + "' from its lab-check marker");
    }
    assertThat(r.code()).as("%s run %s: %s exited %d: %s", c.lab(), c.id(), String.join(" ", c.args()), r.code(),
        r.err()).isZero();
    return new Outcome(JSON.readTree(dir.resolve("results.json").toFile()), null);
  }

  private void check(Check c, Figure f) throws IOException {
    JsonNode r = results(c);
    Matcher range = RANGE.matcher(f.expected().replace(",", ""));
    if (!range.matches()) {
      fail(c.lab() + ": figure '" + f.name() + "': expected 'A to B', got '" + f.expected() + "'");
    }
    double lo = Double.parseDouble(range.group(1));
    double hi = Double.parseDouble(range.group(2));
    double value = select(r, f.selector(), c.lab() + ": figure '" + f.name() + "'");
    assertThat(value).as("%s: %s (%s in run %s)", c.lab(), f.name(), f.selector(), c.id()).isBetween(lo, hi);
  }

  /** {@code runs[key=value, ...].path.to.field}: a key is a run's field or one of its sweep values. */
  static double select(JsonNode results, String selector, String what) {
    Matcher m = SELECTOR.matcher(selector);
    if (!m.matches()) {
      throw new AssertionError(what + ": selector must be runs[key=value,...].field, got '" + selector + "'");
    }
    Map<String, String> filter = new LinkedHashMap<>();
    for (String kv : m.group(1).split(",")) {
      if (kv.isBlank()) {
        continue;
      }
      String[] p = kv.split("=", 2);
      filter.put(p[0].trim(), p[1].trim());
    }
    List<JsonNode> matching = new ArrayList<>();
    for (JsonNode run : results.get("runs")) {
      boolean all = true;
      for (Map.Entry<String, String> e : filter.entrySet()) {
        JsonNode v = run.has(e.getKey()) ? run.get(e.getKey()) : run.path("sweep").get(e.getKey());
        all &= v != null && v.asText().equals(e.getValue());
      }
      if (all) {
        matching.add(run);
      }
    }
    if (matching.size() != 1) {
      throw new AssertionError(what + ": " + matching.size() + " runs match " + filter + " (need exactly one)");
    }
    JsonNode v = matching.get(0);
    for (String part : m.group(2).split("\\.")) {
      v = v.get(part);
      if (v == null) {
        throw new AssertionError(what + ": results.json has no '" + m.group(2) + "' in the run " + filter);
      }
    }
    if (!v.isNumber()) {
      throw new AssertionError(what + ": '" + m.group(2) + "' is not a number: " + v);
    }
    return v.asDouble();
  }

  /** A demo command the page shows: its scenario file exists and its options parse. */
  private static void checkDemo(List<String> demo) {
    for (String a : demo) {
      if (a.endsWith(".conf")) {
        assertThat(ROOT.resolve(a)).as("scenario of '%s'", String.join(" ", demo)).isRegularFile();
      }
    }
    List<String> args = new ArrayList<>(demo);
    args.add("--help");
    CliTest.Result help = CliTest.run(args.toArray(String[]::new));
    assertThat(help.code()).as("'%s' parses: %s", String.join(" ", demo), help.err()).isZero();
  }

  // ---- reading the pages ----

  static List<Lab> labs() throws IOException {
    List<Lab> labs = new ArrayList<>();
    try (Stream<Path> pages = Files.list(LABS)) {
      for (Path page : pages.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.md")).sorted().toList()) {
        labs.add(parse(page));
      }
    }
    return labs;
  }

  static Lab parse(Path page) throws IOException {
    String lab = page.getFileName().toString();
    List<String> lines = Files.readAllLines(page);
    List<Check> checks = new ArrayList<>();
    List<Figure> figures = new ArrayList<>();
    List<List<String>> demos = new ArrayList<>();
    String pendingId = null;
    String pendingMarker = null;
    boolean inBlock = false;
    boolean inFigures = false;
    StringBuilder block = new StringBuilder();
    for (String line : lines) {
      Matcher check = CHECK.matcher(line.trim());
      if (!inBlock && check.matches()) {
        pendingId = check.group(1);
        pendingMarker = check.group(2).trim();
        continue;
      }
      if (FIGURES.matcher(line.trim()).matches()) {
        inFigures = true;
        continue;
      }
      if (line.startsWith("```")) {
        if (inBlock) {
          for (String command : commands(block.toString())) {
            List<String> words = words(command);
            if (words.size() >= 2 && words.get(0).equals("./peerlab") && words.get(1).equals("demo")) {
              demos.add(words.subList(1, words.size()));
            } else if (pendingId != null && words.size() >= 2 && words.get(1).equals("run")) {
              checks.add(new Check(lab, pendingId, pendingMarker, words.subList(1, words.size())));
            }
          }
          pendingId = null;
          block.setLength(0);
        }
        inBlock = !inBlock;
        continue;
      }
      if (inBlock) {
        block.append(line).append('\n');
        continue;
      }
      if (inFigures) {
        if (!line.startsWith("|")) {
          if (!line.isBlank()) {
            inFigures = false;
          }
          continue;
        }
        String[] cells = line.split("\\|");
        if (cells.length < 5 || cells[1].trim().equals("figure") || cells[1].trim().startsWith("---")) {
          continue;
        }
        figures.add(new Figure(lab, cells[1].trim(), unquote(cells[2]), unquote(cells[3]), unquote(cells[4])));
      }
    }
    return new Lab(page, checks, figures, demos);
  }

  private static String unquote(String cell) {
    return cell.trim().replace("`", "");
  }

  /** Commands of a shell block: one per line, continued with a trailing backslash, comments cut. */
  static List<String> commands(String block) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String raw : block.split("\n")) {
      String line = raw.replaceAll("\\s+#.*$", "").strip();
      if (line.startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        cur.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      cur.append(line);
      if (!cur.toString().isBlank()) {
        out.add(cur.toString().trim());
      }
      cur.setLength(0);
    }
    return out;
  }

  /** Shell words: spaces split, single quotes group. */
  static List<String> words(String command) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char ch : command.toCharArray()) {
      if (ch == '\'') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(ch) && !quoted) {
        if (any) {
          out.add(w.toString());
          w.setLength(0);
          any = false;
        }
      } else {
        w.append(ch);
        any = true;
      }
    }
    if (any) {
      out.add(w.toString());
    }
    return out;
  }
}
