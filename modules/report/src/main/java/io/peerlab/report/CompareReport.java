package io.peerlab.report;

import io.peerlab.scenario.ComparisonTable;
import io.peerlab.scenario.Version;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Two results folders side by side (A, the baseline, and B): every figure of the comparison table
 * for each topology in A and in B with B's relative change, as terminal text and as compare.html
 * with the report's plots drawn from both (B dashed or as the second bar).
 */
public final class CompareReport {
  private CompareReport() {}

  public static final String FILE = "compare.html";

  private record Pair(String topology, Run a, Run b) {}

  /** B's change relative to A: "+3.1%", "-0.5%", "±0%"; "–" where either is missing, "n/a" from 0. */
  static String change(Double a, Double b) {
    if (a == null || b == null) {
      return ComparisonTable.NONE;
    }
    if (a.equals(b)) {
      return "±0%";
    }
    if (a == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%+.1f%%", (b - a) / Math.abs(a) * 100);
  }

  /** For each figure, B's changes joined as the figure's cell is: "+3.1% / -0.5%". */
  static String change(Figure f, Run a, Run b) {
    if (a == null || b == null) {
      return ComparisonTable.NONE;
    }
    List<Double> x = f.numbers(a);
    List<Double> y = f.numbers(b);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      parts.add(change(x.get(i), y.get(i)));
    }
    return String.join(" / ", parts);
  }

  private static List<Pair> pairs(Results a, Results b) {
    Set<String> topologies = new LinkedHashSet<>();
    Stream.concat(a.runs().stream(), b.runs().stream()).forEach(r -> topologies.add(r.topology()));
    List<Pair> out = new ArrayList<>();
    for (String t : topologies) {
      out.add(new Pair(t, find(a, t), find(b, t)));
    }
    return out;
  }

  private static Run find(Results r, String topology) {
    return r.runs().stream().filter(x -> x.topology().equals(topology)).findFirst().orElse(null);
  }

  private static List<Figure> figures(Results a, Results b) {
    return Figure.comparison(Stream.concat(a.runs().stream(), b.runs().stream()).toList());
  }

  private static String cell(Figure f, Run r) {
    return r == null ? ComparisonTable.NONE : f.cell(r);
  }

  /** The terminal table: per topology, A, B and B's change, one row per figure. */
  public static String text(Results a, Results b) {
    List<Pair> pairs = pairs(a, b);
    List<List<String>> rows = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of(""));
    pairs.forEach(p -> head.addAll(List.of(p.topology() + " A", "B", "change")));
    rows.add(head);
    for (Figure f : figures(a, b)) {
      List<String> row = new ArrayList<>(List.of(f.label()));
      pairs.forEach(p -> row.addAll(List.of(cell(f, p.a()), cell(f, p.b()), change(f, p.a(), p.b()))));
      rows.add(row);
    }
    return "A: " + a.dir() + " · " + a.headline() + "\n"
        + "B: " + b.dir() + " · " + b.headline() + "\n\n"
        + TextTable.render(rows);
  }

  /** compare.html: header, the A/B/change table, the plots of both folders, the keys that differ. */
  public static String html(Results a, Results b) {
    Results la = a.labelled("A");
    Results lb = b.labelled("B");
    Page page = new Page("peerlab compare · " + a.scenario() + " vs " + b.scenario());
    page.tag("h1", "", "peerlab compare · " + a.scenario() + " (A) vs " + b.scenario() + " (B)")
        .tag("p", "class=\"sub\"", "A: " + a.dir() + " · " + a.headline() + " · " + a.provenance())
        .tag("p", "class=\"sub\"", "B: " + b.dir() + " · " + b.headline() + " · " + b.provenance())
        .raw(RunReport.NAV);
    page.section("section-comparison", "Comparison")
        .tag("p", "", "Each figure in A and in B, and B's change relative to A.")
        .raw(table(a, b))
        .notes(List.of(la, lb))
        .end("section");
    page.plots(Plots.all(List.of(la, lb)));
    page.section("section-scenario", "Scenario")
        .tag("p", "", "Keys whose value differs between A and B:")
        .keys(ScenarioKeys.differences(a.config(), b.config()), "A", "B", "A and B ran with the same keys.")
        .end("section");
    return page.html("Written by peerlab " + Version.get()
        + ". Self-contained: no script, nothing loaded from the network.");
  }

  /** Writes compare.html to {@code out}; the file written. */
  public static Path write(Results a, Results b, Path out) {
    return Page.write(out, html(a, b));
  }

  private static String table(Results a, Results b) {
    List<Pair> pairs = pairs(a, b);
    StringBuilder sb = new StringBuilder("<table class=\"comparison compare\">\n<thead><tr><th></th>");
    pairs.forEach(p -> sb.append("<th colspan=\"3\">").append(Page.esc(p.topology())).append("</th>"));
    sb.append("</tr><tr><th></th>");
    pairs.forEach(p -> sb.append("<th>A</th><th>B</th><th>change</th>"));
    sb.append("</tr></thead>\n<tbody>\n");
    for (Figure f : figures(a, b)) {
      sb.append("<tr><th scope=\"row\">").append(Page.esc(f.label())).append("</th>");
      for (Pair p : pairs) {
        String change = change(f, p.a(), p.b());
        sb.append("<td>").append(Page.esc(cell(f, p.a()))).append("</td><td>").append(Page.esc(cell(f, p.b())))
            .append("</td><td class=\"change\">").append(Page.esc(change)).append("</td>");
      }
      sb.append("</tr>\n");
    }
    return sb.append("</tbody>\n</table>\n").toString();
  }
}
