package io.peerlab.cli;

import com.typesafe.config.ConfigFactory;
import io.peerlab.core.metrics.MemberFigures;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.api.RunSetup;
import io.peerlab.runtime.LocalRuntime;
import io.peerlab.runtime.cluster.ClusterRuntime;
import io.peerlab.runtime.cluster.ClusterSettings;
import io.peerlab.runtime.cluster.RawBench;
import io.peerlab.scenario.ScenarioLoader;
import io.peerlab.scenario.ScenarioSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code peerlab cluster-bench}: how fast peer messages cross JVMs on the cluster runtime, next to
 * plain Pekko between the same two node JVMs and to the same run inside one JVM.
 */
@Command(
    name = "cluster-bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure cross-JVM message rates of the cluster runtime on 127.0.0.1.",
      "",
      "Starts two node JVMs and times plain Pekko between them (a round trip, and a",
      "one-way stream with a window of 1,000), then a lookup-only client-server run",
      "with the network model off on the same nodes and on the local runtime, and",
      "prints messages per second.",
      ""
    },
    footer = {"", "Example:", "  peerlab cluster-bench --messages 200000 --ops 40000", ""})
final class ClusterBenchCommand implements Callable<Integer> {

  @ParentCommand PeerlabCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--messages", paramLabel = "N", defaultValue = "200000",
      description = "Messages in the plain Pekko stream (default ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--ops", paramLabel = "N", defaultValue = "40000",
      description = "Measured lookups in the peerlab runs (default ${DEFAULT-VALUE}); each is 2 messages.")
  int ops;

  @Option(names = "--peers", paramLabel = "N", defaultValue = "64",
      description = "Peers in the peerlab runs: 1 server, the rest clients (default ${DEFAULT-VALUE}).")
  int peers;

  @Option(names = "--node-java-opts", paramLabel = "OPTS", defaultValue = "-Xmx1g -XX:+UseParallelGC",
      description = "JVM options of each node (default: ${DEFAULT-VALUE}).")
  String nodeJavaOpts;

  @Override
  public Integer call() throws Exception {
    if (messages < 1000 || ops < 100 || peers < 2) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "need --messages >= 1000, --ops >= 100 and --peers >= 2");
    }
    Path logs = Files.createTempDirectory("peerlab-cluster-bench");
    try (NodeJvms jvms = new NodeJvms(2, logs, nodeJavaOpts, parent.err)) {
      parent.err.println("peerlab: started 2 node JVMs on 127.0.0.1 (seed " + jvms.seed() + "); logs: " + logs);
      ScenarioSpec s = ScenarioLoader.fromConfig(ConfigFactory.empty(), List.of(
          "name=cluster-bench", "runtime=cluster", "topologies=[client-server]", "peers=" + peers, "servers=1",
          "network.enabled=false", "objects.count=100", "objects.size=64KiB", "objects.chunk-size=64KiB",
          "workload.clients=" + (peers - 1), "workload.ops=" + ops, "workload.warmup-ops=" + Math.max(100, ops / 10),
          "workload.mix.lookup=1", "workload.mix.search=0", "workload.mix.fetch=0"), "cluster-bench");
      RunSetup setup = RunSetup.of(s.forTopology("client-server"));
      ClusterSettings cs = new ClusterSettings(List.of(jvms.seed()), 2, 60_000_000_000L, "127.0.0.1", 0, false);
      List<String> lines = new ArrayList<>();
      try (ClusterRuntime rt = new ClusterRuntime(cs, m -> parent.err.println("peerlab: " + m))) {
        RawBench.Result raw = rt.rawBench(messages, 1000);
        lines.add(String.format(Locale.ROOT, "plain Pekko, node to node, round trip          p50 %.0f us, p99 %.0f us",
            raw.rttP50Micros(), raw.rttP99Micros()));
        lines.add(String.format(Locale.ROOT, "plain Pekko, node to node, one-way stream      %,.0f msgs/s (window 1,000)",
            raw.messagesPerSec()));
        RunResult c = Summaries.summarize(setup, "cluster", rt.run(setup, RunControl.quiet()), null);
        long cross = c.members().stream().mapToLong(MemberFigures::messagesSent).sum();
        long all = c.figures().messages().values().stream().mapToLong(Long::longValue).sum();
        double secs = c.timing().durationMs() / 1000;
        lines.add(String.format(Locale.ROOT,
            "peerlab cluster, 2 nodes                      %,.0f msgs/s across nodes, %,.0f msgs/s in all, %,.0f lookups/s%s",
            cross / secs, all / secs, c.timing().throughputOpsPerSec(), c.timing().deadlineHit() ? " (deadline hit)" : ""));
      }
      RunResult l = Summaries.summarize(setup, "local", new LocalRuntime().run(setup, RunControl.quiet()), null);
      long all = l.figures().messages().values().stream().mapToLong(Long::longValue).sum();
      lines.add(String.format(Locale.ROOT, "peerlab local, one JVM                        %,.0f msgs/s, %,.0f lookups/s",
          all / (l.timing().durationMs() / 1000), l.timing().throughputOpsPerSec()));
      parent.out.println();
      parent.out.println("cluster-bench on " + Runtime.getRuntime().availableProcessors() + " cores; peerlab runs: "
          + peers + " peers (1 server), " + ops + " measured lookups, network model off");
      lines.forEach(parent.out::println);
    }
    return Cli.OK;
  }
}
