package io.peerlab.core.sim;

import static io.peerlab.core.TestSpecs.SEC;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.SimRuns;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.overlay.index.ClientServer;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A closed-loop client sets one op timeout per op and cancels it when the op ends: the sim host
 * neither counts those timers as events nor keeps them queued for the whole timeout.
 */
class CancelledTimerTest {

  /** 12 clients, 2,400 lookups from one server, no loss: every op timeout is cancelled. */
  private static RunSpec lookups(long opTimeoutNanos) {
    RunSpec s = TestSpecs.quickstart(ClientServer.NAME);
    WorkloadSpec w = new WorkloadSpec(LoadMode.CLOSED, 12, 2_400, 0, 0, 0, 1, 0, 0, opTimeoutNanos, 1);
    return s.edit(e -> e.workload = w);
  }

  @Test
  void cancelledTimers_areNotEvents() {
    // Timeouts of 1 s in a run of several virtual seconds: most cancelled ones come due during it.
    AtomicLong delivered = new AtomicLong();
    RunControl counting = RunControl.quiet().withObserver((time, from, to, m) -> delivered.incrementAndGet());
    SimRuns.Run run = SimRuns.run(lookups(SEC), counting);
    assertThat(run.result().figures().ops().get("lookup").ok()).isEqualTo(2_400);
    assertThat(run.outcome().measureEndNanos()).isGreaterThan(3 * SEC);
    // No timer was wanted when it came due: every event is a delivery.
    assertThat(run.outcome().events()).isEqualTo(delivered.get());
  }

  @Test
  void cancelledTimers_leaveTheQueue_beforeTheyComeDue() {
    // Timeouts of 60 s: kept until due, all 2,400 would be queued at the end of the run.
    SimNet net = new SimNet(RunSetup.of(lookups(60 * SEC)), (peer, phase) -> {});
    AtomicLong maxQueued = new AtomicLong();
    net.observeDeliveries((time, from, to, m) -> maxQueued.accumulateAndGet(net.queued(), Math::max));
    for (Phase p : new Phase[] {Phase.JOIN, Phase.PUBLISH, Phase.WARMUP, Phase.MEASURE}) {
      for (int a = 0; a < net.size(); a++) {
        net.node(a).begin(p);
      }
      net.runUntil(net.now() + 50 * SEC);
    }
    assertThat(net.sent()).isGreaterThanOrEqualTo(4_800);
    // 12 live timeouts and at most 12 messages in flight, plus cancelled ones not yet dropped.
    assertThat(maxQueued.get()).isLessThan(300);
  }

  @Test
  void retain_keepsTheOrderOfWhatStays() {
    EventQueue q = new EventQueue();
    SplittableRandom r = new SplittableRandom(7);
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      q.add(r.nextInt(500), i % 3, i, 0, i, null);
    }
    for (int i = 0; i < 100; i++) { // some polled first, so the heap is not in insertion order
      q.poll();
    }
    int dropped = q.retain((kind, target, aux) -> kind != 1);
    assertThat(dropped).isBetween(3_000, 3_400);
    long lastT = -1;
    long lastX = -1;
    int left = q.size();
    for (int i = 0; i < left; i++) {
      q.poll();
      assertThat(q.k).isNotEqualTo(1);
      assertThat(q.x).isEqualTo(q.to); // the fields of an entry stayed together
      assertThat(q.t > lastT || (q.t == lastT && q.x > lastX)).isTrue();
      lastT = q.t;
      lastX = q.x;
    }
    assertThat(q.isEmpty()).isTrue();
  }
}
