package io.peerlab.core.sim;

import static io.peerlab.core.TestSpecs.MS;
import static io.peerlab.core.TestSpecs.SEC;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.SimRuns;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.net.Link;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.overlay.index.CentralIndex;
import io.peerlab.core.overlay.index.ClientServer;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimHostTest {

  private static RunSpec with(RunSpec s, NetworkSpec n, WorkloadSpec w, long deadline) {
    return s.edit(e -> {
      e.network = n;
      e.workload = w;
      e.deadlineNanos = deadline;
    });
  }

  @Test
  void sameSeed_givesTheSameResultsAndTheSameMessageTrace() {
    for (String t : List.of(ClientServer.NAME, CentralIndex.NAME)) {
      List<String> trace1 = new ArrayList<>();
      List<String> trace2 = new ArrayList<>();
      RunResult a = SimRuns.run(TestSpecs.quickstart(t), tracing(trace1)).result();
      RunResult b = SimRuns.run(TestSpecs.quickstart(t), tracing(trace2)).result();
      assertThat(a).isEqualTo(b);
      assertThat(trace1).isEqualTo(trace2).hasSizeGreaterThan(1000);
    }
  }

  private static RunControl tracing(List<String> sink) {
    return RunControl.quiet()
        .withObserver((time, from, to, m) -> sink.add(time + " " + from + ">" + to + " " + describe(m)));
  }

  private static String describe(Message m) {
    return m.getClass().getSimpleName() + "/" + m.op() + "/" + m.wireSize();
  }

  @Test
  void deadline_stopsTheRun_andCountsUnfinishedOpsAsFailed() {
    RunSpec s = TestSpecs.quickstart(ClientServer.NAME);
    RunSpec tight = with(s, s.network(), s.workload(), 800 * MS);
    RunResult r = SimRuns.run(tight).result();
    assertThat(r.timing().deadlineHit()).isTrue();
    long count = r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::count).sum();
    long failed = r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::failed).sum();
    assertThat(count).isEqualTo(s.workload().ops());
    assertThat(failed).isPositive();
    assertThat(r.health().notes()).anySatisfy(n -> assertThat(n).contains("deadline"));
    long cutShort =
        r.figures().ops().values().stream()
            .mapToLong(o -> o.failures().getOrDefault("unfinished", 0L)
                + o.failures().getOrDefault("not-started", 0L))
            .sum();
    assertThat(cutShort).isEqualTo(failed);
  }

  @Test
  void lostMessages_failOpsByTimeout_butTheRunStillEnds() {
    RunSpec s = TestSpecs.quickstart(ClientServer.NAME);
    NetworkSpec lossy =
        new NetworkSpec(true, 5 * MS, 25 * MS, 0.05, s.network().peer(), s.network().server());
    WorkloadSpec w = new WorkloadSpec(LoadMode.CLOSED, 12, 240, 0, 0, 0, 0.5, 0.2, 0.3, 2 * SEC, 1);
    RunResult r = SimRuns.run(with(s, lossy, w, 600 * SEC)).result();
    assertThat(r.timing().deadlineHit()).isFalse();
    assertThat(r.health().messagesLost()).isPositive();
    long ok = r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::ok).sum();
    long timeouts = r.figures().ops().values().stream().mapToLong(o -> o.failures().getOrDefault("timeout", 0L)).sum();
    assertThat(ok + timeouts).isEqualTo(240);
    assertThat(timeouts).isPositive();
  }

  @Test
  void openLoop_recordsFromTheIntendedStart_soOverloadShowsAsGrowingLatency() {
    RunSpec s = TestSpecs.quickstart(ClientServer.NAME);
    NetworkSpec slowServer =
        new NetworkSpec(true, 10 * MS, 10 * MS, 0, new Link(TestSpecs.MIB, 4 * TestSpecs.MIB),
            new Link(TestSpecs.MIB, 4 * TestSpecs.MIB));
    // Fetches of 256 KiB through a 1 MiB/s server uplink: at most 4 per second.
    WorkloadSpec light = new WorkloadSpec(LoadMode.OPEN, 8, 40, 0, 2, 0, 0, 0, 1, 600 * SEC, 1);
    WorkloadSpec heavy = new WorkloadSpec(LoadMode.OPEN, 8, 40, 0, 8, 0, 0, 0, 1, 600 * SEC, 1);
    RunResult l = SimRuns.run(with(s, slowServer, light, 3600 * SEC)).result();
    RunResult h = SimRuns.run(with(s, slowServer, heavy, 3600 * SEC)).result();
    double lightP99 = l.figures().ops().get("fetch").latencyMs().p99();
    double heavyMax = h.figures().ops().get("fetch").latencyMs().max();
    // Offered twice the capacity for 5 s: the queue grows to ~5 s of work.
    assertThat(lightP99).isLessThan(1_000);
    assertThat(heavyMax).isGreaterThan(3_000);
  }

  @Test
  void eventQueue_isOrderedByTimeThenInsertion() {
    EventQueue q = new EventQueue();
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      q.add(r.nextInt(100), 0, i, 0, i, null);
    }
    long lastT = -1;
    long lastX = -1;
    for (int i = 0; i < n; i++) {
      q.poll();
      assertThat(q.t).isGreaterThanOrEqualTo(lastT);
      if (q.t == lastT) {
        assertThat(q.x).isGreaterThan(lastX);
      }
      lastT = q.t;
      lastX = q.x;
    }
    assertThat(q.isEmpty()).isTrue();
  }
}
