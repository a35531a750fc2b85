package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.scenario.MemoryEstimate;
import io.peerlab.scenario.ScenarioException;
import io.peerlab.scenario.ScenarioLoader;
import io.peerlab.scenario.SweepPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The scenario reader, fuzzed (jqwik, fixed seeds so CI runs the same cases each time):
 *
 * <ul>
 *   <li>random scenario trees: known and unknown keys, values of every HOCON type (numbers at the
 *       edges, durations, sizes, strings with control characters, lists, objects, null) at random
 *       depths: reading, validating and the heap check end in a scenario or in one line of bad input
 *       (a ScenarioException), never in another exception (300 cases);
 *   <li>mutations of every shipped file in config/scenarios (lines dropped, duplicated or cut,
 *       values replaced, bytes flipped or inserted, binary bytes): the command, run on sim with
 *       tiny sizes where the file loads, exits 0 or 2 (1 only when a fuzzed value such as a high
 *       loss makes the tiny run reach its deadline: a result, written), never with a stack trace or
 *       an internal error, and exit 2 is one line (100 cases).
 * </ul>
 */
class ScenarioFuzzTest {
  private static final Path SCENARIOS = Path.of("../../config/scenarios");
  private static final List<String> KNOWN = ScenarioLoader.knownKeys();
  private static final com.typesafe.config.Config REFERENCE = ScenarioLoader.reference();
  private static Path work;
  private static final AtomicInteger CASE = new AtomicInteger();

  @BeforeContainer
  static void makeWork() throws IOException {
    work = Files.createTempDirectory("peerlab-fuzz");
  }

  @AfterContainer
  static void removeWork() throws IOException {
    try (Stream<Path> all = Files.walk(work)) {
      all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    }
  }

  @Property(tries = 300, seed = "1818")
  void randomTrees_readToAScenario_orOneLineOfBadInput(@ForAll("trees") String hocon) throws IOException {
    Path file = Files.writeString(work.resolve("tree-" + CASE.incrementAndGet() + ".conf"), hocon);
    try {
      SweepPlan plan = ScenarioLoader.plan(file, List.of(), List.of());
      MemoryEstimate.check(plan);
      Statistics.collect("read");
    } catch (ScenarioException e) {
      Statistics.collect("bad input");
      assertThat(e.getMessage()).as(hocon).doesNotContain("\n").isNotBlank();
    }
  }

  @Property(tries = 100, seed = "1819")
  void mutatedShippedScenarios_exit0or2_withoutAStackTrace(@ForAll("mutations") byte[] text) throws IOException {
    int n = CASE.incrementAndGet();
    Path file = Files.write(work.resolve("mutant-" + n + ".conf"), text);
    CliTest.Result r = CliTest.run("run", file.toString(), "--runtime", "sim", "--quiet", "--no-report",
        "--out", work.resolve("out-" + n).toString(),
        "--set", "peers=12", "--set", "servers=1", "--set", "workload.clients=4", "--set", "workload.ops=30",
        "--set", "workload.warmup-ops=0", "--set", "objects.count=20", "--set", "deadline=60s",
        "--set", "phase-timeout=10s", "--set", "workload.op-timeout=5s");
    String shown = new String(text, StandardCharsets.UTF_8) + "\n--- stderr:\n" + r.err();
    assertThat(r.code()).as(shown).isIn(0, 1, 2);
    Statistics.collect("exit " + r.code());
    assertThat(r.err()).as(shown).doesNotContain("internal error", "\tat ", "Exception in");
    if (r.code() == 2) {
      assertThat(r.err().lines().count()).as(shown).isEqualTo(1);
    }
    if (r.code() == 1) {
      assertThat(work.resolve("out-" + n).resolve("results.json")).as(shown).exists();
    }
  }

  @Provide
  Arbitrary<String> trees() {
    Arbitrary<String> entry = key().flatMap(k -> valueFor(k).map(v -> k + " = " + v));
    return entry.list().ofMinSize(0).ofMaxSize(6)
        .map(lines -> "peerlab.name = fuzz\npeerlab.runtime = sim\n" + String.join("\n", lines) + "\n");
  }

