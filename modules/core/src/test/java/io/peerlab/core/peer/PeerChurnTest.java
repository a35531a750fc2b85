package io.peerlab.core.peer;

import static io.peerlab.core.TestSpecs.SEC;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.SimRuns;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Failures;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.churn.ChurnPlan;
import io.peerlab.core.churn.ChurnSettings;
import io.peerlab.core.churn.FailureSettings;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.Op;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The churn mechanism itself, whatever the overlay: each peer follows its {@link ChurnPlan}; ops
 * due while a client is down are not issued and count apart; a run with churn ends, is a function
 * of its seed, and reports the peers up over time from the plan.
 */
class PeerChurnTest {

  /** Open loop, 20 clients × 30 ops at 2 ops/s each: a 15 s measured phase. */
  static RunSpec spec(ChurnSettings churn, FailureSettings faults) {
    WorkloadSpec open =
        new WorkloadSpec(LoadMode.OPEN, 20, 600, 0, 40, 0, 0.6, 0.4, 0.0, 5 * SEC, 1);
    RunSpec base = TestSpecs.spec("central-index", 40, 1, open);
    return base.edit(e -> e.settings = base.settings().with(churn).with(faults));
  }

  static ChurnSettings exponential(long lifeSec, long deadSec) {
    return new ChurnSettings(
        ChurnSettings.Model.EXPONENTIAL, lifeSec * SEC, 0.5, deadSec * SEC, 0.5, List.of(), 0);
  }

  @Test
  void opsDueWhileTheirClientIsDown_areNotIssued_andCountApartFromAvailability() {
    RunSpec spec = spec(exponential(10, 5), FailureSettings.none());
    SimRuns.Run run = SimRuns.run(spec);
    RunResult r = run.result();
    assertThat(r.timing().deadlineHit()).isFalse();

    // Exactly the ops whose intended start falls in a down window of their client (the plan says
    // which), whatever the overlay did.
    ChurnPlan plan = ChurnPlan.of(run.setup());
    long expected = 0;
    for (int c = 0; c < 20; c++) {
      int address = run.setup().clientAddress(c);
      for (Op op : run.setup().scriptAt(address).measured()) {
        if (!plan.aliveAt(address, op.at())) {
          expected++;
        }
      }
    }
    long notIssued = 0;
    long ok = 0;
    long count = 0;
    for (RunResult.OpSummary s : r.figures().ops().values()) {
      notIssued += s.notIssued();
      ok += s.ok();
      count += s.count();
      assertThat(s.failures().getOrDefault(Failures.CLIENT_DOWN, 0L)).isEqualTo(s.notIssued());
      assertThat(s.availability())
          .isEqualTo(Math.round(1e4 * s.ok() / (double) (s.count() - s.notIssued())) / 1e4);
    }
    assertThat(expected).as("the plan takes clients down").isGreaterThan(50);
    assertThat(notIssued).isEqualTo(expected);
    assertThat(count).isEqualTo(600);
    assertThat(ok).isGreaterThan(0);
    assertThat(r.figures().dataLoss()).isNotNull();
    assertThat(r.timeline()).isNull(); // no interval asked for
  }

  @Test
  void aRunWithChurn_isAFunctionOfItsSeed() {
    RunSpec spec = spec(exponential(10, 5), FailureSettings.none());
    RunResult a = SimRuns.run(spec).result();
    RunResult b = SimRuns.run(spec).result();
    assertThat(a.figures()).usingRecursiveComparison().isEqualTo(b.figures());
  }

  @Test
  void theTimeline_showsThePeersUp_andMaintenanceTraffic() {
    FailureSettings mass = new FailureSettings(5 * SEC, 0.5, List.of(), List.of());
    RunSpec spec = spec(ChurnSettings.none(), mass);
    SimRuns.Run run = SimRuns.run(spec);
    RunResult.Timeline t =
        io.peerlab.core.run.Summaries.summarize(run.setup(), "sim", run.outcome(), null, SEC)
            .timeline();
    List<Integer> alive = t.alivePeers();
    assertThat(alive).hasSameSizeAs(t.tMs());
    assertThat(alive.get(0)).isEqualTo(40);
    // Half of the 39 non-server peers crash 5 s into the measured phase and stay down.
    assertThat(alive.get(alive.size() - 1)).isEqualTo(40 - 20);
    assertThat(t.maintenanceMessages()).hasSameSizeAs(t.tMs());
    // Crashed clients issue nothing after the failure; ops in flight then fail as peer-crashed.
    RunResult r = run.result();
    long crashed = r.figures().ops().values().stream()
        .mapToLong(s -> s.failures().getOrDefault(Failures.PEER_CRASHED, 0L)).sum();
    long notIssued = r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::notIssued).sum();
    assertThat(notIssued + crashed).isGreaterThan(100);
  }

  @Test
  void withoutChurn_nothingChanges_andNoChurnFiguresAreReported() {
    RunSpec spec = spec(ChurnSettings.none(), FailureSettings.none());
    RunResult r = SimRuns.run(spec).result();
    for (RunResult.OpSummary s : r.figures().ops().values()) {
      assertThat(s.availability()).isNull();
      assertThat(s.notIssued()).isNull();
      assertThat(s.failures()).doesNotContainKeys(Failures.CLIENT_DOWN, Failures.PEER_CRASHED);
    }
    assertThat(r.figures().dataLoss()).isNull();
    assertThat(r.figures().maintenance().messages()).isEqualTo(r.figures().messages().get("other"));
  }
}
