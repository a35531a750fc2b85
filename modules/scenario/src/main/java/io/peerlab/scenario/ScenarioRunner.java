package io.peerlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.run.MessageObserver;
import io.peerlab.core.run.Outcomes;
import io.peerlab.core.run.PeerRuntime;
import io.peerlab.core.run.ProgressListener;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.workload.Workload;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a scenario: builds the catalog and op scripts once from the seed, then runs every listed
 * topology on the chosen runtime with those same scripts, and collects one {@link RunResult} per
 * topology. The scenario's deadline bounds the whole loop: each topology gets what is left of it,
 * and a topology that cannot start in time is reported with all its ops failed.
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

    /** A one-line status message from the runtime (the cluster runtime: joining, waiting). */
    default void status(String message) {}
  }

  private final Listener listener;
  private final MessageObserver observer;

  public ScenarioRunner(Listener listener, MessageObserver observer) {
    this.listener = listener;
    this.observer = observer;
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
    try (runtime) {
      runtime.open();
      for (int i = 0; i < plan.steps().size(); i++) {
        SweepPlan.Step step = plan.steps().get(i);
        ScenarioSpec spec = step.spec();
        if (swept) {
          listener.sweepPointStarted(i, plan.steps().size(), step.point().label());
        }
        long deadlineAt = System.nanoTime() + spec.base().deadlineNanos();
        RunSpec base = spec.base();
        Catalog catalog = new Catalog(base.seed(), base.objects());
        Workload workload = Workload.generate(base.seed(), base.workload(), catalog);
        runAll(spec, runtime, catalog, workload, deadlineAt, results,
            swept ? step.point().values() : null);
      }
    }
    return new ScenarioReport(
        first.name(),
        first.seed(),
        runtime.name(),
        started.toString(),
        Version.get(),
        ScenarioReport.Machine.current(),
        sorted(first.effective()),
        swept ? plan.sweep().section() : null,
        results);
  }

  private void runAll(
      ScenarioSpec spec, PeerRuntime runtime, Catalog catalog, Workload workload, long deadlineAt,
      List<RunResult> results, Map<String, Object> sweepValues) {
    int i = 0;
    for (String name : spec.topologies()) {
      listener.topologyStarted(name, i++, spec.topologies().size(), runtime.name());
      long remaining = deadlineAt - System.nanoTime();
      RunSpec rs = spec.forTopology(name);
      if (runtime.realTime()) {
        rs = withDeadline(rs, Math.max(1, remaining));
      }
      RunSetup setup = new RunSetup(rs, catalog, workload);
      long t0 = System.nanoTime();
      RunOutcome outcome;
      if (remaining <= 0) {
        outcome = Outcomes.notRun(setup, "not started: the scenario's deadline had passed");
      } else {
        RunControl control =
            new RunControl(listener.progress(), observer, () -> System.nanoTime() > deadlineAt);
        outcome = runtime.run(setup, control);
      }
      double wallMs = (System.nanoTime() - t0) / 1e6;
      RunResult result =
          Summaries.summarize(setup, runtime.name(), outcome, wallMs, spec.intervalNanos());
      if (sweepValues != null) {
        result = result.withSweep(sweepValues);
      }
      results.add(result);
      listener.topologyFinished(result);
    }
  }

  /** The spec with its deadline cut to {@code deadlineNanos} if that comes first. */
  private static RunSpec withDeadline(RunSpec s, long deadlineNanos) {
    return s.withDeadlineNanos(Math.min(s.deadlineNanos(), deadlineNanos));
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
