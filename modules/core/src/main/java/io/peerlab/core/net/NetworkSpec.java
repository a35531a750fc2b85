package io.peerlab.core.net;

/**
 * The network model's parameters (scenario keys {@code peerlab.network.*}).
 *
 * @param enabled false delivers every message at once, with no latency, bandwidth or loss
 * @param latencyMinNanos smallest one-way latency of a link
 * @param latencyMaxNanos largest; each pair of peers draws once, uniformly, from [min, max]
 * @param loss probability that a message is lost in transit
 * @param peer the access link of ordinary peers (roles CLIENT and BOTH)
 * @param server the access link of peers with role SERVER
 */
public record NetworkSpec(
    boolean enabled, long latencyMinNanos, long latencyMaxNanos, double loss, Link peer, Link server) {

  public NetworkSpec {
    if (latencyMinNanos < 0 || latencyMaxNanos < latencyMinNanos) {
      throw new IllegalArgumentException("need 0 <= latency min <= max");
    }
    if (loss < 0 || loss >= 1) {
      throw new IllegalArgumentException("loss must be in [0, 1)");
    }
  }

  /** No latency, no bandwidth limit, no loss. */
  public static NetworkSpec off() {
    return new NetworkSpec(false, 0, 0, 0, Link.UNLIMITED, Link.UNLIMITED);
  }

  /** Fixed latency, unlimited bandwidth, no loss. */
  public static NetworkSpec latencyOnly(long nanos) {
    return new NetworkSpec(true, nanos, nanos, 0, Link.UNLIMITED, Link.UNLIMITED);
  }
}
