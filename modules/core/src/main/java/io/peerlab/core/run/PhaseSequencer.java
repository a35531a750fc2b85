package io.peerlab.core.run;

import io.peerlab.core.api.Phase;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The run's phase protocol, shared by every host: begin a phase on every peer, wait until every
 * peer reports it done, then go on (after JOIN, let the overlay settle first). JOIN and PUBLISH
 * have a time limit; WARMUP and MEASURE end because every op has a timeout.
 *
 * <p>The sequencer never begins a phase from inside a peer's call: it asks the host to run the next
 * step as a separate event ({@link Host#schedule}), so no peer sees phase n+1 before every peer
 * has seen phase n. Single-threaded: hosts call it from one thread (the sim loop, a coordinator
 * actor).
 */
public final class PhaseSequencer {

  /** What the sequencer needs from its host. */
  public interface Host {
    long now();

    /** Begin {@code phase} on every peer, in address order. */
    void beginAll(Phase phase);

    /** Run {@code step} as its own event after {@code delayNanos} (0 = as soon as possible). */
    void schedule(long delayNanos, Runnable step);

    /** Every phase is done: collect the peers' stats and end the run. */
    void finished();
  }

  private final Host host;
  private final int peers;
  private final long settleNanos;
  private final long phaseTimeoutNanos;
  private final List<String> notes = new ArrayList<>();
  private final List<PhaseMark> marks = new ArrayList<>();
  private final BitSet reported = new BitSet();
  /** reported.cardinality(), kept as a count: cardinality() is O(peers) and ran once per report. */
  private int reportedCount;
  private Phase current;
  private int epoch;
  private long measureStart = -1;
  private long measureEnd = -1;
  private boolean done;

  public PhaseSequencer(Host host, int peers, long settleNanos, long phaseTimeoutNanos) {
    this.host = host;
    this.peers = peers;
    this.settleNanos = settleNanos;
    this.phaseTimeoutNanos = phaseTimeoutNanos;
  }

  public void start() {
    host.schedule(0, () -> begin(Phase.JOIN));
  }

  /** A peer reports {@code phase} done; reports for other phases and repeats are ignored. */
  public void phaseDone(int peer, Phase phase) {
    if (done || phase != current || reported.get(peer)) {
      return;
    }
    reported.set(peer);
    reportedCount++;
    if (reportedCount == peers) {
      advance();
    }
  }

  public Phase current() {
    return current;
  }

  public boolean done() {
    return done;
  }

  public long measureStart() {
    return measureStart;
  }

  public long measureEnd() {
    return measureEnd;
  }

  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** Every phase begun so far, with when it began, in order. */
  public List<PhaseMark> phases() {
    return List.copyOf(marks);
  }

  /** Peers that have not reported the current phase yet. */
  public int pending() {
    return peers - reportedCount;
  }

  private void begin(Phase phase) {
    current = phase;
    reported.clear();
    reportedCount = 0;
    int myEpoch = ++epoch;
    if (phase == Phase.MEASURE) {
      measureStart = host.now();
    }
    marks.add(new PhaseMark(phase, host.now()));
    host.beginAll(phase);
    if (phase == Phase.JOIN || phase == Phase.PUBLISH) {
      host.schedule(phaseTimeoutNanos, () -> {
        if (epoch == myEpoch && !done) {
          notes.add(phase.name().toLowerCase() + " phase timed out with " + pending() + " of "
              + peers + " peers not done");
          advance();
        }
      });
    }
  }

  private void advance() {
    epoch++;
    Phase p = current;
    switch (p) {
      case JOIN -> host.schedule(settleNanos, () -> begin(Phase.PUBLISH));
      case PUBLISH -> host.schedule(0, () -> begin(Phase.WARMUP));
      case WARMUP -> host.schedule(0, () -> begin(Phase.MEASURE));
      case MEASURE -> {
        measureEnd = host.now();
        done = true;
        host.schedule(0, host::finished);
      }
    }
  }

  /** The run is cut short (deadline, abort): remember when measuring stopped. */
  public void cutShort(String why) {
    if (!done) {
      notes.add(why + " during the " + (current == null ? "start" : current.name().toLowerCase())
          + " phase, with " + pending() + " of " + peers + " peers not done");
      if (measureStart >= 0 && measureEnd < 0) {
        measureEnd = host.now();
      }
      done = true;
    }
  }
}
