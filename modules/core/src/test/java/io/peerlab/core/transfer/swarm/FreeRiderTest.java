package io.peerlab.core.transfer.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.index.ClientServer;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.transfer.FlashCrowd;
import org.junit.jupiter.api.Test;

/**
 * {@code swarm.free-riders}: downloaders that never upload, and {@code swarm.tit-for-tat}, the
 * defence. Flash crowd of 40 (F = 1 MiB in 64 chunks, u_s = 4 MiB/s, u = 256 KiB/s, d = 1 MiB/s,
 * see {@link FlashCrowd}), sim, seed 42.
 *
 * <p>Under tit-for-tat a leecher gives its regular slots to the peers that gave it most, ranks
 * last (and never unchokes optimistically) peers that hold what it wants and never gave it
 * anything, and once complete it seeds the peers that gave to it first. A free-rider therefore
 * lives on the server (which serves every downloader alike, u_s / N each) and on what seeds spare
 * once the compliant peers are served. Without tit-for-tat nobody looks at what it got back.
 */
class FreeRiderTest {

  /** Compliant peers may be this much slower (p50) with 20 % free-riders than with none. */
  static final double MARGIN = 0.10;

  static RunResult run(double fraction) {
    return run(fraction, true);
  }

  static RunResult run(double fraction, boolean titForTat) {
    FlashCrowd crowd = FlashCrowd.of(40)
        .with(SwarmSettings.forTests().withFreeRiders(fraction).withTitForTat(titForTat))
        .with(FetchSettings.forTests());
    return crowd.run(ClientServer.NAME, SwarmStrategy.NAME);
  }

  private static double fetchP50(RunResult r) {
    return r.figures().ops().get("fetch").latencyMs().p50();
  }

  /** Free-riders' median download time over the compliant peers'. */
  private static double lag(RunResult.FreeRiders f) {
    return f.fetchP50Ms() / f.compliantFetchP50Ms();
  }

  /**
   * Issue 16's must-show. With 20 % free-riders (8 of 40) under tit-for-tat: everyone finishes;
   * the compliant peers' median download time is at most {@value #MARGIN} above the run without
   * free-riders (they lose 8 uplinks but feed the free-riders little); and the free-riders'
   * median is at least 10 % above the compliant peers'.
   */
  @Test
  void titForTat_leavesFreeRidersBehind_atLittleCostToTheOthers() {
    RunResult none = run(0.0);
    RunResult r = run(0.2);
    RunResult.FreeRiders f = r.figures().freeRiders();
    System.out.printf("no free-riders: p50 %.1f ms; 20 %% free-riders, tit-for-tat: %s%n",
        fetchP50(none), f);
    assertThat(none.figures().ops().get("fetch").ok()).isEqualTo(40);
    assertThat(f.count()).isEqualTo(8);
    assertThat(f.fetchOk()).isEqualTo(8);
    assertThat(f.compliantFetchOk()).isEqualTo(32);
    assertThat(f.compliantFetchP50Ms()).isLessThanOrEqualTo((1 + MARGIN) * fetchP50(none));
    assertThat(lag(f)).isGreaterThan(1.1);
  }

  /**
   * The same crowd with tit-for-tat off: the free-riders' lag behind the compliant peers shrinks
   * by at least 0.1 (ratio of medians), and what is left of it is their missing upload, not a
   * policy against them.
   */
  @Test
  void withoutTitForTat_theFreeRidersLagShrinks() {
    RunResult.FreeRiders on = run(0.2, true).figures().freeRiders();
    RunResult.FreeRiders off = run(0.2, false).figures().freeRiders();
    System.out.printf("20 %% free-riders, tit-for-tat on: %s%n off: %s%n", on, off);
    assertThat(off.fetchOk()).isEqualTo(8);
    assertThat(off.compliantFetchOk()).isEqualTo(32);
    assertThat(lag(off)).isLessThan(lag(on) - 0.1);
  }

  @Test
  void aFreeRider_uploadsNothing() {
    RunResult r = run(0.25);
    java.util.BitSet riders = new java.util.BitSet();
    // The same choice the run made: a function of the seed and the clients.
    io.peerlab.core.api.RunSetup setup = io.peerlab.core.api.RunSetup.of(
        FlashCrowd.of(40).with(SwarmSettings.forTests().withFreeRiders(0.25))
            .spec(ClientServer.NAME, SwarmStrategy.NAME));
    riders.or(FreeRiders.of(setup));
    assertThat(riders.cardinality()).isEqualTo(10);
    java.util.List<Long> uploaded = r.figures().load().perPeer().bytesUploaded();
    long contentLike = 0;
    for (int a = riders.nextSetBit(0); a >= 0; a = riders.nextSetBit(a + 1)) {
      contentLike += uploaded.get(a);
    }
    long trader = uploaded.get(riders.nextClearBit(1));
    // A free-rider still sends requests, bitfields and haves (about 100 KB); the others upload
    // chunks too (over 1 MB each).
    assertThat(contentLike / 10).isLessThan(trader / 5);
  }

  @Test
  void withoutFreeRiders_noFigureIsReported() {
    assertThat(run(0.0).figures().freeRiders()).isNull();
  }
}
