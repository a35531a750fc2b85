package io.peerlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerlab.report.Results;
import io.peerlab.report.RunReport;
import io.peerlab.report.WarmUp;
import io.peerlab.scenario.ComparisonTable;
import io.peerlab.scenario.MemoryEstimate;
import io.peerlab.scenario.ResultsWriter;
import io.peerlab.scenario.ScenarioException;
import io.peerlab.scenario.ScenarioLoader;
import io.peerlab.scenario.ScenarioReport;
import io.peerlab.scenario.ScenarioRunner;
import io.peerlab.scenario.ScenarioSpec;
import io.peerlab.scenario.Sweep;
import io.peerlab.scenario.SweepPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      "results.json, results.csv and report.html.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  peerlab run config/scenarios/quickstart.conf",
      "  peerlab run config/scenarios/quickstart.conf --runtime sim --set peers=256 --set workload.ops=5000",
      "  peerlab run my.conf --set 'topologies=[central-index]' --out /tmp/r1",
      "  peerlab run config/scenarios/chord-scale.conf --sweep peers=1000,10000,100000",
      "  peerlab run config/scenarios/flash-crowd-sweep.conf",
      "",
      Cli.EXIT_CODES_TABLE
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
      names = "--sweep",
      paramLabel = "KEY=V1,V2,...",
      description = {
        "Run the scenario once per value of KEY, into one results folder (repeatable: a grid).",
        "Keys that move together go in one --sweep, separated by ';':",
        "--sweep 'peers=11,21;workload.clients=10,20'. Replaces the file's peerlab.sweep."
      })
  List<String> sweeps = new ArrayList<>();

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
      names = "--tls",
      paramLabel = "DIR",
      description = "Cluster runtime: talk TLS to the nodes with the key material in DIR (made by"
          + " 'peerlab tls-init DIR', the nodes started with --tls); sets peerlab.cluster.tls.")
  Path tls;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Folder for results.json and results.csv (default: results/<scenario>-<timestamp>/).")
  Path out;

  @Option(
      names = "--force",
      description = "Write into an --out folder that already holds results (replacing them).")
  boolean force;

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

  @Option(names = "--no-report", description = "Do not write report.html (peerlab report DIR makes it later).")
  boolean noReport;

  @Override
  public Integer call() {
    // Results' and report's libraries load on the second core while the scenario is read and run.
    WarmUp.start(!noReport);
    List<String> all = new ArrayList<>(overrides);
    if (runtime != null) {
      all.add("runtime=" + runtime);
    }
    all.addAll(clusterOverrides(seedNodes, nodes));
    if (tls != null) {
      all.add(tlsOverride(tls));
    }
    // On the sim class path a plugin moves the run to the whole one before its classes load.
    if (SimClassPath.active() && !plugins.all(scenario).isEmpty()) {
      return SimClassPath.runOnFullClassPath();
    }
    SweepPlan plan = ScenarioLoader.plan(scenario, all, sweeps, plugins.loader(scenario));
    ScenarioSpec spec = plan.base();
    if ((!seedNodes.isEmpty() || nodes != null || tls != null) && !spec.runtime().equals("cluster")) {
      throw new ScenarioException(
          "--seed-node, --nodes and --tls apply to the cluster runtime only; add --runtime cluster");
    }
    // A run the launcher read as a sim run, which is not one: to the whole class path, before
    // anything is printed or written.
    if (SimClassPath.needsFull(plan.steps().stream().map(s -> s.spec().runtime()).toList())) {
      return SimClassPath.runOnFullClassPath();
    }
    return run(plan, out, force, quiet, trace, !noReport, parent);
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

  /** The --set override that --tls stands for. */
  static String tlsOverride(Path dir) {
    return "cluster.tls=\"" + dir.toString().replace("\\", "/").replace("\"", "") + "\"";
  }

  /** Runs a loaded scenario, prints the table, writes the results; the exit code. */
  static int run(
      ScenarioSpec spec, Path out, boolean force, boolean quiet, boolean trace, boolean html,
      PeerlabCommand parent) {
    return run(new SweepPlan(spec, Sweep.NONE, List.of(new SweepPlan.Step(null, spec))), out, force,
        quiet, trace, html, parent);
  }

  /**
   * Runs a scenario and its sweep's points, prints the tables, writes the results; the exit code.
   * The output folder is made and checked, and the heap checked against what the scenario needs,
   * before anything runs; results reach disk after every topology ({@link RunGuard}).
   */
  static int run(
      SweepPlan spec, Path out, boolean force, boolean quiet, boolean trace, boolean html,
      PeerlabCommand parent) {
    MemoryEstimate.check(spec);
    if (spec.steps().stream().anyMatch(s -> !s.spec().runtime().equals("sim"))) {
      Main.initLogging(); // before the actor system starts (Main)
    }
    Path dir = OutputFolder.prepare(out, spec.base().name(), force);
    WarmUp.start(html); // (once per process: call() has usually started it already)
    ConsoleProgress progress = new ConsoleProgress(parent.err, quiet);
    TraceWriter writer = trace ? new TraceWriter(dir) : null;
    ScenarioReport report;
    // Freed on an OutOfMemoryError: room to write the results so far and say so.
    byte[] reserve = new byte[Cli.RESERVE_BYTES];
    try (RunGuard guard = new RunGuard(dir, parent.err, writer)) {
      int runs = spec.steps().stream().mapToInt(s -> s.spec().topologies().size()).sum();
      ScenarioRunner.Listener listener =
          new Checkpoints(writer == null ? progress : writer.around(progress), guard, runs);
      try {
        report = new ScenarioRunner(listener, writer, guard::stopped).run(spec);
      } catch (OutOfMemoryError e) {
        reserve = null;
        return outOfMemory(guard, dir, parent);
      } finally {
        if (writer != null) {
          writer.close();
        }
      }
      JsonNode written = guard.finish(report);
      reserve[0] = 1;
      return finished(report, html ? Results.of(dir, written) : null, dir, parent);
    }
  }

  /**
   * Writes report.html from {@code results} (what was just written; null: no report), prints the
   * tables and where the results are; the exit code.
   */
  private static int finished(ScenarioReport report, Results results, Path dir, PeerlabCommand parent) {
    Path reportFile = results != null ? RunReport.write(results) : null;
    parent.out.println();
    parent.out.print(tables(report));
    parent.out.print(MemberTable.render(report));
    parent.out.println();
    parent.out.println("results: " + dir.resolve(ResultsWriter.JSON) + ", " + dir.resolve(ResultsWriter.CSV));
    if (reportFile != null) {
      parent.out.println("report: " + reportFile);
    }
    if (report.status().equals(ScenarioReport.INTERRUPTED)) {
      parent.err.println("peerlab: interrupted; the results hold the topologies run so far (status interrupted)");
      return Cli.INTERRUPTED;
    }
    if (!report.ok()) {
      parent.err.println("peerlab: a run did not finish (deadline reached, errors in peer logic, or peers lost);"
          + " see the notes above");
      return Cli.RUN_FAILED;
    }
    return Cli.OK;
  }

  /**
   * An OutOfMemoryError the up-front check did not foresee: what the scenario allocated is
   * unreachable by now, so there is room to write the topologies that finished (status failed)
   * and say so in one line.
   */
  private static int outOfMemory(RunGuard guard, Path dir, PeerlabCommand parent) {
    ScenarioReport last = guard.last();
    String saved = "";
    if (last != null) {
      guard.finish(last.withStatus(ScenarioReport.FAILED));
      int n = last.runs().size();
      saved = "; " + (n == 1 ? "the 1 run" : "the " + n + " runs") + " that finished before it"
          + (n == 1 ? " is" : " are") + " in " + dir.resolve(ResultsWriter.JSON) + " (status failed)";
    }
    parent.err.println("peerlab: out of memory (max heap " + MemoryEstimate.mib(Runtime.getRuntime().maxMemory())
        + " MiB)" + saved + "; give more with PEERLAB_JAVA_OPTS=-Xmx..., or use fewer peers, objects or ops");
    return Cli.OUT_OF_MEMORY;
  }

  /**
   * Hands each finished topology's report to the guard, which writes it at once; the report after
   * the last of {@code runs} only to hold, since the run's end writes it straight after.
   */
  private record Checkpoints(ScenarioRunner.Listener inner, RunGuard guard, int runs)
      implements ScenarioRunner.Listener {
    @Override
    public void topologyStarted(String topology, int index, int count, String runtime) {
      inner.topologyStarted(topology, index, count, runtime);
    }

    @Override
    public void sweepPointStarted(int index, int count, String values) {
      inner.sweepPointStarted(index, count, values);
    }

    @Override
    public io.peerlab.core.run.ProgressListener progress() {
      return inner.progress();
    }

    @Override
    public void topologyFinished(io.peerlab.core.metrics.RunResult result) {
      inner.topologyFinished(result);
    }

    @Override
    public void status(String message) {
      inner.status(message);
    }

    @Override
    public void resultsSoFar(ScenarioReport report) {
      if (report.runs().size() >= runs && report.status().equals(ScenarioReport.RUNNING)) {
        guard.hold(report);
      } else if (report.runs().isEmpty() && report.status().equals(ScenarioReport.RUNNING)) {
        guard.firstCheckpoint(report);
      } else {
        guard.checkpoint(report);
      }
    }
  }

  /** The comparison table; in a sweep, one per point under its values. */
  private static String tables(ScenarioReport report) {
    if (report.sweep() == null) {
      return ComparisonTable.render(report);
    }
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> point : report.sweep().points()) {
      sb.append("sweep ").append(new Sweep.Point(point, List.of()).label()).append('\n');
      sb.append(ComparisonTable.render(report.point(point))).append('\n');
    }
    return sb.toString();
  }


}
