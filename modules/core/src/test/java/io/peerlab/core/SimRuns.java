package io.peerlab.core;

import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.sim.SimHost;

/** Runs a spec on the sim host, for tests. */
public final class SimRuns {
  private SimRuns() {}

  /** The outcome and its summary. */
  public record Run(RunSetup setup, RunOutcome outcome, RunResult result) {}

  public static Run run(RunSpec spec) {
    return run(spec, RunControl.quiet());
  }

  public static Run run(RunSpec spec, RunControl control) {
    RunSetup setup = RunSetup.of(spec);
    RunOutcome outcome = new SimHost().run(setup, control);
    return new Run(setup, outcome, Summaries.summarize(setup, "sim", outcome, null));
  }
}
