package io.peerlab.cli;

import io.peerlab.scenario.ClusterBench;
import java.nio.file.Files;
import java.nio.file.Path;
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
      "Starts two node JVMs and times an open-loop stream of peer messages from the",
      "peers on one to the peers on the other (through peer actors, flow control,",
      "Artery and the receiving peers), then plain Pekko between the same JVMs (a",
      "round trip, and a one-way stream with a window of 1,000 and messages of the",
      "same size), then a lookup-only client-server run with the network model off",
      "on the same nodes and on the local runtime, and prints messages per second.",
      ""
    },
    footer = {"", "Example:", "  peerlab cluster-bench --messages 200000 --ops 40000", ""})
final class ClusterBenchCommand implements Callable<Integer> {

  @ParentCommand PeerlabCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--messages", paramLabel = "N", defaultValue = "200000",
      description = "Messages in the plain Pekko stream and in the peer stream (default ${DEFAULT-VALUE}).")
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
    try (NodeJvms jvms = new NodeJvms(2, logs, nodeJavaOpts, false, parent.err)) {
      parent.err.println("peerlab: started 2 node JVMs on 127.0.0.1 (seed " + jvms.seed() + "); logs: " + logs);
      ClusterBench.Result r = ClusterBench.run(jvms.seed(), messages, ops, peers, m -> parent.err.println("peerlab: " + m));
      parent.out.println();
      parent.out.println("cluster-bench on " + Runtime.getRuntime().availableProcessors() + " cores; peerlab runs: "
          + peers + " peers (1 server), " + ops + " measured lookups, network model off");
      r.lines().forEach(parent.out::println);
    }
    return Cli.OK;
  }
}
