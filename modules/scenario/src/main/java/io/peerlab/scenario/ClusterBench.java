package io.peerlab.scenario;

import com.typesafe.config.ConfigFactory;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.metrics.MemberFigures;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.Summaries;
import io.peerlab.runtime.LocalRuntime;
import io.peerlab.runtime.cluster.ClusterRuntime;
import io.peerlab.runtime.cluster.ClusterSettings;
import io.peerlab.runtime.cluster.PeerStream;
import io.peerlab.runtime.cluster.RawBench;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How fast peer messages cross JVMs on the cluster runtime ({@code peerlab cluster-bench}): an
 * open-loop stream of peer messages from the peers on the first node to those on the second
 * through the whole peer path ({@link PeerStream}), then plain Pekko between the same two nodes
 * with frames of the same size and the same kind of window ({@link RawBench}), then a lookup-only
 * client-server run (a closed loop) with the network model off on the cluster and on the local
 * runtime. The cluster's settings come from
 * the scenario's {@code peerlab.cluster} keys (reference.conf), with the seed node, two nodes and
 * the network model off set here.
 */
public final class ClusterBench {
  private ClusterBench() {}

  /** The stream's window of unacknowledged messages in the plain Pekko benchmark. */
  public static final int WINDOW = 1000;

  /**
   * Serialised bytes of every message of both streams: above the natural size of either (110
   * bytes on 127.0.0.1), so both are padded to exactly this.
   */
  public static final int FRAME_BYTES = 128;

  /** Messages streamed before the timed peer stream, as in the plain Pekko stream. */
  public static final int STREAM_WARMUP = 20_000;

  /** What was measured, as the lines {@code peerlab cluster-bench} prints. */
  public record Result(PeerStream.Result stream, RawBench.Result raw, RunResult cluster, RunResult local) {

    /** The peer stream's rate over plain Pekko's, measured alike. */
    public double streamRatio() {
      return stream.messagesPerSec() / raw.messagesPerSec();
    }

    public List<String> lines() {
      long cross = cluster.members().stream().mapToLong(MemberFigures::messagesSent).sum();
      double clusterSecs = cluster.timing().durationMs() / 1000;
      double localSecs = local.timing().durationMs() / 1000;
      return List.of(
          String.format(Locale.ROOT, "plain Pekko, node to node, round trip          p50 %.0f us, p99 %.0f us",
              raw.rttP50Micros(), raw.rttP99Micros()),
          String.format(Locale.ROOT, "plain Pekko, node to node, one-way stream      %,.0f msgs/s (window 1,000, %d-byte messages)",
              raw.messagesPerSec(), raw.frameBytes()),
          String.format(Locale.ROOT,
              "peerlab peer stream, node to node, one way    %,.0f msgs/s (credit window %,d, %d-byte messages, %d -> %d peers)",
              stream.messagesPerSec(), ClusterRuntime.CONTROL_WINDOW, stream.frameBytes(), stream.senders(),
              stream.receivers()),
          String.format(Locale.ROOT, "peer stream / plain Pekko stream              %.2f", streamRatio()),
          String.format(Locale.ROOT,
              "peerlab cluster, 2 nodes                      %,.0f msgs/s across nodes, %,.0f msgs/s in all, %,.0f lookups/s%s",
              cross / clusterSecs, messages(cluster) / clusterSecs, cluster.timing().throughputOpsPerSec(),
              cluster.timing().deadlineHit() ? " (deadline hit)" : ""),
          String.format(Locale.ROOT, "peerlab local, one JVM                        %,.0f msgs/s, %,.0f lookups/s",
              messages(local) / localSecs, local.timing().throughputOpsPerSec()));
    }

    private static long messages(RunResult r) {
      return r.figures().messages().values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Runs the benchmark on the two nodes reached through {@code seedNode}.
   *
   * @param messages messages in the plain Pekko stream and in the peer stream
   * @param ops measured lookups in the peerlab runs
   * @param peers peers in the peerlab runs: 1 server, the rest clients
   * @param status one-line status messages (joining the cluster, waiting for nodes)
   */
  public static Result run(String seedNode, int messages, int ops, int peers, Consumer<String> status) {
    ScenarioSpec s = ScenarioLoader.fromConfig(ConfigFactory.empty(), List.of(
        "name=cluster-bench", "runtime=cluster", "topologies=[client-server]", "peers=" + peers, "servers=1",
        "network.enabled=false", "objects.count=100", "objects.size=64KiB", "objects.chunk-size=64KiB",
        "workload.clients=" + (peers - 1), "workload.ops=" + ops, "workload.warmup-ops=" + Math.max(100, ops / 10),
        "workload.mix.lookup=1", "workload.mix.search=0", "workload.mix.fetch=0",
        "cluster.seed-nodes=[\"" + seedNode + "\"]", "cluster.nodes=2", "cluster.network-model=false"),
        "cluster-bench");
    RunSetup setup = RunSetup.of(s.forTopology("client-server"));
    PeerStream.Result stream;
    RawBench.Result raw;
    RunResult cluster;
    try (ClusterRuntime rt = new ClusterRuntime(s.base().settings().get(ClusterSettings.class), status)) {
      stream = rt.peerStream(setup, STREAM_WARMUP, messages, FRAME_BYTES);
      raw = rt.rawBench(messages, WINDOW, FRAME_BYTES);
      cluster = Summaries.summarize(setup, rt.name(), rt.run(setup, RunControl.quiet()), null);
    }
    RunResult local = Summaries.summarize(setup, "local", new LocalRuntime().run(setup, RunControl.quiet()), null);
    return new Result(stream, raw, cluster, local);
  }
}
