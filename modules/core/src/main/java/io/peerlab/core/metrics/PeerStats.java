package io.peerlab.core.metrics;

import io.peerlab.core.api.Role;
import io.peerlab.core.workload.OpType;

/**
 * Everything one peer counted during the measured phase: its op stats (clients only), the messages
 * and bytes it sent per op type, and its load (messages handled, bytes uploaded). Mutable, owned
 * by the peer's thread; hosts collect it after the peer has stopped.
 */
public final class PeerStats {
  private final int address;
  private final Role role;
  // Arrays are created on first use: a large run has many peers that never record an op.
  private OpStats[] ops;
  private long[] messagesSent;
  private long[] bytesSent;
  private long messagesHandled;
  private long bytesUploaded;
  private long contentBytesUploaded;
  private long chunksRejected;
  private long wastedBytes;
  private long firstStart = Long.MAX_VALUE;
  private long lastEnd = Long.MIN_VALUE;
  // Measured ops as they ended, for the run's timeline: two longs an op (Completions packs them),
  // allocated on the first one, so a peer that runs no op pays nothing.
  private long[] completions;
  private int completionLongs;
  // Churn only: whether the peer was up at the end and the objects it held then (null if down).
  private Boolean upAtEnd;
  private int[] heldAtEnd;
  // The run's maintenance traffic over time (UpkeepSeries.packed), carried by one peer per JVM.
  private long[] upkeep;

  public PeerStats(int address, Role role) {
    this.address = address;
    this.role = role;
  }

  public int address() {
    return address;
  }

  public Role role() {
    return role;
  }

  /** Stats of one op type, created on first use. */
  public OpStats op(OpType type) {
    if (type == OpType.OTHER) {
      throw new IllegalArgumentException("OTHER has no op stats");
    }
    if (ops == null) {
      ops = new OpStats[OpType.OPS.length];
    }
    OpStats s = ops[type.ordinal()];
    if (s == null) {
      s = new OpStats();
      ops[type.ordinal()] = s;
    }
    return s;
  }

  /** Stats of one op type, or null if this peer recorded none. */
  public OpStats opOrNull(OpType type) {
    return ops == null ? null : ops[type.ordinal()];
  }

  public void countSent(OpType type, int wireBytes, int contentBytes) {
    allocateCounters();
    messagesSent[type.ordinal()]++;
    bytesSent[type.ordinal()] += wireBytes;
    bytesUploaded += wireBytes;
    contentBytesUploaded += contentBytes;
  }

  public void countHandled() {
    messagesHandled++;
  }

  public void countRejectedChunk() {
    chunksRejected++;
  }

  /** Content bytes this peer downloaded and then threw away (a rejected chunk, a forged object). */
  public void countWasted(long bytes) {
    wastedBytes += bytes;
  }

  public long wastedBytes() {
    return wastedBytes;
  }

  /** An op of this peer ran from {@code start} to {@code end} (nanoseconds, run clock). */
  public void span(long start, long end) {
    firstStart = Math.min(firstStart, start);
    lastEnd = Math.max(lastEnd, end);
  }

  /**
   * A measured op ended at {@code endNanos} (run clock): {@code startNanos} is its intended start,
   * or -1 if it was never issued (the run ended first). Feeds the timeline, not the op figures.
   */
  public void completed(long endNanos, OpType type, boolean ok, long startNanos) {
    if (completions == null) {
      completions = new long[8];
    } else if (completionLongs == completions.length) {
      completions = java.util.Arrays.copyOf(completions, completions.length * 2);
    }
    completions[completionLongs++] = endNanos;
    completions[completionLongs++] = Completions.pack(type, ok, startNanos, endNanos);
  }

  /** The measured ops' completions, packed as {@link Completions} reads them; empty if none. */
  public long[] completions() {
    return completions == null ? new long[0] : java.util.Arrays.copyOf(completions, completionLongs);
  }

  /** Sets the completions (decoding what {@link #completions()} returned on another JVM). */
  public void restoreCompletions(long[] packed) {
    completions = packed.clone();
    completionLongs = packed.length;
  }

  public long messagesSent(OpType type) {
    return messagesSent == null ? 0 : messagesSent[type.ordinal()];
  }

  public long bytesSent(OpType type) {
    return bytesSent == null ? 0 : bytesSent[type.ordinal()];
  }

  private void allocateCounters() {
    if (messagesSent == null) {
      messagesSent = new long[OpType.values().length];
      bytesSent = new long[OpType.values().length];
    }
  }

  public long messagesHandled() {
    return messagesHandled;
  }

  public long bytesUploaded() {
    return bytesUploaded;
  }

  public long contentBytesUploaded() {
    return contentBytesUploaded;
  }

  public long chunksRejected() {
    return chunksRejected;
  }

  /** Start of this peer's first measured op, or Long.MAX_VALUE if none. */
  public long firstStart() {
    return firstStart;
  }

  /** End of this peer's last measured op, or Long.MIN_VALUE if none. */
  public long lastEnd() {
    return lastEnd;
  }

  /** Restores counters decoded by a host that carried these stats between JVMs. */
  public void restore(
      long[] messagesSent, long[] bytesSent, long messagesHandled, long bytesUploaded,
      long contentBytesUploaded, long chunksRejected, long wastedBytes, long firstStart,
      long lastEnd) {
    allocateCounters();
    System.arraycopy(messagesSent, 0, this.messagesSent, 0, this.messagesSent.length);
    System.arraycopy(bytesSent, 0, this.bytesSent, 0, this.bytesSent.length);
    this.messagesHandled = messagesHandled;
    this.bytesUploaded = bytesUploaded;
    this.contentBytesUploaded = contentBytesUploaded;
    this.chunksRejected = chunksRejected;
    this.wastedBytes = wastedBytes;
    this.firstStart = firstStart;
    this.lastEnd = lastEnd;
  }

  /** Sets one op type's stats (decoding). */
  public void restoreOp(OpType type, OpStats stats) {
    if (ops == null) {
      ops = new OpStats[OpType.OPS.length];
    }
    ops[type.ordinal()] = stats;
  }

  /** Churn runs: whether this peer was up when the run ended, and what it held then. */
  public void endState(boolean up, int[] held) {
    this.upAtEnd = up;
    this.heldAtEnd = held;
  }

  /** True/false when the run had churn (whether this peer was up at the end); null otherwise. */
  public Boolean upAtEnd() {
    return upAtEnd;
  }

  /** The objects this peer held at the end of a churn run, if it was up; else null. */
  public int[] heldAtEnd() {
    return heldAtEnd;
  }

  /** The maintenance series of this peer's JVM ({@link UpkeepSeries#packed()}), or null. */
  public long[] upkeep() {
    return upkeep;
  }

  public void upkeep(long[] packed) {
    this.upkeep = packed;
  }
}
