package io.peerlab.core.overlay.kademlia;

import static io.peerlab.core.TestSpecs.SEC;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.churn.ChurnSettings;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.StructuredRuns;
import io.peerlab.core.overlay.dht.DhtSettings;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kademlia under Weibull churn (k = 0.5, as measured in Kad), N = 2,000 peers on the sim host,
 * seeded. Time is compressed: sessions and dead times have a mean of {@link #LIFETIME} of virtual
 * time instead of hours, and the repair periods shrink with them (republish every {@link
 * #REPUBLISH}, bucket refresh every {@link #REFRESH}, RPC timeout 1 s), so the ratio of session
 * length to repair period (what decides whether values outlive their storers) stays that of a
 * Kad-like network republishing hourly; the measured phase lasts {@link #MEASURED}, 4.5 mean
 * sessions. Sessions and dead times have the same mean, so about half the peers are online. Values have {@code dht.replicas} = {@link #REPLICAS} copies; k = 8 (as in BitTorrent's
 * DHT) keeps the run short. 2,000 lookups, uniform over 500 objects, spread evenly over the
 * measured phase; a lookup succeeds only when a
 * live peer says it stores the object's record.
 *
 * <p>Tolerances: with republishing at least 99 % of the lookups issued succeed (the issue's
 * figure; this seed gives 99.26 %, the failures being 3 not-found and 7 lookups whose origin
 * crashed or left); without it at least 5 percentage points fewer succeed (this seed: 90.39 %,
 * 124 not-found). One seed, deterministic; the figures are printed.
 */
class KademliaChurnTest {
  static final long LIFETIME = 200 * SEC;
  static final long MEASURED = 900 * SEC;
  static final long REPUBLISH = 40 * SEC;
  static final long REFRESH = 300 * SEC;
  static final int REPLICAS = 2;
  static final int PEERS = 2_000;

  static RunResult churnRun(boolean republish) {
    KademliaSettings s =
        KademliaLookupTest.defaults().withK(8).withTimers(SEC, REFRESH)
            .withRepublish(republish ? REPUBLISH : 0);
    ChurnSettings churn =
        new ChurnSettings(ChurnSettings.Model.WEIBULL, LIFETIME, 0.5, LIFETIME, 0.5, List.of(), 0);
    int ops = 2_000;
    WorkloadSpec w =
        new WorkloadSpec(LoadMode.OPEN, PEERS, ops, 0, ops / (double) (MEASURED / SEC), 0, 1.0,
            0.0, 0.0, 30 * SEC, 1);
    StructuredRuns.Run run =
        StructuredRuns.run(
            StructuredRuns.spec("kademlia", 12, PEERS, StructuredRuns.uniformObjects(500), w, s,
                churn, new DhtSettings(REPLICAS)),
            nodes -> {});
    RunResult.OpSummary l = run.result().figures().ops().get("lookup");
    System.out.printf(
        "kademlia churn republish=%s: issued %d ok %d availability %.4f notIssued %d failures %s"
            + " maintenance %s dataLoss %s%n",
        republish, l.ok() + l.failed() - l.notIssued(), l.ok(), l.availability(), l.notIssued(),
        l.failures(), run.result().figures().maintenance(), run.result().figures().dataLoss());
    System.out.printf("  %s%n", run.outcome().notes());
    return run.result();
  }

  @Test
  void weibullChurn_lookupsSucceedWithRepublishAndFailWithout() {
    double on = churnRun(true).figures().ops().get("lookup").availability();
    double off = churnRun(false).figures().ops().get("lookup").availability();
    assertThat(on).isGreaterThanOrEqualTo(0.99);
    assertThat(off).isLessThanOrEqualTo(on - 0.05);
  }
}
