package io.peerlab.runtime.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a run reaches its cluster and how the cluster host behaves (scenario keys {@code
 * peerlab.cluster.*}; the CLI's {@code --seed-node} and {@code --nodes} set the first two).
 *
 * @param seedNodes where the run process joins the cluster, as {@code host:port}
 * @param nodes nodes ({@code peerlab node} processes) that must be Up before a run starts; a run
 *     uses every node Up at its start, at least this many
 * @param joinTimeoutNanos longest the run process waits for the cluster and those nodes
 * @param host the address the run process binds and advertises; nodes must reach it there
 * @param port the port the run process binds; 0 picks a free one
 * @param networkModel true: the network model (latency, bandwidth, loss) applies on top of the
 *     real network, so results compare with {@code local}; false: messages take only the real
 *     network's time
 * @param tls the TLS folder ({@link ClusterTls}) whose key material this member uses, as written in
 *     the scenario; empty: plain TCP (only for a cluster of nodes started without {@code --tls})
 */
public record ClusterSettings(
    List<String> seedNodes, int nodes, long joinTimeoutNanos, String host, int port, boolean networkModel,
    String tls) {

  public ClusterSettings {
    seedNodes = List.copyOf(seedNodes);
    tls = tls == null ? "" : tls;
    if (seedNodes.isEmpty()) {
      throw new IllegalArgumentException("at least one seed node is needed");
    }
    for (String s : seedNodes) {
      HostPort.parse(s);
    }
    if (nodes < 1 || joinTimeoutNanos <= 0 || port < 0 || port > 65_535) {
      throw new IllegalArgumentException("need nodes >= 1, a positive join timeout, 0 <= port <= 65535");
    }
  }

  /** Loopback defaults for tests: one seed, the network model on, plain TCP. */
  public static ClusterSettings loopback(int seedPort, int nodes) {
    return new ClusterSettings(
        List.of("127.0.0.1:" + seedPort), nodes, 90_000_000_000L, "127.0.0.1", 0, true, "");
  }

  public ClusterSettings withNetworkModel(boolean on) {
    return new ClusterSettings(seedNodes, nodes, joinTimeoutNanos, host, port, on, tls);
  }

  /** The same settings with the key material in {@code dir} (Artery over TLS). */
  public ClusterSettings withTls(Path dir) {
    return new ClusterSettings(seedNodes, nodes, joinTimeoutNanos, host, port, networkModel, dir.toString());
  }

  /** The TLS folder, if this member talks TLS. */
  public Optional<Path> tlsDir() {
    return tls.isEmpty() ? Optional.empty() : Optional.of(Path.of(tls));
  }
}
