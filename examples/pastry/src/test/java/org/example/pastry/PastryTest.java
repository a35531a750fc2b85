package org.example.pastry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peerlab.core.api.Directory;
import io.peerlab.core.id.Key;
import io.peerlab.testkit.Oracle;
import io.peerlab.testkit.ProtocolReport;
import io.peerlab.testkit.ProtocolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pastry against the paper (Rowstron and Druschel 2001, §2.2 and §3.1): with b = 4 every lookup
 * reaches the peer whose id is numerically closest to the key, in fewer than ⌈log16 N⌉ hops on
 * average, whether the peers joined by the protocol of §2.4 (the default) or were warm-started.
 * Hops count the routing messages from the origin to that peer (0 when the origin is it).
 * README.md has the figures up to N = 100,000 (-Dpastry.n=100000 [-Dpastry.warm-start=true]).
 */
class PastryTest {

  /** The peer whose id is numerically closest to the key on the ring: Pastry's responsible peer. */
  static final Oracle NUMERICALLY_CLOSEST = (Directory d, Key key) -> {
    int best = 0;
    for (int a = 1; a < d.size(); a++) {
      if (Digits.distance(d.get(a).key(), key).compareTo(Digits.distance(d.get(best).key(), key)) < 0) {
        best = a;
      }
    }
    return new int[] {best};
  };

  static final PastrySettings JOIN = PastrySettings.DEFAULTS;
  static final PastrySettings WARM = PastrySettings.DEFAULTS.withWarmStart(true);

  @Test
  void afterJoining_everyLookupReachesTheNumericallyClosestPeer_inFewerThanLog16NHops() {
    check(1_000, JOIN);
  }

  @ParameterizedTest(name = "N = {0}")
  @ValueSource(ints = {1_000, 10_000})
  void warmStarted_everyLookupReachesTheNumericallyClosestPeer_inFewerThanLog16NHops(int n) {
    check(n, WARM);
  }

  /**
   * {@code mvn test -Dtest='PastryTest#atTheSizeAsked' -Dpastry.n=10000 [-Dpastry.warm-start=true]}: a
   * size of your choice (README.md; joining 10,000 peers takes about ten seconds, so peerlab's build
   * joins 1,000).
   */
  @Test
  @EnabledIfSystemProperty(named = "pastry.n", matches = "[0-9]+")
  void atTheSizeAsked() {
    check(Integer.getInteger("pastry.n"), Boolean.getBoolean("pastry.warm-start") ? WARM : JOIN);
  }

  static ProtocolReport check(int sized, PastrySettings settings) {
    int bound = (int) Math.ceil(Math.log(sized) / Math.log(16));
    ProtocolReport r =
        ProtocolRun.of(new Pastry()).peers(sized).seed(2001).lookups(64, 2_000).settings(settings).onSim();
    r.assertAllOpsSucceeded()
        .assertEveryLookupAnsweredBy(NUMERICALLY_CLOSEST)
        .assertMeanHopsAtMost(bound);
    assertEquals(2_000, r.answers().size());
    System.out.printf("pastry N=%d (%s): mean hops %.3f over %d lookups, 100%% answered by the numerically"
        + " closest peer; ceil(log16 N) = %d%n", sized, settings.warmStart() ? "warm start" : "joined",
        r.meanHops(), r.answers().size(), bound);
    return r;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void rerunsAreIdentical(long seed) {
    ProtocolRun.of(new Pastry()).peers(300).seed(seed).lookups(16, 300).settings(JOIN).assertRerunsIdentical();
  }
}
