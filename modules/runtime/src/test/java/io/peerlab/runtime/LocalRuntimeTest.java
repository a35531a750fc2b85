package io.peerlab.runtime;

import static io.peerlab.core.TestSpecs.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.SimRuns;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.index.CentralIndex;
import io.peerlab.core.overlay.index.ClientServer;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.Summaries;
import org.junit.jupiter.api.Test;

class LocalRuntimeTest {

  private static RunResult local(RunSpec spec) {
    RunSetup setup = RunSetup.of(spec);
    RunOutcome out = new LocalRuntime().run(setup, RunControl.quiet());
    return Summaries.summarize(setup, "local", out, null);
  }

  @Test
  void clientServer_onRealActors_matchesTheSimHostsLatencies() {
    RunSpec spec = TestSpecs.quickstart(ClientServer.NAME);
    RunResult onActors = local(spec);
    RunResult inSim = SimRuns.run(spec).result();
    assertThat(onActors.timing().deadlineHit()).isFalse();
    assertThat(onActors.health().errors()).isZero();
    assertThat(onActors.figures().ops().values()).allSatisfy(o -> assertThat(o.failed()).isZero());
    assertThat(onActors.figures().load().serverShareOfContent()).isEqualTo(1.0);
    assertThat(onActors.figures().ops().get("lookup").messages().mean()).isEqualTo(2.0);
    // Same network model, same scripts: real time lands close to virtual time (within a few per
    // cent on an idle machine). The upper bound leaves room for a machine busy with other work
    // (+26% measured at load average 15 on 2 cores) and still fails if delays were served by a
    // 10 ms-tick scheduler, which adds 25-35 ms to each of the two messages of a lookup (~3x).
    double simP50 = inSim.figures().ops().get("lookup").latencyMs().p50();
    double actorP50 = onActors.figures().ops().get("lookup").latencyMs().p50();
    assertThat(actorP50).isBetween(simP50 * 0.8, simP50 * 1.75 + 3);
  }

  @Test
  void centralIndex_onRealActors_movesContentPeerToPeer() {
    RunResult r = local(TestSpecs.quickstart(CentralIndex.NAME));
    assertThat(r.timing().deadlineHit()).isFalse();
    assertThat(r.figures().ops().values()).allSatisfy(o -> assertThat(o.failed()).isZero());
    assertThat(r.figures().load().serverShareOfContent()).isZero();
    assertThat(r.figures().ops().get("search").recall()).isEqualTo(1.0);
  }

  @Test
  void deadline_endsTheRun_andReportsWhatDidNotHappen() {
    RunSpec s = TestSpecs.quickstart(ClientServer.NAME);
    RunSpec tight =
        s.withDeadlineNanos(700 * MS);
    RunResult r = local(tight);
    assertThat(r.timing().deadlineHit()).isTrue();
    assertThat(r.health().notes()).anySatisfy(n -> assertThat(n).contains("deadline"));
    long count = r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::count).sum();
    long failed = r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::failed).sum();
    assertThat(count).isEqualTo(s.workload().ops());
    assertThat(failed).isPositive();
  }

  /**
   * A stop (SIGINT, SIGTERM in the CLI) in the measured phase: no op is issued after it, and the
   * ops in flight get a grace to end ({@link RunCoordinator#GRACE}), so none is cut off as
   * unfinished when they all end in time (a lookup here takes tens of milliseconds).
   */
  @Test
  void aStopInTheMeasuredPhase_issuesNothingMore_andLetsTheOpsInFlightEnd() {
    RunSpec s = TestSpecs.quickstart(ClientServer.NAME);
    java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
    io.peerlab.core.run.ProgressListener progress = new io.peerlab.core.run.ProgressListener() {
      @Override
      public void opEnded(boolean ok, boolean measured) {
        if (measured) {
          ended.incrementAndGet();
        }
      }
    };
    RunSetup setup = RunSetup.of(s);
    io.peerlab.core.run.RunControl control =
        new io.peerlab.core.run.RunControl(progress, null, () -> ended.get() >= 60);
    RunResult r = io.peerlab.core.run.Summaries.summarize(
        setup, "local", new LocalRuntime().run(setup, control), null);
    long count = r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::count).sum();
    long ok = r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::ok).sum();
    long notStarted = r.figures().ops().values().stream()
        .mapToLong(o -> o.failures().getOrDefault("not-started", 0L)).sum();
    long unfinished = r.figures().ops().values().stream()
        .mapToLong(o -> o.failures().getOrDefault("unfinished", 0L)).sum();
    assertThat(count).isEqualTo(s.workload().ops());
    assertThat(ok).as("the ops before the stop, and those in flight at it").isGreaterThanOrEqualTo(60);
    assertThat(notStarted).as("nothing issued after the stop").isPositive();
    assertThat(unfinished).as("the grace let every op in flight end").isZero();
    assertThat(ok + notStarted).isEqualTo(count);
  }
}
