package io.peerlab.core.run;

import io.peerlab.core.api.Failures;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.peer.PeerNode;
import io.peerlab.core.workload.ClientScript;
import io.peerlab.core.workload.Op;
import java.util.ArrayList;
import java.util.List;

/** Outcomes of runs that could not happen. */
public final class Outcomes {
  private Outcomes() {}

  /**
   * A run that never started (its scenario's deadline had passed): every measured op counts as
   * failed ("not-started"), so the results still say what did not happen.
   */
  public static RunOutcome notRun(RunSetup setup, String note) {
    List<PeerStats> stats = new ArrayList<>();
    for (int a = 0; a < setup.peers(); a++) {
      PeerStats s = new PeerStats(a, setup.directory().get(a).role());
      ClientScript script = setup.directory().get(a).role().issues() ? setup.scriptAt(a) : null;
      if (script != null) {
        for (Op op : script.measured()) {
          s.op(op.type()).recordFailed(Failures.NOT_STARTED);
        }
      }
      stats.add(s);
    }
    return new RunOutcome(stats, -1, -1, true, null, 0, 0, List.of(note), 0);
  }
}
