package io.peerlab.report;

import io.peerlab.scenario.ResultsWriter;
import io.peerlab.scenario.ScenarioLoader;
import io.peerlab.scenario.ScenarioReport;
import io.peerlab.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The quickstart scenario run for real on the sim runtime (deterministic for its seed), its
 * results written to a folder under target/ as peerlab run writes them. Each variant runs once per
 * test JVM and is shared by the test classes.
 */
final class Quickstart {
  private Quickstart() {}

  static final Path FILE = Path.of("../../config/scenarios/quickstart.conf");
  private static final Path ROOT = Path.of("target", "report-tests");
  private static final Map<String, Written> RUNS = new HashMap<>();

  /** A results folder and the in-memory report it was written from. */
  record Written(Path dir, ScenarioReport report) {}

  /** The quickstart as shipped, on sim. */
  static Written base() {
    return run("quickstart");
  }

  /** The quickstart with 48 clients instead of 32: the B side of a comparison. */
  static Written moreClients() {
    return run("quickstart-48-clients", "workload.clients=48");
  }

  private static synchronized Written run(String name, String... overrides) {
    return RUNS.computeIfAbsent(name, n -> {
      Path dir = ROOT.resolve(n);
      delete(dir);
      List<String> all = Stream.concat(Stream.of("runtime=sim"), Stream.of(overrides)).toList();
      ScenarioReport report = new ScenarioRunner().run(ScenarioLoader.load(FILE, all));
      ResultsWriter.write(report, dir);
      return new Written(dir, report);
    });
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
