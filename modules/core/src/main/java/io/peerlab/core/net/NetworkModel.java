package io.peerlab.core.net;

import io.peerlab.core.util.Seeds;
import java.util.SplittableRandom;

/**
 * Decides when a message arrives: one-way latency per link, a FIFO uplink queue at the sender, a
 * FIFO downlink queue at the receiver, and optional loss. The same arithmetic runs on every host.
 *
 * <p>Transit has two stages, each applied in time order by the host:
 *
 * <ol>
 *   <li>{@link #uplink} at send time: the message waits for the sender's uplink to be free, then
 *       takes {@code bytes / upload} to leave. Its first bit reaches the receiver one latency after
 *       it starts to leave; its last bit, one latency after it has left.
 *   <li>{@link #downlink} when the first bit reaches the receiver: the message waits for the
 *       receiver's downlink and occupies it for {@code bytes / download}. It is delivered when both
 *       its last bit has arrived and the downlink has carried it: {@code max(lastBit, downStart +
 *       bytes / download)} (cut-through: a message is as slow as its slower link, not the sum).
 * </ol>
 *
 * So a 1 MiB message over a 1 MiB/s uplink into a 4 MiB/s downlink arrives 1 s + latency after it
 * is sent; four such senders into one 4 MiB/s downlink share it fully; a fifth waits. The downlink
 * stage runs in order of first-bit arrival, so both queues are FIFO in the order a real link would
 * see. Loss drops a message after it has used the sender's uplink. A peer's messages to itself
 * bypass the model: hosts deliver them at once.
 *
 * <p>Latency is a pure function of (seed, pair), drawn once per unordered pair, so it needs no
 * table and is the same in every cluster member. Not thread-safe: one host thread owns each
 * instance (the sim loop, the local delivery thread).
 */
public final class NetworkModel {
  /** {@link #uplink} returns this when the message is lost. */
  public static final long LOST = Long.MIN_VALUE;

  private final NetworkSpec spec;
  private final Link[] links;
  /** The latency draws' purpose seed, derived once (latency is drawn per message). */
  private final long latencySeed;
  private final long[] upFree;
  private final long[] downFree;
  private final SplittableRandom lossRandom;
  private final boolean downlinksUnlimited;
  private long lastBit;

  /**
   * @param links each peer's access link, by address
   */
  public NetworkModel(NetworkSpec spec, Link[] links, long seed) {
    this.spec = spec;
    this.links = links.clone();
    this.latencySeed = Seeds.derive(seed, "latency");
    this.upFree = new long[links.length];
    this.downFree = new long[links.length];
    this.lossRandom = Seeds.random(seed, "loss");
    boolean unlimited = true;
    for (Link l : links) {
      unlimited &= l.downloadBytesPerSec() == 0;
    }
    this.downlinksUnlimited = unlimited;
  }

  /**
   * True when no peer's downlink has a rate: then {@link #downlink} keeps no state and returns the
   * last-bit time it is given, so a host may deliver a message at {@link #lastBit()} straight from
   * {@link #uplink} instead of running the downlink stage as an event of its own (the simulator
   * does: one queue operation a message fewer). What changes is only the tie order among events
   * due at the same nanosecond: the delivery is queued when the message is sent, not when its
   * first bit arrives.
   */
  public boolean downlinksUnlimited() {
    return downlinksUnlimited;
  }

  public NetworkSpec spec() {
    return spec;
  }

  public boolean enabled() {
    return spec.enabled();
  }

  /** One-way latency between two peers in nanoseconds; symmetric, 0 from a peer to itself. */
  public long latency(int a, int b) {
    if (a == b || !spec.enabled()) {
      return 0;
    }
    long min = spec.latencyMinNanos();
    long span = spec.latencyMaxNanos() - min;
    if (span == 0) {
      return min;
    }
    double u = Seeds.unitInterval(Seeds.pair(latencySeed, a, b));
    return min + (long) (u * (span + 1));
  }

  /** Nanoseconds to push {@code bytes} through {@code bytesPerSec}; 0 when unlimited. */
  public static long transmission(long bytes, long bytesPerSec) {
    if (bytesPerSec == 0 || bytes <= 0) {
      return 0;
    }
    return bytes < 9_000_000_000L
        ? (bytes * 1_000_000_000L + bytesPerSec - 1) / bytesPerSec
        : (long) Math.ceil(bytes * 1e9 / bytesPerSec);
  }

  /**
   * Stage 1, at send time {@code now}: queue the message on the sender's uplink.
   *
   * @return the time the first bit reaches the receiver, or {@link #LOST}; the time the last bit
   *     reaches it is then available from {@link #lastBit()}
   */
  public long uplink(long now, int from, int to, int bytes) {
    if (!spec.enabled() || from == to) {
      lastBit = now;
      return now;
    }
    long start = Math.max(now, upFree[from]);
    long done = start + transmission(bytes, links[from].uploadBytesPerSec());
    upFree[from] = done;
    if (spec.loss() > 0 && lossRandom.nextDouble() < spec.loss()) {
      return LOST;
    }
    long lat = latency(from, to);
    lastBit = done + lat;
    return start + lat;
  }

  /** The last-bit arrival time of the message most recently passed to {@link #uplink}. */
  public long lastBit() {
    return lastBit;
  }

  /**
   * Stage 2, called at {@code firstBit} in time order: queue the message on the receiver's
   * downlink.
   *
   * @return the delivery time
   */
  public long downlink(int to, int bytes, long firstBit, long lastBit) {
    if (!spec.enabled()) {
      return firstBit;
    }
    long start = Math.max(firstBit, downFree[to]);
    long done = start + transmission(bytes, links[to].downloadBytesPerSec());
    downFree[to] = done;
    return Math.max(lastBit, done);
  }

  /**
   * Stage 2 as {@link #downlink}, for a message known by its sender and size rather than by its
   * last-bit time: that is its first-bit time plus its transmission on the sender's uplink ({@link
   * #uplink}'s arithmetic: both are one latency after the uplink's start and end), so a host need
   * not carry it, nor look into the message for its size when the first bit arrives (the
   * simulator keeps the size in the event instead: one memory access less per message). Not for a
   * peer's message to itself, which bypasses both stages.
   */
  public long downlinkFrom(int from, int to, int bytes, long firstBit) {
    return downlink(to, bytes, firstBit, firstBit + transmission(bytes, links[from].uploadBytesPerSec()));
  }

  /**
   * Both stages at once, for a message that meets no other traffic (tests, estimates). Hosts use
   * the two stages so that the downlink queue sees messages in arrival order.
   */
  public long arrival(long now, int from, int to, int bytes) {
    long first = uplink(now, from, to, bytes);
    if (first == LOST) {
      return LOST;
    }
    return downlink(to, bytes, first, lastBit);
  }

  public Link link(int address) {
    return links[address];
  }

  public int size() {
    return links.length;
  }
}
