package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.metrics.RunResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code peerlab.deadline} means one thing on every runtime: a limit for each topology's run. A
 * scenario whose topologies cannot finish gets every topology cut at its own deadline; none is
 * skipped because an earlier one used the time up (what the local runtime did when the deadline
 * bounded the whole scenario).
 */
class DeadlineTest {

  static ScenarioSpec endless(String runtime, String deadline) {
    return ScenarioLoader.load(
        ScenarioLoaderTest.QUICKSTART,
        List.of("runtime=" + runtime, "peers=24", "workload.clients=12", "workload.ops=50000", "workload.think-time=10ms",
            "workload.warmup-ops=0", "objects.count=50", "deadline=" + deadline,
            "workload.mix={lookup=1,search=0,fetch=0}"));
  }

  @Test
  void everyTopology_getsTheWholeDeadline_onEveryRuntime() {
    for (String[] rt : new String[][] {{"sim", "10s"}, {"local", "3s"}}) {
      ScenarioReport report = new ScenarioRunner().run(endless(rt[0], rt[1]));
      assertThat(report.runs()).hasSize(2);
      for (RunResult r : report.runs()) {
        String what = rt[0] + " " + r.identity().topology() + " " + r.health().notes();
        assertThat(r.timing().deadlineHit()).as(what).isTrue();
        // Each topology reached its measured phase and finished ops within its own deadline.
        assertThat(ok(r)).as(what).isPositive();
        assertThat(r.health().notes()).as(what).anyMatch(n -> n.contains("deadline of"))
            .noneMatch(n -> n.contains("not started")).noneMatch(n -> n.contains("PT"));
      }
      assertThat(report.ok()).isFalse();
      assertThat(report.status()).isEqualTo(ScenarioReport.COMPLETE);
    }
  }

  @Test
  void aRunnerAskedToStop_cutsTheTopologyShort_startsNoOther_andSaysInterrupted() {
    List<String> started = new ArrayList<>();
    boolean[] stop = {false};
    ScenarioRunner.Listener listener = new ScenarioRunner.Listener() {
      @Override
      public void topologyStarted(String topology, int index, int count, String runtime) {
        started.add(topology);
        stop[0] = true; // as a SIGTERM during the first topology would
      }
    };
    ScenarioReport report = new ScenarioRunner(listener, null, () -> stop[0]).run(endless("sim", "10m"));
    assertThat(started).containsExactly("client-server");
    assertThat(report.status()).isEqualTo(ScenarioReport.INTERRUPTED);
    assertThat(report.runs()).hasSize(1);
    assertThat(report.runs().get(0).health().notes()).contains(ScenarioRunner.INTERRUPTED_NOTE)
        .noneMatch(n -> n.contains("wall-clock"));
  }

  private static long ok(RunResult r) {
    return r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::ok).sum();
  }
}
