package io.peerlab.core.sim;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.net.NetworkModel;
import io.peerlab.core.peer.PeerNode;
import io.peerlab.core.peer.Port;
import io.peerlab.core.run.MessageObserver;
import io.peerlab.core.workload.Op;

/**
 * The simulator's event loop over the peers of one run: virtual time, the run's {@link
 * NetworkModel}, and events (message arrivals, timers, steps) in (time, insertion) order. It
 * decides nothing about phases or deadlines: {@link SimHost} drives it through a whole run, and
 * protocol tests drive the same loop event by event (begin a phase, run until quiet, look into a
 * peer, run on), so what a test sees is what a run does.
 *
 * <p>A message passes the model's uplink stage when sent and its downlink stage when its first bit
 * arrives, then is delivered; a peer's messages to itself, and every message when the model is
 * off, are delivered at once as a separate event. When no peer's downlink has a rate the downlink
 * stage can change nothing ({@link NetworkModel#downlinksUnlimited()}), and a message is queued
 * for delivery at its last bit's arrival when it is sent: one queue entry a message, not two.
 * Single-threaded; not thread-safe.
 */
public final class SimNet {
  private static final int DELIVER = 0;
  private static final int DOWNLINK = 1;
  private static final int TIMER = 2;
  private static final int STEP = 3;

  /** What the owner of the loop hears from its peers besides their messages. */
  public interface Owner {
    /** {@code peer} finished {@code phase}. */
    void phaseDone(int peer, Phase phase);

    /** One op of {@code peer}'s script starts. */
    default void opStarted(int peer, Op op, boolean measured) {}

    /** One op ended. */
    default void opEnded(boolean ok, boolean measured) {}
  }

  private final RunSetup setup;
  private final Owner owner;
  private final EventQueue queue = new EventQueue();
  private final NetworkModel network;
  private final PeerNode[] nodes;
  private MessageObserver deliveries;
  private MessageObserver sends;
  private long now;
  private long lost;
  private long sent;
  private long events;
  private long steps;
  private long queuedSum;
  /** Timers cancelled while queued and not yet dropped: the trigger of {@link #dropCancelled}. */
  private int cancelled;
  private Message lastSent;
  private int lastSender = -1;

  public SimNet(RunSetup setup, Owner owner) {
    this.setup = setup;
    this.owner = owner;
    this.network = setup.newNetworkModel();
    int n = setup.peers();
    this.nodes = new PeerNode[n];
    for (int a = 0; a < n; a++) {
      nodes[a] = new PeerNode(a, setup, new SimPort(a));
    }
  }

  /** Sees every message when it is delivered (null: none). */
  public void observeDeliveries(MessageObserver o) {
    this.deliveries = o;
  }

  /** Sees every message when it is sent, before the network model (null: none). */
  public void observeSends(MessageObserver o) {
    this.sends = o;
  }

  public RunSetup setup() {
    return setup;
  }

  public int size() {
    return nodes.length;
  }

  public PeerNode node(int address) {
    return nodes[address];
  }

  /** Every peer, by address (the array itself: callers must not change it). */
  PeerNode[] nodes() {
    return nodes;
  }

  /** Virtual nanoseconds since the run started: the time of the last event run. */
  public long now() {
    return now;
  }

  /** Moves the clock to {@code t} without running anything (a deadline cut). */
  void advanceTo(long t) {
    now = t;
  }

  /** Messages the network model dropped. */
  public long lost() {
    return lost;
  }

  /** Messages sent so far, by every peer. */
  public long sent() {
    return sent;
  }

  /**
   * Deliveries and timers run so far (network stages, steps and cancelled timers are not
   * counted).
   */
  public long events() {
    return events;
  }

  /** Entries taken from the queue so far: events, network stages, steps and skipped timers. */
  public long steps() {
    return steps;
  }

  /** The mean number of entries queued when one was taken (0 before the first). */
  public double meanQueued() {
    return steps == 0 ? 0 : (double) queuedSum / steps;
  }

  public boolean isEmpty() {
    return queue.isEmpty();
  }

  /** The time of the next event; only when not {@link #isEmpty()}. */
  public long peekTime() {
    return queue.peekTime();
  }

