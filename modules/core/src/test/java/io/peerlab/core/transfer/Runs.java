package io.peerlab.core.transfer;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Settings;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.run.MessageObserver;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.run.Topologies;
import io.peerlab.core.run.Transfers;
import io.peerlab.core.sim.SimHost;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;

/** Small sim runs for transfer tests. */
final class Runs {
  private Runs() {}

  /** Closed-loop fetches only: {@code clients} clients, {@code ops} fetches in all. */
  static WorkloadSpec fetches(int clients, int ops) {
    return new WorkloadSpec(
        LoadMode.CLOSED, clients, ops, 0, 0, 0, 0, 0, 1.0, 60 * TestSpecs.SEC, 1);
  }

  static RunSpec spec(
      String topology, String transfer, int peers, ObjectsSpec objects, WorkloadSpec workload,
      Settings settings) {
    return new RunSpec(
        "test", 42, Topologies.get(topology), Transfers.get(transfer), peers, 1, TestSpecs.network(), objects, workload,
        3600 * TestSpecs.SEC, 60 * TestSpecs.SEC, settings);
  }

  static RunResult run(RunSpec spec, MessageObserver observer) {
    RunSetup setup = RunSetup.of(spec);
    RunOutcome out = new SimHost().run(setup, RunControl.quiet().withObserver(observer));
    return Summaries.summarize(setup, "sim", out, null);
  }
}
