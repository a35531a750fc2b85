package io.peerlab.core.overlay;

import static io.peerlab.core.TestSpecs.MS;
import static io.peerlab.core.TestSpecs.SEC;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Settings;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.peer.PeerNode;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.run.Topologies;
import io.peerlab.core.run.Transfers;
import io.peerlab.core.sim.SimHost;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.transfer.SingleSourceStrategy;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs of the structured overlays on the sim host, for the overlay tests. */
public final class StructuredRuns {
  private StructuredRuns() {}

  /** Objects with uniform popularity (so lookup targets are uniform keys), no keywords. */
  public static ObjectsSpec uniformObjects(int count) {
    return new ObjectsSpec(count, 16 * TestSpecs.KIB, (int) (16 * TestSpecs.KIB), 0.0, 0, 10, 1);
  }

  public static WorkloadSpec lookups(int clients, int ops) {
    return new WorkloadSpec(LoadMode.CLOSED, clients, ops, 0, 0, 0, 1.0, 0.0, 0.0, 60 * SEC, 1);
  }

  public static WorkloadSpec mix(int clients, int ops, double lookup, double search, double fetch,
      int queryKeywords) {
    return new WorkloadSpec(
        LoadMode.CLOSED, clients, ops, 0, 0, 0, lookup, search, fetch, 60 * SEC, queryKeywords);
  }

  public static RunSpec spec(String topology, long seed, int peers, ObjectsSpec objects,
      WorkloadSpec workload, Object... settings) {
    Settings s = Settings.of(FetchSettings.forTests());
    for (Object o : settings) {
      s = s.with(o);
    }
    return new RunSpec("structured-test", seed, Topologies.get(topology),
        Transfers.get(SingleSourceStrategy.NAME), peers, 0,
        TestSpecs.network(), objects, workload, 3_600 * SEC, 600 * SEC, s);
  }

  /** One finished run: the setup, its result, and every peer as it was at the end. */
  public record Run(RunSetup setup, RunOutcome outcome, RunResult result, List<PeerNode> peers) {}

  public static Run run(RunSpec spec, Consumer<List<PeerNode>> beforeStart) {
    RunSetup setup = RunSetup.of(spec);
    List<PeerNode> peers = new ArrayList<>();
    RunOutcome out =
        new SimHost().run(setup, RunControl.quiet(), ps -> {
          peers.addAll(ps);
          beforeStart.accept(ps);
        });
    return new Run(setup, out, Summaries.summarize(setup, "sim", out, null), peers);
  }

  public static long ms(long n) {
    return n * MS;
  }
}
