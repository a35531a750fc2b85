package io.peerlab.core.overlay.kademlia;

import static io.peerlab.core.TestSpecs.SEC;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.Failures;
import io.peerlab.core.churn.ChurnSettings;
import io.peerlab.core.churn.ChurnSettings.TraceEntry;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.StructuredRuns;
import io.peerlab.core.overlay.dht.DhtSettings;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kademlia's repair, one mechanism at a time, with a churn trace (sim, seeded): a peer comes back
 * while peer 0 (the start-up bootstrap) is down; a graceful leave hands the values over where a
 * crash loses them.
 */
class KademliaRepairTest {

  static final int PEERS = 300;

  static WorkloadSpec lookups(int ops, double rate) {
    return new WorkloadSpec(LoadMode.OPEN, PEERS, ops, 0, rate, 0, 1.0, 0.0, 0.0, 30 * SEC, 1);
  }

  static ChurnSettings trace(double graceful, List<TraceEntry> events) {
    return new ChurnSettings(ChurnSettings.Model.TRACE, SEC, 0.5, SEC, graceful, events, 0);
  }

  static StructuredRuns.Run run(long seed, WorkloadSpec w, ChurnSettings churn) {
    KademliaSettings s = KademliaLookupTest.defaults().withK(8).withTimers(SEC, 3_600 * SEC);
    return StructuredRuns.run(
        StructuredRuns.spec("kademlia", seed, PEERS, StructuredRuns.uniformObjects(100), w, s,
            churn, new DhtSettings(1)),
        nodes -> {});
  }

  @Test
  void comeback_whilePeerZeroIsDown_joinsThroughAnotherPeer() {
    // Peer 0 crashes for good at 1 s; peer 7 crashes at 2 s and is back at 5 s.
    ChurnSettings churn =
        trace(0.0, List.of(new TraceEntry(SEC, 0, false), new TraceEntry(2 * SEC, 7, false),
            new TraceEntry(5 * SEC, 7, true)));
    StructuredRuns.Run run = run(3, lookups(600, 20), churn);
    KademliaOverlay seven = (KademliaOverlay) run.peers().get(7).overlay();
    assertThat(seven.member()).isTrue();
    assertThat(seven.routingTable().size()).isGreaterThan(8);
    assertThat(run.peers().get(0).down()).isTrue();
    RunResult.OpSummary l = run.result().figures().ops().get("lookup");
    System.out.printf("comeback: lookups ok %d failures %s%n", l.ok(), l.failures());
    // Only ops whose client was down fail: every lookup issued found its record.
    assertThat(l.failures().keySet()).isSubsetOf(Failures.CLIENT_DOWN, Failures.PEER_CRASHED);
    assertThat(l.failures().getOrDefault(Failures.PEER_CRASHED, 0L)).isLessThanOrEqualTo(2);
  }

  /** Every 10th peer departs, one per second from 1 s on, and never comes back. */
  static List<TraceEntry> departures() {
    List<TraceEntry> out = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      out.add(new TraceEntry(i * SEC, 10 * i + 3, false));
    }
    return out;
  }

  @Test
  void gracefulLeave_handsValuesOver_whereACrashLosesThem() {
    WorkloadSpec w = lookups(1_200, 20); // 60 s of lookups, the last 40 s after every departure
    RunResult.OpSummary left = run(5, w, trace(1.0, departures())).result().figures().ops()
        .get("lookup");
    RunResult.OpSummary crashed = run(5, w, trace(0.0, departures())).result().figures().ops()
        .get("lookup");
    long leftNotFound = left.failures().getOrDefault(Failures.NOT_FOUND, 0L);
    long crashedNotFound = crashed.failures().getOrDefault(Failures.NOT_FOUND, 0L);
    System.out.printf("graceful leave: not-found %d; crash: not-found %d (of %d lookups)%n",
        leftNotFound, crashedNotFound, w.ops());
    // One copy, no republish: with 20 of 300 peers gone, about 20/300 of 100 records lose their
    // only copy in a crash; the leaves hand them over.
    assertThat(leftNotFound).isZero();
    assertThat(crashedNotFound).isGreaterThan(10);
  }
}
