package io.peerlab.scenario;

import java.util.List;

/**
 * A scenario with its sweep, every point loaded and checked before anything runs.
 *
 * @param base the scenario without the sweep (results.json's {@code config})
 * @param sweep the sweep; empty for a plain scenario
 * @param steps one per point, in the order they run; one step (the base) when there is no sweep
 */
public record SweepPlan(ScenarioSpec base, Sweep sweep, List<SweepPlan.Step> steps) {
  public SweepPlan {
    steps = List.copyOf(steps);
  }

  /** One point and the scenario it makes. */
  public record Step(Sweep.Point point, ScenarioSpec spec) {}
}