  /** Messages in flight, timers and steps waiting: what a flooding protocol makes grow. */
  public int queued() {
    return queue.size();
  }

  /** The last message sent and its sender, for a flood's note ("" before the first). */
  public String lastSent() {
    return lastSent == null ? "" : lastSent.getClass().getName() + " from peer " + lastSender;
  }

  /** The peer the last event run was for (-1 for a step). */
  public int lastTarget() {
    return queue.to;
  }

  /** Runs {@code step} after {@code delayNanos} of virtual time, as an event of its own. */
  public void schedule(long delayNanos, Runnable step) {
    queue.add(now + delayNanos, STEP, -1, -1, 0, step);
  }

  /** Runs the next event; an exception from peer logic propagates, with the clock moved on. */
  public void step() {
    steps++;
    queuedSum += queue.size();
    queue.peek();
    now = queue.t;
    if (queue.k == DOWNLINK) {
      // The message's first bit arrives: it becomes its delivery, in the top entry's place. (aux:
      // its size; the message itself is not read here.)
      long at = network.downlinkFrom(queue.from, queue.to, (int) queue.x, now);
      queue.replaceTop(at, DELIVER, queue.to, queue.from, 0, queue.obj);
      return;
    }
    queue.removeTop();
    switch (queue.k) {
      case DELIVER -> {
        events++;
        Message m = (Message) queue.obj;
        if (deliveries != null) {
          deliveries.delivered(now, queue.from, queue.to, m);
        }
        nodes[queue.to].deliver(queue.from, m);
      }
      case TIMER -> {
        PeerNode node = nodes[queue.to];
        if (node.timerPending(queue.x)) {
          events++;
          node.fire(queue.x);
        } else if (cancelled > 0) {
          cancelled--;
        }
      }
      case STEP -> ((Runnable) queue.obj).run();
      default -> throw new IllegalStateException("unknown event kind " + queue.k);
    }
  }

  /** Runs every event due at or before {@code t}. */
  public void runUntil(long t) {
    while (!queue.isEmpty() && queue.peekTime() <= t) {
      step();
    }
  }

  /** Runs until no event is left. */
  public void run() {
    runUntil(Long.MAX_VALUE);
  }

  /**
   * Drops the queued timers their nodes no longer hold, so that the heap a run polls is the size
   * of its live events, not of every op timeout it ever set (a closed-loop client cancels one per
   * op). Called after at least half the queue's size in cancels, so it costs O(1) per cancel;
   * what stays runs in the same order.
   */
  private void dropCancelled() {
    queue.retain((kind, target, aux) -> kind != TIMER || nodes[target].timerPending(aux));
    cancelled = 0;
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
      sent++;
      lastSent = message;
      lastSender = self;
      if (sends != null) {
        sends.delivered(now, self, to, message);
      }
      if (to == self || !network.enabled()) {
        queue.add(now, DELIVER, to, self, 0, message);
        return;
      }
      int bytes = message.wireSize();
      long first = network.uplink(now, self, to, bytes);
      if (first == NetworkModel.LOST) {
        lost++;
        return;
      }
      if (network.downlinksUnlimited()) {
        // No downlink can delay it: the downlink stage would return the last bit's arrival.
        queue.add(network.lastBit(), DELIVER, to, self, 0, message);
        return;
      }
      // aux: the size, for the downlink stage (NetworkModel.downlinkFrom).
      queue.add(first, DOWNLINK, to, self, bytes, message);
    }

    @Override
    public void startTimer(long delayNanos, long handle) {
      queue.add(now + delayNanos, TIMER, self, self, handle, null);
    }

    @Override
    public void cancelTimer(long handle) {
      // Lazy: the timer stays queued and is skipped when it comes due (the node no longer holds
      // it), until cancelled ones are many enough to drop at once.
      if (++cancelled >= 256 && cancelled > queue.size() / 2) {
        dropCancelled();
      }
    }

    @Override
    public void started(Op op, boolean measured) {
      owner.opStarted(self, op, measured);
    }

    @Override
    public void complete(long opToken, boolean ok, boolean measured) {
      owner.opEnded(ok, measured);
    }

    @Override
    public void phaseDone(Phase phase) {
      owner.phaseDone(self, phase);
    }
  }
}