  /** For a known key, mostly its default or a number near it (so that many trees read); else anything. */
  private Arbitrary<String> valueFor(String key) {
    if (!REFERENCE.hasPath(key)) {
      return value();
    }
    String def = REFERENCE.getValue(key).render(com.typesafe.config.ConfigRenderOptions.concise());
    Arbitrary<String> near = Arbitraries.of(0.0, 0.5, 2.0, 10.0, 1000.0).map(f -> {
      try {
        return String.valueOf((long) (Double.parseDouble(def) * f));
      } catch (NumberFormatException e) {
        return def;
      }
    });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(def)), net.jqwik.api.Tuple.of(2, near),
        net.jqwik.api.Tuple.of(2, value()));
  }

  private Arbitrary<String> key() {
    Arbitrary<String> known = Arbitraries.of(KNOWN);
    Arbitrary<String> nested = Combinators.combine(Arbitraries.of(KNOWN), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6))
        .as((k, extra) -> k + "." + extra);
    Arbitrary<String> stray = Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-', '_')
        .ofMinLength(1).ofMaxLength(20).filter(s -> !s.startsWith(".") && !s.endsWith(".") && !s.contains(".."));
    Arbitrary<String> prefixed = stray.map(s -> "peerlab." + s);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, known), net.jqwik.api.Tuple.of(1, nested),
        net.jqwik.api.Tuple.of(1, stray), net.jqwik.api.Tuple.of(2, prefixed));
  }

  private Arbitrary<String> value() {
    return Arbitraries.lazyOf(this::scalar, this::scalar, this::scalar, this::list, this::object);
  }

  private Arbitrary<String> scalar() {
    Arbitrary<String> ints = Arbitraries.oneOf(
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.of("0", "-1", "1", "2", "3", "7", "64", "2147483647", "2147483648", "2000000000",
            "9223372036854775807", "99999999999999999999", "1e9", "1.5", "-0.0", "NaN", "Infinity"));
    Arbitrary<String> units = Combinators.combine(Arbitraries.integers().between(-5, 100000),
        Arbitraries.of("ms", "s", "m", "us", "ns", "KiB", "MiB", "GiB", "B", "x", "")).as((n, u) -> n + u);
    Arbitrary<String> words = Arbitraries.of(
        "sim", "local", "cluster", "closed", "open", "flash-crowd", "chord", "kademlia", "swarm",
        "unlimited", "true", "false", "null", "yes", "\"\"", "\"a b\"", "[]", "{}", "\"\\u0000\"",
        "\"\\u001b[31m\"", "\"${peerlab.peers}\"", "${peerlab.peers}", "${nope}");
    Arbitrary<String> strings = Arbitraries.strings().ofMaxLength(12).map(s ->
        "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("\\p{Cntrl}", "\\\\u0007") + "\"");
    return Arbitraries.oneOf(ints, units, words, strings);
  }

  private Arbitrary<String> list() {
    return scalar().list().ofMaxSize(4).map(l -> "[" + String.join(", ", l) + "]");
  }

  private Arbitrary<String> object() {
    return Combinators.combine(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).list().ofMinSize(1).ofMaxSize(3),
            scalar().list().ofSize(3))
        .as((ks, vs) -> {
          List<String> parts = new ArrayList<>();
          for (int i = 0; i < ks.size(); i++) {
            parts.add(ks.get(i) + " = " + vs.get(i));
          }
          return "{ " + String.join(", ", parts) + " }";
        });
  }

  @Provide
  Arbitrary<byte[]> mutations() {
    List<String> files = shipped();
    Arbitrary<String> base = Arbitraries.of(files);
    return Combinators.combine(base, Arbitraries.longs(), Arbitraries.integers().between(1, 3))
        .as((text, seed, count) -> mutate(text, new java.util.Random(seed), count));
  }

  private static List<String> shipped() {
    try (Stream<Path> s = Files.list(SCENARIOS)) {
      return s.filter(p -> p.toString().endsWith(".conf")).sorted().map(p -> {
        try {
          return Files.readString(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String[] VALUES = {
    "0", "-1", "1", "3", "2000000000", "1.7", "\"x\"", "true", "[]", "{}", "null", "5ms", "0s", "2GiB",
    "[chord, chord]", "[nope]", "unlimited", "0.99", "1e12", "${peerlab.peers}", "\"\\u001b\"", "flash-crowd"
  };

  /** {@code count} random edits of a scenario's text. */
  static byte[] mutate(String text, java.util.Random rnd, int count) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    for (int i = 0; i < count && !lines.isEmpty(); i++) {
      int at = rnd.nextInt(lines.size());
      switch (rnd.nextInt(7)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, lines.get(at));
        case 2 -> {
          String l = lines.get(at);
          int eq = l.indexOf('=');
          if (eq > 0) {
            lines.set(at, l.substring(0, eq + 1) + " " + VALUES[rnd.nextInt(VALUES.length)]);
          } else {
            lines.set(at, l + " = " + VALUES[rnd.nextInt(VALUES.length)]);
          }
        }
        case 3 -> {
          String l = lines.get(at);
          lines.set(at, l.substring(0, rnd.nextInt(l.length() + 1)));
        }
        case 4 -> {
          String l = lines.get(at);
          if (!l.isEmpty()) {
            char[] c = l.toCharArray();
            int a = rnd.nextInt(c.length);
            int b = rnd.nextInt(c.length);
            char t = c[a];
            c[a] = c[b];
            c[b] = t;
            lines.set(at, new String(c));
          }
        }
        case 5 -> lines.add(at, "peerlab." + KNOWN.get(rnd.nextInt(KNOWN.size())).substring("peerlab.".length())
            + " = " + VALUES[rnd.nextInt(VALUES.length)]);
        default -> {
          // Bytes that are not text: a control byte, an invalid UTF-8 sequence, or a block of noise.
          byte[] raw = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
          byte[] noise = new byte[1 + rnd.nextInt(64)];
          rnd.nextBytes(noise);
          int pos = rnd.nextInt(raw.length + 1);
          byte[] out = new byte[raw.length + noise.length];
          System.arraycopy(raw, 0, out, 0, pos);
          System.arraycopy(noise, 0, out, pos, noise.length);
          System.arraycopy(raw, pos, out, pos + noise.length, raw.length - pos);
          return out;
        }
      }
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }
}
