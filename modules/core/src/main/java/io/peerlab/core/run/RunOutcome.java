package io.peerlab.core.run;

import io.peerlab.core.api.Phase;
import io.peerlab.core.metrics.MemberFigures;
import io.peerlab.core.metrics.PeerStats;
import java.util.List;

/**
 * What a host hands back: every peer's stats and the shape of the run.
 *
 * @param peers every peer's stats, by address (peers that crashed or were lost may be missing)
 * @param measureStartNanos when the measured phase began (run clock), or -1 if it never did
 * @param measureEndNanos when it ended, or when the run was cut short
 * @param deadlineHit the run ended at its deadline (or was aborted) rather than by finishing
 * @param lastPhase the last phase the run began
 * @param messagesLost messages the network model dropped
 * @param events events the host processed (messages delivered plus timers fired)
 * @param notes what went wrong, one line each (phases that timed out, peers lost)
 * @param errors exceptions thrown by peer logic (each peer carried on after it)
 * @param members per-member figures of a cluster run, in member order; empty on single-JVM hosts
 * @param phases each phase the run began, and when, in order (empty when the host kept none)
 */
public record RunOutcome(
    List<PeerStats> peers,
    long measureStartNanos,
    long measureEndNanos,
    boolean deadlineHit,
    Phase lastPhase,
    long messagesLost,
    long events,
    List<String> notes,
    int errors,
    List<MemberFigures> members,
    List<PhaseMark> phases) {
  public RunOutcome {
    peers = List.copyOf(peers);
    notes = List.copyOf(notes);
    members = List.copyOf(members);
    phases = List.copyOf(phases);
  }

  /** This outcome with the phase marks of its run. */
  public RunOutcome withPhases(List<PhaseMark> phases) {
    return new RunOutcome(peers, measureStartNanos, measureEndNanos, deadlineHit, lastPhase,
        messagesLost, events, notes, errors, members, phases);
  }

  /** An outcome of a single-JVM host: no per-member figures. */
  public RunOutcome(
      List<PeerStats> peers,
      long measureStartNanos,
      long measureEndNanos,
      boolean deadlineHit,
      Phase lastPhase,
      long messagesLost,
      long events,
      List<String> notes,
      int errors) {
    this(peers, measureStartNanos, measureEndNanos, deadlineHit, lastPhase, messagesLost, events,
        notes, errors, List.of(), List.of());
  }
}
