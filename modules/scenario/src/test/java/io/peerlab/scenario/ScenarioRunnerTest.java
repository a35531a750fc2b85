package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerlab.core.api.Phase;
import io.peerlab.core.run.ProgressListener;
import io.peerlab.core.workload.Op;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunnerTest {
  /** The quickstart, smaller, on the sim host. */
  static ScenarioSpec small(String runtime) {
    return ScenarioLoader.load(
        ScenarioLoaderTest.QUICKSTART,
        List.of("runtime=" + runtime, "peers=24", "workload.clients=12", "workload.ops=240",
            "workload.warmup-ops=24", "objects.count=100"));
  }

  /** Records, per topology, the ops each peer started, in order. */
  static final class OpRecorder implements ScenarioRunner.Listener, ProgressListener {
    final Map<String, Map<Integer, List<Op>>> started = new LinkedHashMap<>();
    Map<Integer, List<Op>> current;

    @Override
    public void topologyStarted(String topology, int index, int count, String runtime) {
      current = new LinkedHashMap<>();
      started.put(topology, current);
    }

    @Override
    public ProgressListener progress() {
      return this;
    }

    @Override
    public synchronized void opStarted(int peer, Op op, boolean measured) {
      current.computeIfAbsent(peer, p -> new ArrayList<>()).add(op);
    }

    @Override
    public void phaseStarted(Phase phase, int ops) {}
  }

  @Test
  void everyTopology_runsTheSameOpsInTheSameOrderOnEveryPeer() {
    for (String runtime : List.of("sim", "local")) {
      OpRecorder rec = new OpRecorder();
      new ScenarioRunner(rec, null).run(small(runtime));
      Map<Integer, List<Op>> cs = rec.started.get("client-server");
      Map<Integer, List<Op>> ci = rec.started.get("central-index");
      assertThat(cs).hasSize(12);
      assertThat(cs.values().stream().mapToInt(List::size).sum()).isEqualTo(240 + 24);
      for (Map.Entry<Integer, List<Op>> e : cs.entrySet()) {
        assertThat(ci.get(e.getKey())).as("peer %d on %s", e.getKey(), runtime).isEqualTo(e.getValue());
      }
    }
  }

  @Test
  void simRuns_areByteIdentical_apartFromWallClockFields(@TempDir Path dir) throws IOException {
    ResultsWriter.write(new ScenarioRunner().run(small("sim")), dir.resolve("a"));
    ResultsWriter.write(new ScenarioRunner().run(small("sim")), dir.resolve("b"));
    List<String> a = stable(dir.resolve("a/results.json"));
    List<String> b = stable(dir.resolve("b/results.json"));
    assertThat(a).hasSizeGreaterThan(100).isEqualTo(b);
    assertThat(Files.readString(dir.resolve("a/results.csv")))
        .isEqualTo(Files.readString(dir.resolve("b/results.csv")));
  }

  private static List<String> stable(Path p) throws IOException {
    return Files.readAllLines(p).stream()
        .filter(l -> !l.contains("\"startedAt\"") && !l.contains("\"wallTimeMs\""))
        .toList();
  }

  @Test
  void resultsJson_hasTheDocumentedShape(@TempDir Path dir) throws IOException {
    ScenarioReport report = new ScenarioRunner().run(small("sim"));
    ResultsWriter.write(report, dir);
    JsonNode root = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    for (String f : List.of("scenario", "seed", "runtime", "startedAt", "peerlabVersion", "machine", "config", "runs")) {
      assertThat(root.has(f)).as(f).isTrue();
    }
    assertThat(root.get("runs")).hasSize(2);
    JsonNode run = root.get("runs").get(0);
    // One flat object, fields in the documented order (distributionTimeMs, members, sweep and
    // bounds are left out).
    List<String> fields = new ArrayList<>();
    run.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("topology", "transfer", "runtime", "peers", "durationMs", "wallTimeMs",
        "throughputOpsPerSec", "deadlineHit", "ops", "messages", "load", "maintenance", "messagesLost", "events", "notes",
        "errors", "timeline");
    JsonNode fetch = run.get("ops").get("fetch");
    for (String f : List.of("count", "ok", "failed", "failures", "latencyMs", "hops", "messages", "bytes", "goodputBytesPerSec")) {
      assertThat(fetch.has(f)).as(f).isTrue();
    }
    for (String f : List.of("mean", "p50", "p90", "p99", "p999", "max")) {
      assertThat(fetch.get("latencyMs").has(f)).as(f).isTrue();
    }
    assertThat(run.get("ops").get("search").has("recall")).isTrue();
    assertThat(run.get("ops").get("lookup").has("recall")).isFalse();
    assertThat(run.get("load").get("bytesUploaded").has("jain")).isTrue();
    assertThat(run.get("load").has("serverShareOfUpload")).isTrue();
    // Every key of the scenario is written out, defaults included.
    assertThat(root.get("config").get("fetch").get("window").asInt()).isEqualTo(4);

    List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
    assertThat(csv.get(0)).isEqualTo(String.join(",", ResultsWriter.CSV_COLUMNS));
    assertThat(csv).hasSize(1 + 2 * 3);
    assertThat(csv.get(1)).startsWith("quickstart,sim,client-server,single-source,24,lookup,");
  }

  @Test
  void flashCrowd_reportsTheDistributionTime() {
    ScenarioSpec s =
        ScenarioLoader.load(
            ScenarioLoaderTest.QUICKSTART,
            List.of("runtime=sim", "peers=12", "workload.clients=8", "workload.mode=flash-crowd", "objects.count=10"));
    ScenarioReport report = new ScenarioRunner().run(s);
    for (var r : report.runs()) {
      assertThat(r.timing().distributionTimeMs()).isNotNull().isPositive();
      assertThat(r.figures().ops()).containsOnlyKeys("fetch");
      assertThat(r.figures().ops().get("fetch").ok()).isEqualTo(8);
    }
  }

  @Test
  void comparisonTable_showsEveryTopologyAndTheKeyFigures() {
    String table = ComparisonTable.render(new ScenarioRunner().run(small("sim")));
    assertThat(table)
        .contains("client-server", "central-index", "ops ok / failed", "240 / 0",
            "lookup latency p50 / p99 ms", "fetch goodput MiB/s", "server share of upload", "100.0%");
  }
}
