package io.peerlab.core.net;

import static io.peerlab.core.TestSpecs.MIB;
import static io.peerlab.core.TestSpecs.MS;
import static io.peerlab.core.TestSpecs.SEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NetworkModelTest {

  private static NetworkModel model(long latency, Link link, int peers) {
    Link[] links = new Link[peers];
    Arrays.fill(links, link);
    return new NetworkModel(new NetworkSpec(true, latency, latency, 0, link, link), links, 1);
  }

  @Test
  void oneMebibyteOverOneMebibytePerSecondUplink_arrivesAfterOneSecondPlusLatency() {
    NetworkModel m = model(10 * MS, new Link(1 * MIB, 4 * MIB), 2);
    assertThat(m.arrival(0, 0, 1, (int) MIB)).isEqualTo(1 * SEC + 10 * MS);
  }

  @Test
  void uplink_isAFifoQueue() {
    NetworkModel m = model(10 * MS, new Link(1 * MIB, 0), 3);
    long first = m.arrival(0, 0, 1, (int) MIB);
    long second = m.arrival(0, 0, 2, (int) MIB);
    assertThat(first).isEqualTo(1 * SEC + 10 * MS);
    assertThat(second).isEqualTo(2 * SEC + 10 * MS);
    // A message sent after the queue drained leaves at once.
    assertThat(m.arrival(5 * SEC, 0, 1, (int) MIB)).isEqualTo(6 * SEC + 10 * MS);
  }

  @Test
  void downlink_isSharedByConcurrentSenders() {
    // Five senders with 1 MiB/s up into one 4 MiB/s downlink: four fit at full speed, the fifth
    // waits for downlink capacity.
    Link[] links = new Link[6];
    Arrays.fill(links, new Link(1 * MIB, 1 * MIB));
    links[5] = new Link(1 * MIB, 4 * MIB);
    NetworkModel m = new NetworkModel(new NetworkSpec(true, 0, 0, 0, links[0], links[0]), links, 1);
    long[] first = new long[5];
    long[] last = new long[5];
    for (int s = 0; s < 5; s++) {
      first[s] = m.uplink(0, s, 5, (int) MIB);
      last[s] = m.lastBit();
    }
    long[] arrivals = new long[5];
    for (int s = 0; s < 5; s++) {
      arrivals[s] = m.downlink(5, (int) MIB, first[s], last[s]);
    }
    for (int s = 0; s < 4; s++) {
      assertThat(arrivals[s]).isEqualTo(1 * SEC);
    }
    assertThat(arrivals[4]).isEqualTo(1 * SEC + SEC / 4);
  }

  @Test
  void downlinkFrom_theSenderAndSize_isDownlinkFromTheLastBit() {
    // Two models fed the same traffic: one's downlink stage is given the last-bit time, the other's
    // the sender and size. Mixed links (unlimited ones too), sizes and a busy downlink.
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    Link[] links = new Link[8];
    for (int i = 0; i < links.length; i++) {
      links[i] = new Link(r.nextInt(3) == 0 ? 0 : (1 + r.nextInt(64)) * 64 * 1024,
          r.nextInt(3) == 0 ? 0 : (1 + r.nextInt(64)) * 64 * 1024);
    }
    NetworkSpec spec = new NetworkSpec(true, 1 * MS, 30 * MS, 0, links[0], links[0]);
    NetworkModel a = new NetworkModel(spec, links, 3);
    NetworkModel b = new NetworkModel(spec, links, 3);
    long now = 0;
    for (int i = 0; i < 20_000; i++) {
      now += r.nextInt(200_000);
      int from = r.nextInt(links.length);
      int to = (from + 1 + r.nextInt(links.length - 1)) % links.length; // (to itself: no stages)
      int bytes = r.nextInt(4) == 0 ? r.nextInt(2 * (int) MIB) : r.nextInt(2_000);
      long first = a.uplink(now, from, to, bytes);
      long last = a.lastBit();
      assertThat(b.uplink(now, from, to, bytes)).isEqualTo(first);
      // (in this test the stages run in send order, not first-bit order: the arithmetic is the point)
      assertThat(b.downlinkFrom(from, to, bytes, first)).as("message %d", i)
          .isEqualTo(a.downlink(to, bytes, first, last));
    }
  }

  @Test
  void slowDownlink_boundsArrival() {
    Link[] links = {new Link(0, 0), new Link(0, 1 * MIB)};
    NetworkModel m = new NetworkModel(new NetworkSpec(true, 5 * MS, 5 * MS, 0, links[0], links[0]), links, 1);
    assertThat(m.arrival(0, 0, 1, (int) (2 * MIB))).isEqualTo(5 * MS + 2 * SEC);
  }

  @Test
  void latency_isSymmetricWithinRangeAndSeeded() {
    Link[] links = new Link[50];
    Arrays.fill(links, Link.UNLIMITED);
    NetworkSpec spec = new NetworkSpec(true, 5 * MS, 25 * MS, 0, Link.UNLIMITED, Link.UNLIMITED);
    NetworkModel a = new NetworkModel(spec, links, 7);
    NetworkModel b = new NetworkModel(spec, links, 7);
    NetworkModel c = new NetworkModel(spec, links, 8);
    double sum = 0;
    int pairs = 0;
    int differs = 0;
    for (int i = 0; i < 50; i++) {
      assertThat(a.latency(i, i)).isZero();
      for (int j = i + 1; j < 50; j++) {
        long l = a.latency(i, j);
        assertThat(l).isBetween(5 * MS, 25 * MS).isEqualTo(a.latency(j, i)).isEqualTo(b.latency(i, j));
        differs += l != c.latency(i, j) ? 1 : 0;
        sum += l;
        pairs++;
      }
    }
    assertThat(sum / pairs).isCloseTo(15.0 * MS, within(1.0 * MS));
    assertThat(differs).isGreaterThan(pairs / 2);
  }

  @Test
  void loss_dropsTheConfiguredFraction() {
    Link[] links = {Link.UNLIMITED, Link.UNLIMITED};
    NetworkModel m =
        new NetworkModel(new NetworkSpec(true, MS, MS, 0.2, Link.UNLIMITED, Link.UNLIMITED), links, 3);
    int lost = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      if (m.arrival(i, 0, 1, 100) == NetworkModel.LOST) {
        lost++;
      }
    }
    assertThat((double) lost / n).isCloseTo(0.2, within(0.015));
  }

  @Test
  void disabledModel_deliversAtOnce() {
    Link[] links = {new Link(1, 1), new Link(1, 1)};
    NetworkModel m = new NetworkModel(NetworkSpec.off(), links, 1);
    assertThat(m.arrival(123, 0, 1, 1_000_000)).isEqualTo(123);
    assertThat(m.latency(0, 1)).isZero();
  }

  @Test
  void transmission_roundsUpAndHandlesHugeSizes() {
    assertThat(NetworkModel.transmission(1, 3)).isEqualTo(333_333_334L);
    assertThat(NetworkModel.transmission(0, 3)).isZero();
    assertThat(NetworkModel.transmission(100, 0)).isZero();
    assertThat(NetworkModel.transmission(20_000_000_000L, 1_000_000_000L)).isEqualTo(20 * SEC);
  }
}
