package io.peerlab.cli;

import io.peerlab.scenario.ComparisonTable;
import io.peerlab.scenario.ResultsWriter;
import io.peerlab.scenario.ScenarioException;
import io.peerlab.scenario.ScenarioLoader;
import io.peerlab.scenario.ScenarioReport;
import io.peerlab.scenario.ScenarioRunner;
import io.peerlab.scenario.ScenarioSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code peerlab run}: run a scenario under each of its topologies and compare. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a scenario under each of its topologies, print the comparison and write",
      "results.json and results.csv.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  peerlab run config/scenarios/quickstart.conf",
      "  peerlab run config/scenarios/quickstart.conf --runtime sim --set peers=256 --set workload.ops=5000",
      "  peerlab run my.conf --set 'topologies=[central-index]' --out /tmp/r1",
      "",
      "Exit codes: 0 every run finished, 1 a run hit its deadline or its peers threw, 2 bad input."
    })
final class RunCommand implements Callable<Integer> {

  @ParentCommand PeerlabCommand parent;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (HOCON, root key 'peerlab').")
  Path scenario;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = {
        "Override a scenario key (repeatable); the 'peerlab.' prefix is optional,",
        "e.g. --set peers=128 --set network.latency=20ms."
      })
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--runtime",
      paramLabel = "RUNTIME",
      description = "Where the peers run: sim (deterministic virtual time), local (real actors, the"
          + " default) or cluster (peerlab node JVMs; see --seed-node, --nodes, docs/cluster.md).")
  String runtime;

  @Option(
      names = "--seed-node",
      paramLabel = "HOST:PORT",
      description = "Cluster runtime: a seed node to join through (repeatable), e.g. 127.0.0.1:25520;"
          + " sets peerlab.cluster.seed-nodes.")
  List<String> seedNodes = new ArrayList<>();

  @Option(
      names = "--nodes",
      paramLabel = "N",
      description = "Cluster runtime: wait until N nodes are Up before running (at most"
          + " peerlab.cluster.join-timeout); sets peerlab.cluster.nodes.")
  Integer nodes;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Folder for results.json and results.csv (default: results/<scenario>-<timestamp>/).")
  Path out;

  @Option(names = "--quiet", description = "Print no progress, only the table and where results went.")
  boolean quiet;

  @Mixin PluginOptions plugins = new PluginOptions();

  @Option(
      names = "--trace",
      description = {
        "Also write every delivered message to trace-<topology>.csv in the output folder",
        "(time, sender, receiver, type, op, bytes). Large runs make large files."
      })
  boolean trace;

  @Override
  public Integer call() {
    List<String> all = new ArrayList<>(overrides);
    if (runtime != null) {
      all.add("runtime=" + runtime);
    }
    all.addAll(clusterOverrides(seedNodes, nodes));
    ScenarioSpec spec = ScenarioLoader.load(scenario, all, plugins.loader(scenario));
    if ((!seedNodes.isEmpty() || nodes != null) && !spec.runtime().equals("cluster")) {
      throw new ScenarioException(
          "--seed-node and --nodes apply to the cluster runtime only; add --runtime cluster");
    }
    return run(spec, out, quiet, trace, parent);
  }

  /** The --set overrides that --seed-node and --nodes stand for. */
  static List<String> clusterOverrides(List<String> seedNodes, Integer nodes) {
    List<String> all = new ArrayList<>();
    if (!seedNodes.isEmpty()) {
      List<String> quoted = new ArrayList<>();
      for (String s : seedNodes) {
        quoted.add("\"" + s.replace("\"", "") + "\"");
      }
      all.add("cluster.seed-nodes=[" + String.join(",", quoted) + "]");
    }
    if (nodes != null) {
      all.add("cluster.nodes=" + nodes);
    }
    return all;
  }

  /** Runs a loaded scenario, prints the table, writes the results; the exit code. */
  static int run(ScenarioSpec spec, Path out, boolean quiet, boolean trace, PeerlabCommand parent) {
    Path dir = out != null ? out : defaultOut(spec.name());
    ConsoleProgress progress = new ConsoleProgress(parent.err, quiet);
    ScenarioReport report;
    if (trace) {
      TraceWriter writer = new TraceWriter(dir);
      try {
        report = new ScenarioRunner(writer.around(progress), writer).run(spec);
      } finally {
        writer.close();
      }
    } else {
      report = new ScenarioRunner(progress, null).run(spec);
    }
    ResultsWriter.write(report, dir);
    parent.out.println();
    parent.out.print(ComparisonTable.render(report));
    parent.out.print(MemberTable.render(report));
    parent.out.println();
    parent.out.println("results: " + dir.resolve(ResultsWriter.JSON) + ", " + dir.resolve(ResultsWriter.CSV));
    if (!report.ok()) {
      parent.err.println("peerlab: a run did not finish cleanly (deadline reached or errors); see the notes above");
      return Cli.RUN_FAILED;
    }
    return Cli.OK;
  }

  static Path defaultOut(String name) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path base = Path.of("results", name + "-" + stamp);
    Path p = base;
    for (int i = 2; Files.exists(p); i++) {
      p = Path.of(base + "-" + i);
    }
    return p;
  }
}
