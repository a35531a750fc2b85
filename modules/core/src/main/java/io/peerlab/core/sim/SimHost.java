package io.peerlab.core.sim;

import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.peer.PeerNode;
import io.peerlab.core.run.PeerRuntime;
import io.peerlab.core.run.PhaseSequencer;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.workload.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code sim} host: a discrete-event loop ({@link SimNet}) in virtual time on one thread. Events (message
 * arrivals, timers, phase steps) come out of a heap in (time, insertion) order and run to
 * completion in zero virtual time, so a run is a function of its seed: two runs of the same
 * scenario produce the same events in the same order. Peers' CPU time is not modelled; the sim
 * measures protocols and the network model, not the machine.
 *
 * <p>A message passes the {@link NetworkModel}'s uplink stage when sent and its downlink stage when
 * its first bit arrives, then is delivered; a peer's messages to itself are delivered at once (as a
 * separate event). The run ends when the measured phase is done, when virtual time passes the
 * deadline, or when {@link RunControl#abort()} says so (polled every 4096 events).
 */
public final class SimHost implements PeerRuntime {

  @Override
  public String name() {
    return "sim";
  }

  @Override
  public RunOutcome run(RunSetup setup, RunControl control) {
    return new Loop(setup, control).run();
  }

  /**
   * What a run asked of its event queue: entries taken (events, plus a message's downlink stage,
   * phase steps and skipped timers) and how many were queued on average when one was taken. A
   * benchmark of the bare queue does the same work with these ({@code SimHostBench}).
   */
  public record QueueProfile(RunOutcome outcome, long steps, double meanQueued) {}

  /** Like {@link #run(RunSetup, RunControl)}, with the run's {@link QueueProfile}. */
  public QueueProfile profile(RunSetup setup, RunControl control) {
    Loop loop = new Loop(setup, control);
    RunOutcome out = loop.run();
    return new QueueProfile(out, loop.net.steps(), loop.net.meanQueued());
  }

  /**
   * Like {@link #run(RunSetup, RunControl)}, but first hands {@code peers} every peer, by address,
   * before any event runs: tests and teaching views attach listeners to overlays and keep the list
   * to inspect the peers' state after the run.
   */
  public RunOutcome run(RunSetup setup, RunControl control, Consumer<List<PeerNode>> peers) {
    Loop loop = new Loop(setup, control);
    peers.accept(List.of(loop.net.nodes()));
    return loop.run();
  }

  private static final class Loop implements PhaseSequencer.Host, SimNet.Owner {
    private final RunSetup setup;
    private final RunControl control;
    private final SimNet net;
    private final PhaseSequencer sequencer;
    private long polled;
    private int errors;
    private final List<String> errorNotes = new ArrayList<>();
    private boolean finished;

    Loop(RunSetup setup, RunControl control) {
      this.setup = setup;
      this.control = control;
      this.net = new SimNet(setup, this);
      net.observeDeliveries(control.observer());
      this.sequencer =
          new PhaseSequencer(
              this, setup.peers(), setup.topology().settleNanos(setup),
              setup.spec().phaseTimeoutNanos());
    }

    RunOutcome run() {
      sequencer.start();
      long deadline = setup.spec().deadlineNanos();
      long floodLimit = floodLimit(setup.peers());
      boolean cut = false;
      while (!finished && !net.isEmpty()) {
        if (net.peekTime() > deadline) {
          net.advanceTo(deadline);
          sequencer.cutShort("deadline of " + deadline / 1_000_000 + " ms (virtual) reached");
          cut = true;
          break;
        }
        if ((++polled & 0xFFF) == 0 && control.abort().getAsBoolean()) {
          sequencer.cutShort("run aborted (wall-clock deadline)");
          cut = true;
          break;
        }
        if (net.queued() > floodLimit) {
          sequencer.cutShort(
              "flood: more than " + floodLimit + " messages and timers queued at once (the last message"
                  + " sent: " + net.lastSent() + "); the run stops before it runs out of memory");
          errors++;
          cut = true;
          break;
        }
        try {
          net.step();
        } catch (RuntimeException e) {
          // Like the actor hosts: the peer carries on and the run reports the error.
          error(net.lastTarget(), e);
        }
      }
      List<String> notes = new ArrayList<>(sequencer.notes());
      if (!finished && !cut) {
        sequencer.cutShort("no events left");
        notes = new ArrayList<>(sequencer.notes());
      }
      if (errors > 0) {
        notes.add(errors + " errors in peer logic; first: " + String.join("; ", errorNotes));
      }
      List<PeerStats> stats = new ArrayList<>(net.size());
      for (PeerNode node : net.nodes()) {
        stats.add(node.finish());
      }
      return new RunOutcome(
          stats, sequencer.measureStart(), sequencer.measureEnd(), cut, sequencer.current(),
          net.lost(), net.events(), notes, errors).withPhases(sequencer.phases());
    }

    /** Events queued at once past which a run is a flood: far above any sane protocol's. */
    static long floodLimit(int peers) {
      return Math.max(2_000_000L, 64L * peers);
    }

    private void error(int peer, RuntimeException e) {
      errors++;
      if (errorNotes.size() < 5) {
        errorNotes.add("peer " + peer + " threw " + e);
      }
    }

    // ---- PhaseSequencer.Host ----

    @Override
    public long now() {
      return net.now();
    }

    @Override
    public void beginAll(Phase phase) {
      control.progress().phaseStarted(phase, setup.opsIn(phase));
      for (PeerNode node : net.nodes()) {
        try {
          node.begin(phase);
        } catch (RuntimeException e) {
          error(node.address(), e);
        }
      }
    }

    @Override
    public void schedule(long delayNanos, Runnable step) {
      net.schedule(delayNanos, step);
    }

    @Override
    public void finished() {
      finished = true;
    }

    // ---- SimNet.Owner ----

    @Override
    public void phaseDone(int peer, Phase phase) {
      sequencer.phaseDone(peer, phase);
    }

    @Override
    public void opStarted(int peer, Op op, boolean measured) {
      control.progress().opStarted(peer, op, measured);
    }

    @Override
    public void opEnded(boolean ok, boolean measured) {
      control.progress().opEnded(ok, measured);
    }
  }
}
