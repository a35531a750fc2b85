package io.peerlab.cli;

import io.peerlab.scenario.ScenarioLoader;
import io.peerlab.scenario.ScenarioSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
      "Start N peerlab node JVMs on 127.0.0.1, run a scenario on them with the cluster",
      "runtime, print the comparison, write results.json and stop the nodes.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  peerlab cluster-demo config/scenarios/quickstart.conf",
      "  peerlab cluster-demo --nodes 2 config/scenarios/quickstart.conf --set peers=32 --out /tmp/demo",
      "Node logs go to <out>/nodes/. docs/cluster.md runs nodes by hand and on several hosts.",
      "",
      "Exit codes: 0 every run finished, 1 a run or a node failed, 2 bad input."
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

  @Option(names = "--node-java-opts", paramLabel = "OPTS", defaultValue = "-Xmx1g -XX:+UseParallelGC",
      description = "JVM options of each node (default: ${DEFAULT-VALUE}).")
  String nodeJavaOpts;

  @Option(names = "--quiet", description = "Print no progress, only the table and where results went.")
  boolean quiet;

  @Override
  public Integer call() throws InterruptedException {
    if (nodes < 1 || nodes > 16) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--nodes must be in 1..16, got " + nodes);
    }
    int seedPort = freePort();
    List<String> all = new ArrayList<>(overrides);
    all.add("runtime=cluster");
    all.add("cluster.host=127.0.0.1");
    all.addAll(RunCommand.clusterOverrides(List.of("127.0.0.1:" + seedPort), nodes));
    ScenarioSpec loaded = ScenarioLoader.load(scenario, all);
    Path dir = out != null ? out : RunCommand.defaultOut(loaded.name());
    Path logs = dir.resolve("nodes");
    List<Process> started = new ArrayList<>();
    Thread hook = new Thread(() -> started.forEach(Process::destroyForcibly), "peerlab-demo-nodes");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Files.createDirectories(logs);
      for (int i = 0; i < nodes; i++) {
        started.add(startNode(i, seedPort, logs));
      }
      parent.err.println("peerlab: started " + nodes + " node JVMs on 127.0.0.1 (seed 127.0.0.1:" + seedPort
          + "); their logs: " + logs);
      return RunCommand.run(loaded, dir, quiet, parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the node JVMs: " + e.getMessage(), e);
    } finally {
      stop(started, logs);
      Runtime.getRuntime().removeShutdownHook(hook);
    }
  }

  private Process startNode(int i, int seedPort, Path logs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String o : nodeJavaOpts.trim().split("\\s+")) {
      if (!o.isEmpty()) {
        cmd.add(o);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "node",
        "--host", "127.0.0.1", "--port", i == 0 ? String.valueOf(seedPort) : "0"));
    if (i > 0) {
      cmd.addAll(List.of("--seed", "127.0.0.1:" + seedPort));
    }
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(logs.resolve("node-" + i + ".log").toFile())
        .start();
  }

  /** SIGTERM (the nodes leave the cluster), then SIGKILL whatever is left after 15 s. */
  private void stop(List<Process> processes, Path logs) throws InterruptedException {
    List<Integer> early = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      if (!processes.get(i).isAlive()) {
        early.add(i);
      }
      processes.get(i).destroy();
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    for (Process p : processes) {
      long left = Math.max(0, end - System.nanoTime());
      if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    }
    for (int i : early) {
      parent.err.println("peerlab: node " + i + " had exited early (code " + processes.get(i).exitValue()
          + "); see " + logs.resolve("node-" + i + ".log"));
    }
    if (!processes.isEmpty()) {
      parent.err.println("peerlab: stopped the " + processes.size() + " node JVMs");
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1: " + e.getMessage(), e);
    }
  }
}
