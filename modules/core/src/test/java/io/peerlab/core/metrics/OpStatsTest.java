package io.peerlab.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * OpStats keeps its first values and makes histograms later: whatever the split between peers and
 * the order of merging, the merged histograms must equal one histogram that recorded every value.
 */
class OpStatsTest {

  @Test
  void mergedStatsEqualOneHistogramOfEveryValue() {
    SplittableRandom random = new SplittableRandom(7);
    Histogram allLatency = new Histogram(OpStats.DIGITS);
    Histogram allHops = new Histogram(OpStats.DIGITS);
    // Peers with 0, a few, exactly EXACT_VALUES, and more than EXACT_VALUES ops.
    int[] perPeer = {0, 1, 3, OpStats.EXACT_VALUES - 1, OpStats.EXACT_VALUES,
        OpStats.EXACT_VALUES + 1, 5 * OpStats.EXACT_VALUES, 17, 2};
    OpStats[] peers = new OpStats[perPeer.length];
    for (int p = 0; p < perPeer.length; p++) {
      peers[p] = new OpStats();
      for (int i = 0; i < perPeer[p]; i++) {
        long nanos = random.nextLong(1_000, 5_000_000_000L);
        int hops = random.nextInt(0, 40);
        peers[p].recordOk(nanos, hops);
        allLatency.recordValue(nanos / 1_000);
        allHops.recordValue(hops);
      }
      peers[p].recordFailed(p % 2 == 0 ? "timeout" : "not-found");
    }
    // Merge in two orders: into a fresh total, and pairwise into the last peer.
    OpStats total = new OpStats();
    for (OpStats s : peers) {
      total.merge(s);
    }
    OpStats chain = new OpStats();
    for (int p = peers.length - 1; p >= 0; p--) {
      OpStats copy = new OpStats();
      copy.merge(peers[p]);
      copy.merge(chain);
      chain = copy;
    }
    for (OpStats s : new OpStats[] {total, chain}) {
      assertEquals(allLatency.getTotalCount(), s.ok());
      assertEquals(allLatency, s.latencyMicros());
      assertEquals(allHops, s.hops());
      for (double q : new double[] {50, 90, 99, 99.9, 100}) {
        assertEquals(allLatency.getValueAtPercentile(q), s.latencyMicros().getValueAtPercentile(q));
      }
      assertEquals(allLatency.getMean(), s.latencyMicros().getMean());
      assertEquals(perPeer.length, s.failed());
      assertEquals(5L, s.failures().get("timeout"));
      assertEquals(4L, s.failures().get("not-found"));
    }
  }

  @Test
  void anIdlePeerReportsEmptyHistograms() {
    OpStats s = new OpStats();
    assertEquals(0, s.latencyMicros().getTotalCount());
    assertEquals(0, s.hops().getTotalCount());
    assertEquals(0, s.failures().size());
  }
}
