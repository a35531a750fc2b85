package io.peerlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.Message;
import io.peerlab.core.net.Link;
import io.peerlab.core.net.NetworkModel;
import io.peerlab.core.net.NetworkSpec;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class DeliverySchedulerTest {

  @Test
  void timers_fireWellUnderAMillisecondLate_acrossTheDistribution() throws Exception {
    int n = 2_000;
    Histogram lateness = new Histogram(3);
    CountDownLatch done = new CountDownLatch(n);
    long origin = System.nanoTime();
    DeliveryScheduler.Sink sink =
        new DeliveryScheduler.Sink() {
          @Override
          public void deliver(int to, int from, Message message, long dueNanos) {}

          @Override
          public void fire(int to, long handle, long dueNanos) {
            long late = (System.nanoTime() - origin) - dueNanos;
            synchronized (lateness) {
              lateness.recordValue(Math.max(0, late / 1_000));
            }
            done.countDown();
          }
        };
    NetworkModel net = new NetworkModel(NetworkSpec.off(), new Link[] {Link.UNLIMITED}, 1);
    try (DeliveryScheduler s = new DeliveryScheduler(net, sink, origin, "test-delivery")) {
      SplittableRandom r = new SplittableRandom(7);
      long t = s.now();
      for (int i = 0; i < n; i++) {
        t += r.nextLong(100_000, 2_000_000);
        s.timer(t + r.nextLong(1_000_000, 20_000_000), 0, i);
      }
      assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    }
    System.out.printf("delivery lateness (us) over %d timers of 1-20 ms: p50=%d p90=%d p99=%d"
            + " p99.9=%d max=%d%n", n,
        lateness.getValueAtPercentile(50), lateness.getValueAtPercentile(90),
        lateness.getValueAtPercentile(99), lateness.getValueAtPercentile(99.9), lateness.getMaxValue());
    // Pekko's 10 ms-tick scheduler fires such delays 25-35 ms late. On an idle 2-core machine this
    // one measured p50 ~40 us, p90 ~80 us; at load average 12 (other builds on the same 2 cores)
    // its p90 reached 1.4-3 ms. The bounds hold the median well under a millisecond and leave the
    // tail room for a busy machine: this checks accuracy, not speed.
    assertThat(lateness.getTotalCount()).isEqualTo(n);
    assertThat(lateness.getValueAtPercentile(50)).isLessThan(1_000);
    assertThat(lateness.getValueAtPercentile(90)).isLessThan(10_000);
  }

  @Test
  void messages_arriveWhenTheNetworkModelSays_inSendOrderPerLink() throws Exception {
    long ms = 1_000_000;
    NetworkSpec spec = NetworkSpec.latencyOnly(5 * ms);
    NetworkModel net = new NetworkModel(spec, new Link[] {Link.UNLIMITED, Link.UNLIMITED}, 1);
    int n = 200;
    long[] due = new long[n];
    int[] order = new int[n];
    CountDownLatch done = new CountDownLatch(n);
    long origin = System.nanoTime();
    DeliveryScheduler.Sink sink =
        new DeliveryScheduler.Sink() {
          int next;

          @Override
          public void deliver(int to, int from, Message message, long dueNanos) {
            int i = (int) message.op();
            due[i] = dueNanos;
            assertThat(System.nanoTime() - origin).isGreaterThanOrEqualTo(dueNanos);
            order[next++] = i;
            done.countDown();
          }

          @Override
          public void fire(int to, long handle, long dueNanos) {}
        };
    long[] sentAt = new long[n];
    try (DeliveryScheduler s = new DeliveryScheduler(net, sink, origin, "test-delivery")) {
      for (int i = 0; i < n; i++) {
        sentAt[i] = s.now();
        s.send(sentAt[i], 0, 1, new Probe(i));
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    }
    for (int i = 0; i < n; i++) {
      assertThat(order[i]).isEqualTo(i);
      assertThat(due[i]).isEqualTo(sentAt[i] + 5 * ms);
    }
  }

  @Test
  void cancelledTimers_neverFire() throws Exception {
    long ms = 1_000_000;
    int n = 2_000;
    long last = 1_000_000;
    java.util.Set<Long> fired = java.util.concurrent.ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(1);
    NetworkModel net = new NetworkModel(NetworkSpec.off(), new Link[] {Link.UNLIMITED}, 1);
    try (DeliveryScheduler s =
        new DeliveryScheduler(net, firing(fired, last, done), System.nanoTime(), "test-delivery")) {
      long t = s.now();
      // Even handles are cancelled at once, odd ones fire; all are due before the last one.
      for (long h = 0; h < n; h++) {
        s.timer(t + 500 * ms + h * 10_000, 0, h);
        if (h % 2 == 0) {
          s.cancel(0, h);
        }
      }
      s.timer(t + 600 * ms, 0, last);
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(fired).hasSize(n / 2 + 1);
    assertThat(fired).allMatch(h -> h % 2 == 1 || h == last);
  }

  @Test
  void cancelledTimers_areDroppedLongBeforeTheyAreDue() throws Exception {
    long ms = 1_000_000;
    int n = 4 * 1024;
    long probe = 1_000_000;
    java.util.Set<Long> fired = java.util.concurrent.ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(1);
    NetworkModel net = new NetworkModel(NetworkSpec.off(), new Link[] {Link.UNLIMITED}, 1);
    DeliveryScheduler s =
        new DeliveryScheduler(net, firing(fired, probe, done), System.nanoTime(), "test-delivery");
    try (s) {
      long t = s.now();
      // Like op timeouts: due an hour ahead, cancelled at once.
      for (long h = 0; h < n; h++) {
        s.timer(t + 3_600_000 * ms, 0, h);
        s.cancel(0, h);
      }
      s.timer(s.now() + 10 * ms, 0, probe);
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(fired).containsExactly(probe);
    // The pass that fired the probe (after taking in every timer and cancellation before it) left
    // nothing held: the hour-ahead timers were dropped, not kept until they were due.
    assertThat(s.held()).isZero();
  }

  private static DeliveryScheduler.Sink firing(java.util.Set<Long> fired, long last, CountDownLatch done) {
    return new DeliveryScheduler.Sink() {
      @Override
      public void deliver(int to, int from, Message message, long dueNanos) {}

      @Override
      public void fire(int to, long handle, long dueNanos) {
        fired.add(handle);
        if (handle == last) {
          done.countDown();
        }
      }
    };
  }

  /** A minimal message whose op field carries its sequence number. */
  record Probe(long op) implements Message {
    @Override
    public int wireSize() {
      return 100;
    }
  }
}
