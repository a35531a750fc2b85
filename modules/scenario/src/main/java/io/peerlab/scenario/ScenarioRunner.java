package io.peerlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.run.MessageObserver;
import io.peerlab.core.run.PeerRuntime;
import io.peerlab.core.run.ProgressListener;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.workload.Workload;
import io.peerlab.runtime.RunCoordinator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs a scenario: builds the catalog and op scripts once from the seed, then runs every listed
 * topology on the chosen runtime with those same scripts, and collects one {@link RunResult} per
 * topology. The scenario's deadline bounds each topology, on every runtime: in virtual time on
 * sim (with the same span of wall time as a guard), in real time on local and cluster.
 *
 * <p>After each topology the listener gets the report so far ({@link Listener#resultsSoFar}, status
 * running), so a caller can put it on disk at once. When {@code stop} turns true (the CLI sets it
 * on SIGINT/SIGTERM) the topology running is cut short as at its deadline, no further topology
 * starts, and the report's status is {@code interrupted}.
 */
public final class ScenarioRunner {

  /** Callbacks for progress displays. */
  public interface Listener {
    Listener NONE = new Listener() {};

    default void topologyStarted(String topology, int index, int count, String runtime) {}

    /** A sweep's point {@code index} (from 0) of {@code count} starts; {@code values}: "peers=10". */
    default void sweepPointStarted(int index, int count, String values) {}

    /** The progress listener for the topology now running. */
    default ProgressListener progress() {
      return ProgressListener.NONE;
    }

    default void topologyFinished(RunResult result) {}

    /**
     * The report so far: once when the runtime is open (no runs yet), then after each topology;
     * status running (or interrupted, if stopped).
     */
    default void resultsSoFar(ScenarioReport report) {}

    /** A one-line status message from the runtime (the cluster runtime: joining, waiting). */
    default void status(String message) {}
  }

  /** The note of a topology cut short by SIGINT/SIGTERM. */
  public static final String INTERRUPTED_NOTE =
      "interrupted (SIGINT or SIGTERM): no op issued after it (not-started); ops in flight had"
          + " 2 s to end (those still running count as unfinished)";

  private final Listener listener;
  private final MessageObserver observer;
  private final BooleanSupplier stop;

  public ScenarioRunner(Listener listener, MessageObserver observer) {
    this(listener, observer, () -> false);
  }

  /** @param stop turns true to stop the scenario (the CLI's SIGINT/SIGTERM hook) */
  public ScenarioRunner(Listener listener, MessageObserver observer, BooleanSupplier stop) {
    this.listener = listener;
    this.observer = observer;
    this.stop = stop;
  }

  public ScenarioRunner() {
    this(Listener.NONE, null);
  }

  public ScenarioReport run(ScenarioSpec spec) {
    return run(new SweepPlan(spec, Sweep.NONE, List.of(new SweepPlan.Step(null, spec))));
  }

  /**
   * Runs every point of a sweep (or the one scenario of a plan without one) on one runtime,
   * opened once; each point gets the scenario's deadline and its own catalog and op scripts, and
   * each of its runs carries the point's values.
   */
  public ScenarioReport run(SweepPlan plan) {
    Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ScenarioSpec first = plan.base();
    PeerRuntime runtime = Runtimes.create(first.runtime(), first.base().settings(), listener::status);
    List<RunResult> results = new ArrayList<>();
    boolean swept = !plan.sweep().isEmpty();
    Function<String, ScenarioReport> report = status -> new ScenarioReport(
        first.name(),
        status,
        first.seed(),
        runtime.name(),
        started.toString(),
        Version.get(),
        ScenarioReport.Machine.current(),
        sorted(first.effective()),
        swept ? plan.sweep().section() : null,
        results);
    try (runtime) {
      runtime.open();
      // On disk from the start: a run stopped in its first topology still leaves its file.
      listener.resultsSoFar(report.apply(ScenarioReport.RUNNING));
      for (int i = 0; i < plan.steps().size() && !stop.getAsBoolean(); i++) {
        SweepPlan.Step step = plan.steps().get(i);
        ScenarioSpec spec = step.spec();
        if (swept) {
          listener.sweepPointStarted(i, plan.steps().size(), step.point().label());
        }
        RunSpec base = spec.base();
        Catalog catalog = new Catalog(base.seed(), base.objects());
        Workload workload = Workload.generate(base.seed(), base.workload(), catalog);
        runAll(spec, runtime, catalog, workload, results, swept ? step.point().values() : null, report);
      }
    }
    return report.apply(stop.getAsBoolean() ? ScenarioReport.INTERRUPTED : ScenarioReport.COMPLETE);
  }

  private void runAll(
      ScenarioSpec spec, PeerRuntime runtime, Catalog catalog, Workload workload,
      List<RunResult> results, Map<String, Object> sweepValues, Function<String, ScenarioReport> report) {
    int i = 0;
    for (String name : spec.topologies()) {
      if (stop.getAsBoolean()) {
        return;
      }
      listener.topologyStarted(name, i++, spec.topologies().size(), runtime.name());
      RunSpec rs = spec.forTopology(name);
      RunSetup setup = new RunSetup(rs, catalog, workload);
      long t0 = System.nanoTime();
      // Each topology gets the whole deadline. Real-time hosts enforce it themselves; on sim it is
      // virtual time, and the same span of wall time guards against a run that will not end.
      long wallDeadlineAt = t0 + rs.deadlineNanos();
      BooleanSupplier abort = runtime.realTime()
          ? stop
          : () -> stop.getAsBoolean() || System.nanoTime() > wallDeadlineAt;
      RunOutcome outcome = runtime.run(setup, new RunControl(listener.progress(), observer, abort));
      if (stop.getAsBoolean()) {
        outcome = interrupted(outcome);
      }
      double wallMs = (System.nanoTime() - t0) / 1e6;
      RunResult result =
          Summaries.summarize(setup, runtime.name(), outcome, wallMs, spec.intervalNanos());
      if (sweepValues != null) {
        result = result.withSweep(sweepValues);
      }
      results.add(result);
      listener.topologyFinished(result);
      listener.resultsSoFar(report.apply(
          stop.getAsBoolean() ? ScenarioReport.INTERRUPTED : ScenarioReport.RUNNING));
    }
  }

  /** The outcome of a topology cut short by {@code stop}, with a note that says so. */
  private static RunOutcome interrupted(RunOutcome o) {
    List<String> notes = new ArrayList<>();
    for (String n : o.notes()) {
      // The hosts' own words for a stop they cannot tell apart from a wall-clock guard.
      if (!n.startsWith("run aborted (wall-clock deadline)") && !n.startsWith(RunCoordinator.STOPPED)) {
        notes.add(n);
      }
    }
    notes.add(INTERRUPTED_NOTE);
    return new RunOutcome(o.peers(), o.measureStartNanos(), o.measureEndNanos(), o.deadlineHit(),
        o.lastPhase(), o.messagesLost(), o.events(), notes, o.errors(), o.members(), o.phases());
  }

  /** The config as nested maps with sorted keys, so results.json is stable. */
  static Map<String, Object> sorted(Config config) {
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : config.root().entrySet()) {
      out.put(e.getKey(), sortedValue(e.getValue().unwrapped()));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object sortedValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      ((Map<String, Object>) m).forEach((k, x) -> out.put(k, sortedValue(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object x : l) {
        out.add(sortedValue(x));
      }
      return out;
    }
    return v;
  }
}
