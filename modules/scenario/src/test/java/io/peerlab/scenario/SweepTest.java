package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.peerlab.core.metrics.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sweeps: the file and command-line forms, bad input, and one runner pass over every point. */
class SweepTest {
  private static final Path QUICKSTART = Path.of("../../config/scenarios/quickstart.conf");

  private static SweepPlan plan(String... sweeps) {
    return ScenarioLoader.plan(QUICKSTART, List.of("runtime=sim"), List.of(sweeps));
  }

  private static SweepPlan planFile(String hocon) {
    return ScenarioLoader.plan(
        ConfigFactory.parseString("peerlab { name = s, peers = 64, servers = 1, workload.clients = 8 }\n" + hocon),
        List.of("runtime=sim"), Sweep.fromConfig(ConfigFactory.parseString(hocon)), "test");
  }

  @Test
  void sweepOfThreeValues_givesThreeRunsPerTopology_eachWithItsPeersAndValue() {
    SweepPlan plan = plan("peers=40,48,64");
    ScenarioReport report = new ScenarioRunner().run(plan);
    assertThat(report.runs()).hasSize(3 * 2);
    int[] peers = {40, 40, 48, 48, 64, 64};
    for (int i = 0; i < peers.length; i++) {
      RunResult r = report.runs().get(i);
      assertThat(r.identity().peers()).isEqualTo(peers[i]);
      assertThat(r.identity().topology()).isEqualTo(i % 2 == 0 ? "client-server" : "central-index");
      assertThat(r.sweep()).isEqualTo(Map.of("peers", peers[i]));
      assertThat(r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::ok).sum())
          .isEqualTo(2000);
    }
    assertThat(report.sweep().keys()).containsExactly("peers");
    assertThat(report.sweep().points()).containsExactly(
        Map.of("peers", 40), Map.of("peers", 48), Map.of("peers", 64));
    assertThat(report.point(Map.of("peers", 48)).runs()).hasSize(2);
    // config is the scenario without the sweep: the quickstart's 64 peers
    assertThat(report.config().get("peers")).isEqualTo(64);
  }

  @Test
  void sweepResults_areAdditiveJson_withTheRootSectionAndEachRunsPoint() throws Exception {
    ScenarioReport report = new ScenarioRunner().run(plan("peers=40,48", "seed=1,2"));
    JsonNode json = new ObjectMapper().readTree(ResultsWriter.json(report));
    assertThat(ResultsWriter.json(report)).isEqualTo(JacksonResults.json(report));
    assertThat(json.get("sweep").get("keys")).hasToString("[\"peers\",\"seed\"]");
    assertThat(json.get("sweep").get("points")).hasSize(4);
    assertThat(json.get("runs")).hasSize(8);
    assertThat(json.get("runs").get(2).get("sweep")).hasToString("{\"peers\":40,\"seed\":2}");
    // without a sweep there is no sweep field at all
    JsonNode plain = new ObjectMapper().readTree(ResultsWriter.json(
        new ScenarioRunner().run(ScenarioLoader.load(QUICKSTART, List.of("runtime=sim", "workload.ops=100")))));
    assertThat(plain.has("sweep")).isFalse();
    assertThat(plain.get("runs").get(0).has("sweep")).isFalse();
  }

  @Test
  void cliSweep_isOneAxisPerOption_andSemicolonTiesKeys() {
    Sweep s = Sweep.fromCli(List.of("peers=11,21,51;workload.clients=10,20,50", "transfer=swarm,single-source"));
    assertThat(s.axes()).hasSize(2);
    List<Sweep.Point> points = s.points();
    assertThat(points).hasSize(6);
    assertThat(points.get(0).values()).containsExactly(
        Map.entry("peers", 11), Map.entry("workload.clients", 10), Map.entry("transfer", "swarm"));
    assertThat(points.get(5).overrides()).containsExactly(
        "peers=51", "workload.clients=50", "transfer=\"single-source\"");
    assertThat(Sweep.fromCli(List.of("peerlab.network.latency=5ms,20ms")).points())
        .extracting(p -> p.values().get("network.latency")).containsExactly("5ms", "20ms");
  }

  @Test
  void sweepNull_dropsTheSweepOfAnIncludedFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("base.conf"), "peerlab { name = base, peers = 64, servers = 1,"
        + " workload.clients = 8, runtime = sim,\n"
        + "  sweep { key = peers, values = [16, 32], with { workload.clients = [4, 8] } } }\n");
    Path child = java.nio.file.Files.writeString(dir.resolve("child.conf"),
        "include \"base.conf\"\npeerlab { name = child, sweep = null }\n");
    Path swept = java.nio.file.Files.writeString(dir.resolve("swept.conf"), "include \"base.conf\"\n");
    assertThat(ScenarioLoader.plan(swept, List.of(), List.of()).steps()).hasSize(2);
    SweepPlan plan = ScenarioLoader.plan(child, List.of(), List.of());
    assertThat(plan.sweep().isEmpty()).isTrue();
    assertThat(plan.steps()).hasSize(1);
    assertThat(plan.base().base().peers()).isEqualTo(64);
  }

  @Test
  void fileSweep_oneAxis_aTiedKey_andAGrid() {
    SweepPlan one = planFile("peerlab.sweep { key = peers, values = [16, 32] }");
    assertThat(one.steps()).extracting(st -> st.spec().base().peers()).containsExactly(16, 32);

    SweepPlan tied = planFile(
        "peerlab.sweep { key = peers, values = [11, 21], with { workload.clients = [10, 20] } }");
    assertThat(tied.steps()).extracting(st -> st.spec().base().workload().clients()).containsExactly(10, 20);

    SweepPlan grid = planFile(
        "peerlab.sweep = [ { key = peers, values = [16, 32] }, { key = seed, values = [1, 2, 3] } ]");
    assertThat(grid.steps()).hasSize(6);
    assertThat(grid.steps().get(1).point().values()).containsExactly(
        Map.entry("peers", 16), Map.entry("seed", 2));
    assertThat(grid.steps().get(5).spec().base().seed()).isEqualTo(3);
    // the base spec (results.json's config) ignores the sweep
    assertThat(grid.base().base().peers()).isEqualTo(64);
    assertThat(grid.base().effective().hasPath("sweep")).isFalse();
  }

  /** Each bad --sweep (';'-separated options here) or file sweep, and its one-line message. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "cli  | peerz=10,20 | key 'peerlab.peerz': unknown key to sweep; did you mean 'peerlab.peers'? (every key is listed in docs/scenarios.md)",
    "cli  | peers= | key 'peerlab.peers': sweep values are empty; give at least one value",
    "cli  | peers=64,many | sweep peers=many: key 'peerlab.peers': expected a whole number, got \"many\"",
    "cli  | peers | bad --sweep 'peers': expected key=v1,v2,..., e.g. --sweep peers=10,20,50",
    "cli  | `peers=40,64;workload.clients=8` | key 'peerlab.workload.clients': tied to peers but has 1 values for its 2",
    "cli  | runtime=local | key 'peerlab.runtime': cannot be swept (one sweep runs one scenario on one runtime)",
    "cli2 | peers=40 | key 'peerlab.peers': is swept twice; tie keys that move together with 'with'",
    "file | peerlab.sweep { key = peers, values = [] } | key 'peerlab.peers': sweep values are empty; give at least one value",
    "file | peerlab.sweep { key = peers, values = 10 } | key 'peerlab.peers': sweep values must be a list, e.g. values = [10, 20, 50]",
    "file | peerlab.sweep { key = peers, value = [1] } | key 'peerlab.sweep.value': unknown key; an axis has key, values and with",
    "file | peerlab.sweep = 3 | key 'peerlab.sweep': must be { key = K, values = [...] } or a list of them, got number",
  })
  void badSweep_isOneLineNamingTheKey(String form, String input, String message) {
    assertThatThrownBy(() -> {
      switch (form) {
        case "cli" -> plan(input);
        case "cli2" -> plan(input, input);
        default -> planFile(input);
      }
    }).isInstanceOf(ScenarioException.class).hasMessage(message);
  }
}
