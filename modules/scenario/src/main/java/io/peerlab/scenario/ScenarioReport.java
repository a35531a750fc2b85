package io.peerlab.scenario;

import io.peerlab.core.metrics.RunResult;
import java.util.List;
import java.util.Map;

/**
 * The root of results.json (docs/results.md). Fields are only ever added, never renamed.
 *
 * @param scenario the scenario's name
 * @param status {@link #RUNNING} while topologies remain (the file is rewritten after each),
 *     then {@link #COMPLETE}, {@link #INTERRUPTED} (SIGINT/SIGTERM) or {@link #FAILED} (the run
 *     process failed: out of memory, an internal error)
 * @param seed its seed
 * @param runtime sim, local or cluster
 * @param startedAt when the scenario started, ISO-8601 UTC (not deterministic)
 * @param peerlabVersion the version that produced the file
 * @param machine what it ran on
 * @param config the resolved scenario config (every key, defaults included), keys sorted; in a
 *     sweep, without the sweep's values
 * @param sweep the sweep's keys, axes and points (a sweep only; else null, left out of the JSON)
 * @param runs one entry per topology, in the scenario's order; in a sweep, per point and topology
 */
public record ScenarioReport(
    String scenario,
    String status,
    long seed,
    String runtime,
    String startedAt,
    String peerlabVersion,
    Machine machine,
    Map<String, Object> config,
    Sweep.Section sweep,
    List<RunResult> runs) {

  public static final String RUNNING = "running";
  public static final String COMPLETE = "complete";
  public static final String INTERRUPTED = "interrupted";
  public static final String FAILED = "failed";

  public ScenarioReport {
    runs = List.copyOf(runs);
  }

  /** A complete report of a scenario without a sweep. */
  public ScenarioReport(
      String scenario, long seed, String runtime, String startedAt, String peerlabVersion,
      Machine machine, Map<String, Object> config, List<RunResult> runs) {
    this(scenario, COMPLETE, seed, runtime, startedAt, peerlabVersion, machine, config, null, runs);
  }

  /** The runs of one sweep point, as a report of their own (no sweep section). */
  public ScenarioReport point(Map<String, Object> values) {
    return new ScenarioReport(scenario, status, seed, runtime, startedAt, peerlabVersion, machine, config,
        null, runs.stream().filter(r -> values.equals(r.sweep())).toList());
  }

  /** The same report with other runs. */
  public ScenarioReport withRuns(List<RunResult> others) {
    return new ScenarioReport(scenario, status, seed, runtime, startedAt, peerlabVersion, machine, config, sweep, others);
  }

  /** The same report with another status. */
  public ScenarioReport withStatus(String s) {
    return new ScenarioReport(scenario, s, seed, runtime, startedAt, peerlabVersion, machine, config, sweep, runs);
  }

  /** What the scenario ran on. */
  public record Machine(int cores, String java, String os, long maxHeapMiB) {
    public static Machine current() {
      return new Machine(
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
          System.getProperty("os.name") + " " + System.getProperty("os.arch"),
          Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
  }

  /** True when every run finished on its own: no deadline hit, no errors in peer logic. */
  public boolean ok() {
    return runs.stream().noneMatch(r -> r.timing().deadlineHit() || r.health().errors() > 0);
  }
}
