package io.peerlab.core.metrics;

import java.util.Arrays;

/**
 * Maintenance traffic over time: messages and wire bytes that peers sent for no op (stabilisation,
 * pings, refreshes, republishing, repair) during the measured phase, counted in slots of {@link
 * #SLOT_NANOS} of the run clock. One per run and JVM, shared by the peers there (thread-safe); the
 * timeline sums slots into its intervals, so an interval that is not a multiple of the slot is
 * approximate at its edges. Its size grows with the run's length, never with its peers.
 */
public final class UpkeepSeries {
  /** The width of one slot: 100 ms. */
  public static final long SLOT_NANOS = 100_000_000L;

  private long[] messages = new long[0];
  private long[] bytes = new long[0];
  private boolean claimed;

  /** One maintenance message of {@code wireBytes} sent at {@code nowNanos} of the run clock. */
  public synchronized void add(long nowNanos, int wireBytes) {
    int i = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, nowNanos) / SLOT_NANOS);
    if (i >= messages.length) {
      int n = Math.max(i + 1, messages.length * 2);
      messages = Arrays.copyOf(messages, n);
      bytes = Arrays.copyOf(bytes, n);
    }
    messages[i]++;
    bytes[i] += wireBytes;
  }

  /**
   * True the first time only: the peer that claims the series carries it in its stats, so that a
   * run counts each JVM's series once.
   */
  public synchronized boolean claim() {
    boolean first = !claimed;
    claimed = true;
    return first;
  }

  /** Messages per slot, then bytes per slot, as one array (for carrying between JVMs). */
  public synchronized long[] packed() {
    int n = messages.length;
    while (n > 0 && messages[n - 1] == 0) {
      n--;
    }
    long[] out = new long[2 * n];
    System.arraycopy(messages, 0, out, 0, n);
    System.arraycopy(bytes, 0, out, n, n);
    return out;
  }

  /** Adds a series packed by {@link #packed()}. */
  public synchronized void addPacked(long[] packed) {
    int n = packed.length / 2;
    if (n > messages.length) {
      messages = Arrays.copyOf(messages, n);
      bytes = Arrays.copyOf(bytes, n);
    }
    for (int i = 0; i < n; i++) {
      messages[i] += packed[i];
      bytes[i] += packed[n + i];
    }
  }

  /** Maintenance messages sent in [fromNanos, toNanos) of the run clock, by slot start. */
  public synchronized long messages(long fromNanos, long toNanos) {
    return sum(messages, fromNanos, toNanos);
  }

  /** Their wire bytes. */
  public synchronized long bytes(long fromNanos, long toNanos) {
    return sum(bytes, fromNanos, toNanos);
  }

  private static long sum(long[] a, long from, long to) {
    long s = 0;
    int lo = (int) Math.max(0, (from + SLOT_NANOS - 1) / SLOT_NANOS);
    for (int i = lo; i < a.length && (long) i * SLOT_NANOS < to; i++) {
      s += a[i];
    }
    return s;
  }
}
