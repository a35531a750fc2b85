package io.peerlab.core.overlay;

import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.sim.SimHost;

/** Whole runs on the sim host, for tests that compare topologies by their results. */
public final class Runs {
  private Runs() {}

  public static RunResult sim(RunSpec spec) {
    RunSetup setup = UnstructuredSpecs.setup(spec);
    RunOutcome out = new SimHost().run(setup, RunControl.quiet());
    return Summaries.summarize(setup, "sim", out, null);
  }

  /** Share of an op type's measured ops that succeeded. */
  public static double success(RunResult r, String op) {
    RunResult.OpSummary s = r.figures().ops().get(op);
    return s == null || s.count() == 0 ? 0 : (double) s.ok() / s.count();
  }

  public static double messagesPerOp(RunResult r, String op) {
    return r.figures().ops().get(op).messages().mean();
  }

  public static String line(RunResult r, String op) {
    RunResult.OpSummary s = r.figures().ops().get(op);
    return String.format(
        java.util.Locale.ROOT,
        "%s %s: ok %d/%d msgs/op %.1f hops %.2f recall %s errors %d notes %s",
        r.identity().topology(), op, s.ok(), s.count(), s.messages().mean(), s.hops().mean(), s.recall(),
        r.health().errors(), r.health().notes());
  }
}
