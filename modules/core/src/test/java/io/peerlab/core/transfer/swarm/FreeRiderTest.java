package io.peerlab.core.transfer.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.index.ClientServer;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.transfer.FlashCrowd;
import org.junit.jupiter.api.Test;

/**
 * {@code swarm.free-riders}: downloaders that never upload. Under tit-for-tat a member unchokes the
 * peers that upload to it fastest, so a free-rider gets pieces only from the seed and from
 * optimistic unchokes and finishes later than the peers that trade (Cohen 2003). Flash crowd of 40
 * (F = 1 MiB, u_s = 4 MiB/s, u = 256 KiB/s), a quarter free-riding, seed 42.
 */
class FreeRiderTest {

  static RunResult run(double fraction) {
    FlashCrowd crowd = FlashCrowd.of(40)
        .with(SwarmSettings.forTests().withFreeRiders(fraction))
        .with(FetchSettings.forTests());
    return crowd.run(ClientServer.NAME, SwarmStrategy.NAME);
  }

  /**
   * Everyone finishes, and the free-riders are not left behind here: the seed's spare uplink
   * (4 MiB/s, its slots growing while it idles) and optimistic unchokes feed them, and their own
   * uplink, carrying no chunks, never delays their requests. This is the BitThief result (Locher et
   * al., HotNets 2006): tit-for-tat between peers does not stop free-riding while seeds are
   * generous. Tolerance: their median download time is within 0.5–1.3 times the others'.
   */
  @Test
  void freeRiders_allFinish_andAGenerousSeedKeepsThemUp() {
    RunResult r = run(0.25);
    RunResult.FreeRiders f = r.figures().freeRiders();
    System.out.println("free-riders 25 %: " + f + ", distribution " + r.timing().distributionTimeMs());
    assertThat(f.count()).isEqualTo(10);
    assertThat(f.fetchOk()).isEqualTo(10);
    assertThat(f.compliantFetchOk()).isEqualTo(30);
    assertThat(f.fetchP50Ms() / f.compliantFetchP50Ms()).isBetween(0.5, 1.3);
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
