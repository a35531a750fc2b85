package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.metrics.RunResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * config/scenarios/flash-crowd-sweep.conf, as one command runs it: the server alone and the swarm
 * over N = 10 ... 200 downloaders, each run beside the Kurose-Ross bounds for its own N
 * (docs/transfer.md measures the same points one command each).
 */
class FlashCrowdSweepTest {
  private static final Path FILE = Path.of("../../config/scenarios/flash-crowd-sweep.conf");
  private static final int[] N = {10, 25, 50, 100, 200};
  private static ScenarioReport report;

  @BeforeAll
  static void run() {
    report = new ScenarioRunner().run(ScenarioLoader.plan(FILE, List.of(), List.of()));
  }

  @Test
  void oneCommand_runsEveryStrategyAtEveryN_onSim() {
    assertThat(report.runtime()).isEqualTo("sim");
    assertThat(report.runs()).hasSize(2 * N.length);
    for (int i = 0; i < report.runs().size(); i++) {
      RunResult r = report.runs().get(i);
      int n = N[i % N.length];
      assertThat(r.identity().transfer()).isEqualTo(i < N.length ? "single-source" : "swarm");
      assertThat(r.identity().peers()).isEqualTo(n + 1);
      assertThat(r.sweep()).containsEntry("workload.clients", n);
      assertThat(r.figures().ops().get("fetch").ok()).isEqualTo(n);
    }
  }

  @Test
  void bounds_areTheTextbookFormulasForEachN() {
    // F = 4 MiB, u_s = 16 MiB/s, u = 1 MiB/s, d = 4 MiB/s
    for (RunResult r : report.runs()) {
      int n = (Integer) r.sweep().get("workload.clients");
      assertThat(r.bounds().dcsMs()).isCloseTo(Math.max(n * 4000.0 / 16, 1000), within(1e-3));
      assertThat(r.bounds().dp2pMs()).isCloseTo(
          Math.max(Math.max(250.0, 1000.0), n * 4000.0 / (16 + n)), within(1e-3));
    }
  }

  /** Tolerance: 3 % above D_cs (headers, latency, the locate round trip; 2.2 % measured at N = 10). */
  @Test
  void clientServer_endsWithinThreePercentAboveDcs() {
    for (RunResult r : report.runs().subList(0, N.length)) {
      double d = r.timing().distributionTimeMs();
      assertThat(d).as("N = %s", r.sweep().get("workload.clients"))
          .isBetween(r.bounds().dcsMs(), 1.03 * r.bounds().dcsMs());
    }
  }

  /**
   * Tolerance: the swarm lies between D_p2p and 1.35 D_p2p, issue 15's target (1.22 to 1.25
   * measured at seed 42, 1.17 to 1.35 over seeds 1 to 6: docs/transfer.md).
   */
  @Test
  void swarm_endsWithinIssue15sBoundOfDp2p() {
    for (RunResult r : report.runs().subList(N.length, 2 * N.length)) {
      double d = r.timing().distributionTimeMs();
      assertThat(d).as("N = %s", r.sweep().get("workload.clients"))
          .isBetween(r.bounds().dp2pMs(), 1.35 * r.bounds().dp2pMs());
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
