package io.peerlab.core.overlay.index;

import static io.peerlab.core.TestSpecs.KIB;
import static io.peerlab.core.TestSpecs.SEC;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.SimRuns;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Failures;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.churn.FailureSettings;
import io.peerlab.core.churn.FailureSettings.Outage;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Server outages under client-server and central-index (issue 12): an open-loop workload spreads
 * ops evenly over a 20 s measured phase (6,000 ops at 300 ops/s, Poisson arrivals), so the share of
 * ops issued while a server is down is the share of time it is down. Objects are one 64 KiB chunk,
 * so the servers are never the bottleneck.
 */
class ClientServerChurnTest {

  static final int OPS = 6_000;
  static final double RATE = 300; // ops per second: a 20 s measured phase

  static RunSpec spec(String topology, int servers, List<Outage> outages) {
    RunSpec base = TestSpecs.spec(topology, 40, servers, open());
    ObjectsSpec objects = new ObjectsSpec(100, 64 * KIB, (int) (64 * KIB), 0.8, 3, 200, 1);
    return new RunSpec(
        base.scenario(), base.seed(), base.topology(), base.transfer(), base.peers(), servers,
        base.network(), objects, base.workload(), base.deadlineNanos(), base.phaseTimeoutNanos(),
        base.settings().with(new FailureSettings(-1, 0.5, outages, List.of())));
  }

  static WorkloadSpec open() {
    return new WorkloadSpec(LoadMode.OPEN, 30, OPS, 0, RATE, 0, 0.4, 0.3, 0.3, 10 * SEC, 1);
  }

  /** ok / issued over every op type. */
  static double availability(RunResult r) {
    long ok = 0;
    long issued = 0;
    for (RunResult.OpSummary o : r.figures().ops().values()) {
      ok += o.ok();
      issued += o.count() - (o.notIssued() == null ? 0 : o.notIssued());
    }
    return (double) ok / issued;
  }

  static long failures(RunResult r, String reason) {
    return r.figures().ops().values().stream()
        .mapToLong(o -> o.failures().getOrDefault(reason, 0L))
        .sum();
  }

  @Test
  void oneServer_downFor10PercentOfTheMeasuredPhase_failsTheOpsIssuedInIt() {
    RunResult r =
        SimRuns.run(spec(ClientServer.NAME, 1, List.of(new Outage(0, 8 * SEC, 10 * SEC)))).result();
    assertThat(r.health().errors()).isZero();
    double a = availability(r);
    System.out.printf("client-server, 1 server down 8s..10s of 20s: availability %.4f %s%n",
        a, r.figures().ops().get("lookup").failures());
    // Tolerance 0.01: the share of Poisson arrivals in a tenth of the phase (sd 0.004 at 6,000 ops).
    assertThat(a).isBetween(0.89, 0.91);
    // Every failure is an op issued while the only server was down, after its request timeout.
    assertThat(failures(r, Failures.SERVER_DOWN))
        .isEqualTo(r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::failed).sum());
  }

  @Test
  void twoServers_withNonOverlappingOutages_failOver() {
    RunResult r =
        SimRuns.run(
                spec(
                    ClientServer.NAME, 2,
                    List.of(new Outage(0, 4 * SEC, 6 * SEC), new Outage(1, 12 * SEC, 14 * SEC))))
            .result();
    assertThat(r.health().errors()).isZero();
    double a = availability(r);
    System.out.printf("client-server, 2 servers, outages 4..6 s and 12..14 s: availability %.5f %s%n",
        a, r.figures().ops().get("fetch").failures());
    assertThat(a).isGreaterThanOrEqualTo(0.999);
  }

  @Test
  void centralIndex_outageFailsLookupsAndSearches_transfersUnderWayGoOn() {
    RunResult r =
        SimRuns.run(spec(CentralIndex.NAME, 1, List.of(new Outage(0, 8 * SEC, 10 * SEC))))
            .result();
    assertThat(r.health().errors()).isZero();
    for (String op : List.of("lookup", "search", "fetch")) {
      System.out.printf("central-index, index down 8s..10s of 20s: %s ok %d/%d %s%n", op,
          r.figures().ops().get(op).ok(), r.figures().ops().get(op).count(),
          r.figures().ops().get(op).failures());
    }
    assertThat(r.figures().ops().get("lookup").failures()).containsKey(Failures.SERVER_DOWN);
    assertThat(r.figures().ops().get("search").failures()).containsKey(Failures.SERVER_DOWN);
    // Downloads from peers that had located their holders go on: no fetch fails in its transfer.
    assertThat(r.figures().ops().get("fetch").failures().keySet())
        .isSubsetOf(Failures.SERVER_DOWN, Failures.NOT_FOUND);
    // The restarted index is rebuilt at once: it asks every peer to publish again when first
    // asked with an empty table, so only queries that arrive in that round trip find nothing.
    assertThat(failures(r, Failures.NOT_FOUND)).isLessThanOrEqualTo(10);
    // As client-server's: the ops issued in the outage fail (tolerance 0.01 as there).
    assertThat(availability(r)).isBetween(0.89, 0.91);
  }
}
