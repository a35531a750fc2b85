package io.peerlab.core.sim;

import io.peerlab.core.workload.Op;

import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.net.NetworkModel;
import io.peerlab.core.api.Message;
import io.peerlab.core.peer.PeerNode;
import io.peerlab.core.api.Phase;
import io.peerlab.core.peer.Port;
import io.peerlab.core.run.MessageObserver;
import io.peerlab.core.run.PeerRuntime;
import io.peerlab.core.run.PhaseSequencer;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.api.RunSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code sim} host: a discrete-event loop in virtual time on one thread. Events (message
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
  private static final int DELIVER = 0;
  private static final int DOWNLINK = 1;
  private static final int TIMER = 2;
  private static final int STEP = 3;

  @Override
  public String name() {
    return "sim";
  }

  @Override
  public RunOutcome run(RunSetup setup, RunControl control) {
    return new Loop(setup, control).run();
  }

  /**
   * Like {@link #run(RunSetup, RunControl)}, but first hands {@code peers} every peer, by address,
   * before any event runs: tests and teaching views attach listeners to overlays and keep the list
   * to inspect the peers' state after the run.
   */
  public RunOutcome run(RunSetup setup, RunControl control, Consumer<List<PeerNode>> peers) {
    Loop loop = new Loop(setup, control);
    peers.accept(List.of(loop.nodes));
    return loop.run();
  }

  /** A message in its downlink stage: what it is and when its last bit arrives. */
  private record InFlight(Message message, long lastBit) {}

  private static final class Loop implements PhaseSequencer.Host {
    private final RunSetup setup;
    private final RunControl control;
    private final MessageObserver observer;
    private final EventQueue queue = new EventQueue();
    private final NetworkModel network;
    private final PeerNode[] nodes;
    private final PhaseSequencer sequencer;
    private long now;
    private long lost;
    private long events;
    private long polled;
    private int errors;
    private final List<String> errorNotes = new ArrayList<>();
    private boolean finished;

    Loop(RunSetup setup, RunControl control) {
      this.setup = setup;
      this.control = control;
      this.observer = control.observer();
      this.network = setup.newNetworkModel();
      int n = setup.peers();
      this.nodes = new PeerNode[n];
      for (int a = 0; a < n; a++) {
        nodes[a] = new PeerNode(a, setup, new SimPort(a));
      }
      this.sequencer =
          new PhaseSequencer(
              this, n, setup.topology().settleNanos(setup), setup.spec().phaseTimeoutNanos());
    }

    RunOutcome run() {
      sequencer.start();
      long deadline = setup.spec().deadlineNanos();
      boolean cut = false;
      while (!finished && !queue.isEmpty()) {
        if (queue.peekTime() > deadline) {
          now = deadline;
          sequencer.cutShort("deadline of " + deadline / 1_000_000 + " ms (virtual) reached");
          cut = true;
          break;
        }
        if ((++polled & 0xFFF) == 0 && control.abort().getAsBoolean()) {
          sequencer.cutShort("run aborted (wall-clock deadline)");
          cut = true;
          break;
        }
        queue.poll();
        now = queue.t;
        if (queue.k == DELIVER || queue.k == TIMER) {
          events++;
        }
        try {
          dispatch();
        } catch (RuntimeException e) {
          // Like the actor hosts: the peer carries on and the run reports the error.
          errors++;
          if (errorNotes.size() < 5) {
            errorNotes.add("peer " + queue.to + " threw " + e);
          }
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
      List<PeerStats> stats = new ArrayList<>(nodes.length);
      for (PeerNode node : nodes) {
        stats.add(node.finish());
      }
      return new RunOutcome(
          stats, sequencer.measureStart(), sequencer.measureEnd(), cut, sequencer.current(), lost,
          events, notes, errors);
    }

    private void dispatch() {
      switch (queue.k) {
        case DELIVER -> {
          Message m = (Message) queue.obj;
          if (observer != null) {
            observer.delivered(now, queue.from, queue.to, m);
          }
          nodes[queue.to].deliver(queue.from, m);
        }
        case DOWNLINK -> {
          InFlight f = (InFlight) queue.obj;
          long at = network.downlink(queue.to, f.message.wireSize(), now, f.lastBit);
          queue.add(at, DELIVER, queue.to, queue.from, 0, f.message);
        }
        case TIMER -> nodes[queue.to].fire(queue.x);
        case STEP -> ((Runnable) queue.obj).run();
        default -> throw new IllegalStateException("unknown event kind " + queue.k);
      }
    }

    // ---- PhaseSequencer.Host ----

    @Override
    public long now() {
      return now;
    }

    @Override
    public void beginAll(Phase phase) {
      control.progress().phaseStarted(phase, setup.opsIn(phase));
      for (PeerNode node : nodes) {
        try {
          node.begin(phase);
        } catch (RuntimeException e) {
          errors++;
          if (errorNotes.size() < 5) {
            errorNotes.add("peer " + node.address() + " threw " + e);
          }
        }
      }
    }


    @Override
    public void schedule(long delayNanos, Runnable step) {
      queue.add(now + delayNanos, STEP, -1, -1, 0, step);
    }

    @Override
    public void finished() {
      finished = true;
    }

    private final class SimPort implements Port {
      private final int self;

      SimPort(int self) {
        this.self = self;
      }

      @Override
      public long now() {
        return now;
      }

      @Override
      public void send(int to, Message message) {
        if (to == self || !network.enabled()) {
          queue.add(now, DELIVER, to, self, 0, message);
          return;
        }
        long first = network.uplink(now, self, to, message.wireSize());
        if (first == NetworkModel.LOST) {
          lost++;
          return;
        }
        queue.add(first, DOWNLINK, to, self, 0, new InFlight(message, network.lastBit()));
      }

      @Override
      public void startTimer(long delayNanos, long handle) {
        queue.add(now + delayNanos, TIMER, self, self, handle, null);
      }

      @Override
      public void cancelTimer(long handle) {
        // Lazy: the node ignores handles it no longer holds.
      }

      @Override
      public void started(Op op, boolean measured) {
        control.progress().opStarted(self, op, measured);
      }

      @Override
      public void complete(long opToken, boolean ok, boolean measured) {
        control.progress().opEnded(ok, measured);
      }

      @Override
      public void phaseDone(Phase phase) {
        sequencer.phaseDone(self, phase);
      }
    }
  }
}
