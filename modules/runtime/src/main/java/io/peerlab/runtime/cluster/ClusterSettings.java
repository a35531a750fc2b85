package io.peerlab.runtime.cluster;

import java.util.List;

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
 */
public record ClusterSettings(
    List<String> seedNodes, int nodes, long joinTimeoutNanos, String host, int port, boolean networkModel) {

  public ClusterSettings {
    seedNodes = List.copyOf(seedNodes);
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

  /** Loopback defaults for tests: one seed, the network model on. */
  public static ClusterSettings loopback(int seedPort, int nodes) {
    return new ClusterSettings(
        List.of("127.0.0.1:" + seedPort), nodes, 90_000_000_000L, "127.0.0.1", 0, true);
  }

  public ClusterSettings withNetworkModel(boolean on) {
    return new ClusterSettings(seedNodes, nodes, joinTimeoutNanos, host, port, on);
  }
}
