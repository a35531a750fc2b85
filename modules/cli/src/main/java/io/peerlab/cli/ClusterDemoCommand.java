package io.peerlab.cli;

import io.peerlab.runtime.cluster.ClusterSettings;
import io.peerlab.scenario.ScenarioLoader;
import io.peerlab.scenario.ScenarioSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code peerlab cluster-demo}: the one-command multi-JVM run. Starts node JVMs on 127.0.0.1, runs
 * the scenario on them with the cluster runtime, and stops them, whatever happens.
 */
@Command(
    name = "cluster-demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a scenario on N node JVMs started on 127.0.0.1, then stop them.",
      "",
      "Starts N peerlab node JVMs on 127.0.0.1, runs the scenario on them with the",
      "cluster runtime, prints the comparison, writes results.json and stops the",
      "nodes. Members talk TLS with a CA made for this run and deleted after it.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  peerlab cluster-demo config/scenarios/quickstart.conf",
      "  peerlab cluster-demo --nodes 2 config/scenarios/quickstart.conf --set peers=32",
      "Node logs go to <out>/nodes/. docs/cluster.md: nodes by hand, several hosts.",
      "",
      "Exit codes: 0 every run finished, 1 a run or a node failed, 2 bad input",
      "(including a node JVM that exits before it is up, e.g. bad --node-java-opts)."
    })
final class ClusterDemoCommand implements Callable<Integer> {

  @ParentCommand PeerlabCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (HOCON, root key 'peerlab').")
  Path scenario;

  @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
      description = "Node JVMs to start (default ${DEFAULT-VALUE}); peers are spread over them round robin.")
  int nodes;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario key (repeatable), as for run.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR",
      description = "Folder for results.json, results.csv and nodes/*.log (default: results/<scenario>-<timestamp>/).")
  Path out;

  @Option(names = "--force", description = "Write into an --out folder that already holds results (replacing them).")
  boolean force;

  @Option(names = "--node-java-opts", paramLabel = "OPTS", defaultValue = "-Xmx1g -XX:+UseParallelGC",
      description = "JVM options of each node (default: ${DEFAULT-VALUE}).")
  String nodeJavaOpts;

  @Option(names = "--quiet", description = "Print no progress, only the table and where results went.")
  boolean quiet;

  @Mixin PluginOptions plugins = new PluginOptions();

  @Override
  public Integer call() {
    if (nodes < 1 || nodes > 16) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--nodes must be in 1..16, got " + nodes);
    }
    // Validate the scenario before starting any JVM; the seed's port is filled in below.
    List<String> all = new ArrayList<>(overrides);
    all.add("runtime=cluster");
    all.add("cluster.host=127.0.0.1");
    ClassLoader loader = plugins.loader(scenario);
    ScenarioSpec checked = ScenarioLoader.load(scenario, all, loader);
    Path dir = OutputFolder.prepare(out, checked.name(), force);
    long joinTimeout = checked.base().settings().get(ClusterSettings.class).joinTimeoutNanos();
    try (NodeJvms jvms =
        new NodeJvms(nodes, dir.resolve("nodes"), nodeJavaOpts, true, plugins.all(scenario), parent.err)) {
      all.addAll(RunCommand.clusterOverrides(List.of(jvms.seed()), nodes));
      jvms.tls().ifPresent(t -> all.add(RunCommand.tlsOverride(t)));
      ScenarioSpec loaded = ScenarioLoader.load(scenario, all, loader);
      parent.err.println("peerlab: started " + nodes + " node JVMs on 127.0.0.1 (seed " + jvms.seed()
          + ", TLS with a CA made for this run); their logs: " + jvms.logs());
      jvms.awaitUp(joinTimeout);
      return RunCommand.run(loaded, dir, force, quiet, false, true, parent);
    } catch (NodeJvms.NodeFailed e) {
      parent.err.println("peerlab: " + e.getMessage());
      return e.exited() ? Cli.BAD_INPUT : Cli.RUN_FAILED;
    }
  }
}
