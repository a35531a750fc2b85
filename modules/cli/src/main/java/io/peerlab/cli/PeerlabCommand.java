package io.peerlab.cli;

import io.peerlab.scenario.Version;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code peerlab} command. */
@Command(
    name = "peerlab",
    mixinStandardHelpOptions = true,
    versionProvider = PeerlabCommand.VersionProvider.class,
    description = {
      "Compare client-server and peer-to-peer architectures on the same workload.",
      "",
      "A scenario file names a workload once (peers, objects, popularity, op mix, network, seed);",
      "peerlab runs it under every topology it lists, with the same operations in the same order,",
      "and reports latency, hops, messages, throughput and per-peer load side by side.",
      ""
    },
    footer = {
      "",
      Cli.EXIT_CODES_TABLE,
      "Docs: README.md, docs/scenarios.md (every key), docs/results.md (every field)."
    },
    subcommands = {RunCommand.class, CommandLine.HelpCommand.class, NodeCommand.class, ClusterDemoCommand.class,
        ClusterBenchCommand.class, BenchCommand.class, TlsInitCommand.class, ReportCommand.class,
        CompareCommand.class, TopologiesCommand.class, DemoCommand.class})
public final class PeerlabCommand implements Callable<Integer> {
  final PrintStream out;
  final PrintStream err;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  PeerlabCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(out);
    return Cli.OK;
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"peerlab " + Version.get(), "Java " + System.getProperty("java.version")};
    }
  }
}
