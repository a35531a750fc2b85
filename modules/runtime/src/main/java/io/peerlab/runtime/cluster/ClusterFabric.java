package io.peerlab.runtime.cluster;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.Phase;
import io.peerlab.core.metrics.MemberFigures;
import io.peerlab.runtime.DeliveryScheduler;
import io.peerlab.runtime.PeerActor;
import io.peerlab.runtime.ScheduledFabric;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The {@link Fabric} of one cluster member for one run. Peers on this member reach each other as
 * on the local runtime (both network stages in this member's {@link DeliveryScheduler}). A message
 * to a peer on another member takes its uplink stage here, on the sender's member, and crosses
 * Artery through an {@link Outbox} (flow control) to the receiver's {@link Inbound}, whose member
 * runs the downlink stage and delivers it: each member owns the queues of the links of the peers it
 * hosts, as a real network would.
 *
 * <p>Run time is {@code System.nanoTime() - origin}, with this member's origin set by the
 * coordinator from its own origin and the clock offset it measured (0 between JVMs of one host,
 * which read the same CLOCK_MONOTONIC). Real transit between members overlaps the model's latency:
 * a message is delivered at the model's time, or on arrival if the real network was slower.
 *
 * <p>Phase reports, op completions and errors are gathered here and sent to the coordinator in
 * batches by {@link MemberRun}, so a member with thousands of peers sends a few messages per tick,
 * not one per peer.
 */
final class ClusterFabric extends ScheduledFabric {

  /** Control lane: messages and wire bytes unacknowledged per member. */
  static final int CONTROL_WINDOW = 1024;

  static final long CONTROL_WINDOW_BYTES = 4L << 20;
  /** Bulk lane: Artery's large-message queue holds 256; chunks are big, so fewer suffice. */
  static final int BULK_WINDOW = 64;

  static final long BULK_WINDOW_BYTES = 16L << 20;
  /** Messages this big or carrying content go on the bulk lane. */
  static final int BULK_THRESHOLD = 64 * 1024;
  /** The largest message the bulk lane carries (maximum-large-frame-size less headroom). */
  static final int MAX_MESSAGE = 4 * 1024 * 1024 + 64 * 1024;

  private final int self;
  private final Assignment assignment;
  private final boolean networkOn;
  private final ActorRef<PeerActor.Command>[] peers;
  private final List<ActorRef<Inbound.Command>> controlInbound;
  private final Outbox[] control;
  private final Outbox[] bulk;
  private final AtomicIntegerArray lost;
  private final int hosted;
  private volatile boolean measuring;

  private final LongAdder sent = new LongAdder();
  private final LongAdder bytesSent = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder local = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder events = new LongAdder();
  /** Peer messages that arrived from other members, whole run (one Inbound thread per lane adds). */
  private final AtomicLong arrivals = new AtomicLong();
  /** Run once when {@link #arrivals} reaches a count ({@link #whenArrived}); null if none waits. */
  private final AtomicReference<Watch> watch = new AtomicReference<>();

  private record Watch(long count, Runnable then) {}

  final ConcurrentLinkedQueue<long[]> phaseReports = new ConcurrentLinkedQueue<>();
  final LongAdder okMeasured = new LongAdder();
  final LongAdder failedMeasured = new LongAdder();
  final LongAdder okOther = new LongAdder();
  final LongAdder failedOther = new LongAdder();
  final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
  final LongAdder errorCount = new LongAdder();

  /**
   * @param peers this member's peer actors by address (null for peers hosted elsewhere)
   * @param controlInbound every member's control {@link Inbound}, by member index
   * @param bulkInbound every member's bulk {@link Inbound}, by member index
   */
  ClusterFabric(
      int self,
      Assignment assignment,
      boolean networkOn,
      ActorRef<PeerActor.Command>[] peers,
      List<ActorRef<Inbound.Command>> controlInbound,
      List<ActorRef<Inbound.Command>> bulkInbound) {
    this.self = self;
    this.assignment = assignment;
    this.networkOn = networkOn;
    this.peers = peers;
    this.controlInbound = List.copyOf(controlInbound);
    int m = assignment.members();
    this.control = new Outbox[m];
    this.bulk = new Outbox[m];
    for (int i = 0; i < m; i++) {
      if (i != self) {
        control[i] = new Outbox(controlInbound.get(i), CONTROL_WINDOW, CONTROL_WINDOW_BYTES, true);
        bulk[i] = new Outbox(bulkInbound.get(i), BULK_WINDOW, BULK_WINDOW_BYTES);
      }
    }
    this.lost = new AtomicIntegerArray(m);
    this.hosted = assignment.peersOf(self, peers.length).size();
  }

  int self() {
    return self;
  }

  int members() {
    return assignment.members();
  }

  int memberOf(int address) {
    return assignment.memberOf(address);
  }

  int hosted() {
    return hosted;
  }

  void measuring(boolean on) {
    measuring = on;
  }

  /** Member {@code m} is gone: drop what waits for it and whatever is sent to it from now on. */
  void lose(int m) {
    if (m != self && lost.compareAndSet(m, 0, 1)) {
      control[m].kill();
      bulk[m].kill();
    }
  }

  // ---- Fabric (called by this member's peer actors) ----

  @Override
  public void send(int from, int to, Message message) {
    int dst = assignment.memberOf(to);
    if (dst == self) {
      if (measuring) {
        local.increment();
      }
      sendWithin(networkOn, from, to, message);
    } else if (networkOn) {
      scheduler().sendRemote(scheduler().now(), from, to, message);
    } else {
      forward(to, from, message, -1, -1);
    }
  }

  @Override
  public void phaseDone(int peer, Phase phase) {
    phaseReports.add(new long[] {peer, phase.ordinal()});
  }

  @Override
  public void opEnded(int peer, boolean ok, boolean measured) {
    if (measured) {
      (ok ? okMeasured : failedMeasured).increment();
    } else {
      (ok ? okOther : failedOther).increment();
    }
  }

  @Override
  public void failure(int peer, Throwable error) {
    errorCount.increment();
    if (errors.size() < 5) {
      errors.add("peer " + peer + " threw " + error);
    }
  }

  // ---- DeliveryScheduler.Sink (called on the delivery thread) ----

  @Override
  public void deliver(int to, int from, Message message, long dueNanos) {
    ActorRef<PeerActor.Command> p = peers[to];
    if (p != null) {
      events.increment();
      p.tell(new PeerActor.Deliver(from, message));
    }
  }

  @Override
  public void fire(int to, long handle, long dueNanos) {
    ActorRef<PeerActor.Command> p = peers[to];
    if (p != null) {
      events.increment();
      p.tell(new PeerActor.Fire(handle));
    }
  }

  @Override
  public void forward(int to, int from, Message message, long firstBitNanos, long lastBitNanos) {
    int dst = assignment.memberOf(to);
    int size = message.wireSize();
    if (lost.get(dst) != 0 || size > MAX_MESSAGE) {
      dropped.increment();
      if (size > MAX_MESSAGE) {
        failure(from, new IllegalStateException(
            "message of " + size + " bytes exceeds the cluster's limit of " + MAX_MESSAGE + ": " + message));
      }
      return;
    }
    boolean measured = measuring;
    if (measured) {
      sent.increment();
      bytesSent.add(size);
    }
    boolean big = size >= BULK_THRESHOLD || message.contentBytes() > 0;
    (big ? bulk : control)[dst].offer(
        new Inbound.Transit(from, to, firstBitNanos, lastBitNanos, measured, message));
  }

  // ---- from this member's Inbound actors ----

  /** A message from another member has arrived. */
  void arrived(Inbound.Transit t) {
    if (t.to() < 0 || t.to() >= peers.length || peers[t.to()] == null) {
      return;
    }
    if (t.measured()) {
      received.increment();
    }
    if (t.firstBit() < 0 || !networkOn) {
      deliver(t.to(), t.from(), t.message(), now());
    } else {
      scheduler().arrive(t.firstBit(), t.lastBit(), t.from(), t.to(), t.message());
    }
    long n = arrivals.incrementAndGet();
    Watch w = watch.get();
    if (w != null && n >= w.count()) {
      fire(w);
    }
  }

  /**
   * Runs {@code then} once {@code count} peer messages in all have arrived from other members
   * (and been handed to their peers' mailboxes), at once if they already have: the end of {@link
   * PeerStream}'s stream on the receiving member.
   */
  void whenArrived(long count, Runnable then) {
    Watch w = new Watch(count, then);
    watch.set(w);
    if (arrivals.get() >= count) {
      fire(w);
    }
  }

  private void fire(Watch w) {
    if (watch.compareAndSet(w, null)) {
      w.then().run();
    }
  }

  void credit(Inbound.Credit c) {
    if (c.member() >= 0 && c.member() < control.length && c.member() != self) {
      (c.bulk() ? bulk : control)[c.member()].credit(c.messages(), c.bytes());
    }
  }

  void sendCredit(int member, Inbound.Credit c) {
    if (member != self && lost.get(member) == 0) {
      controlInbound.get(member).tell(c);
    }
  }

  MemberFigures figures(String address, double clockOffsetMs) {
    long waits = 0;
    long droppedInOutbox = 0;
    for (int i = 0; i < control.length; i++) {
      if (i != self) {
        waits += control[i].waits() + bulk[i].waits();
        droppedInOutbox += control[i].dropped() + bulk[i].dropped();
      }
    }
    return new MemberFigures(
        address, hosted, sent.sum(), bytesSent.sum(), received.sum(), local.sum(),
        dropped.sum() + droppedInOutbox, waits, scheduler().lost(), events.sum(), clockOffsetMs, false);
  }
}
