package io.peerlab.core.overlay;

import io.peerlab.core.net.NetworkModel;
import io.peerlab.core.api.Message;
import io.peerlab.core.peer.PeerNode;
import io.peerlab.core.api.Phase;
import io.peerlab.core.peer.Port;
import io.peerlab.core.api.RunSetup;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A host for overlay tests: the sim host's event loop (virtual time, the run's {@link
 * NetworkModel}, events in (time, insertion) order) over real {@link PeerNode}s, but driven by the
 * test: it begins phases when asked, runs until no event is left, lets the test look into any
 * peer's overlay and call it between events, and shows every message sent to a {@link Tap}.
 */
public final class TestNet {

  /** Sees every message when it is sent. */
  public interface Tap {
    void sent(long now, int from, int to, Message m);
  }

  /** Sees every message when it is delivered. */
  public interface DeliveryTap {
    void delivered(long now, int from, int to, Message m);
  }

  private static final int DELIVER = 0;
  private static final int DOWNLINK = 1;
  private static final int TIMER = 2;

  private record Event(long time, long seq, int kind, int to, int from, Object payload, long x) {}

  private final RunSetup setup;
  private final NetworkModel network;
  private final PeerNode[] nodes;
  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(
          (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
  private final BitSet done = new BitSet();
  private final List<Tap> taps = new ArrayList<>();
  private final List<DeliveryTap> deliveryTaps = new ArrayList<>();
  private long now;
  private long seq;
  private long sent;

  public TestNet(RunSetup setup) {
    this.setup = setup;
    this.network = setup.newNetworkModel();
    this.nodes = new PeerNode[setup.peers()];
    for (int a = 0; a < nodes.length; a++) {
      nodes[a] = new PeerNode(a, setup, new NetPort(a));
    }
  }

  public RunSetup setup() {
    return setup;
  }

  public int size() {
    return nodes.length;
  }

  public long now() {
    return now;
  }

  /** Messages sent so far, by every peer in every phase. */
  public long sent() {
    return sent;
  }

  public void tap(Tap t) {
    taps.add(t);
  }

  public void tapDeliveries(DeliveryTap t) {
    deliveryTaps.add(t);
  }

  public PeerNode node(int address) {
    return nodes[address];
  }

  public <T> T overlay(int address, Class<T> type) {
    return type.cast(nodes[address].overlay());
  }

  /** Begins {@code phase} on every peer and runs until no event is left. */
  public void phase(Phase phase) {
    done.clear();
    for (PeerNode n : nodes) {
      n.begin(phase);
    }
    run();
  }

  /** How many peers reported the last phase begun as done. */
  public int done() {
    return done.cardinality();
  }

  /** Runs events until none is left. */
  public void run() {
    runUntil(Long.MAX_VALUE);
  }

  /** Runs events due at or before {@code t}. */
  public void runUntil(long t) {
    while (!queue.isEmpty() && queue.peek().time <= t) {
      Event e = queue.poll();
      now = e.time;
      switch (e.kind) {
        case DELIVER -> {
          for (DeliveryTap dt : deliveryTaps) {
            dt.delivered(now, e.from, e.to, (Message) e.payload);
          }
          nodes[e.to].deliver(e.from, (Message) e.payload);
        }
        case DOWNLINK -> {
          Message m = (Message) e.payload;
          long at = network.downlink(e.to, m.wireSize(), now, e.x);
          add(at, DELIVER, e.to, e.from, m, 0);
        }
        case TIMER -> nodes[e.to].fire(e.x);
        default -> throw new IllegalStateException("kind " + e.kind);
      }
    }
  }

  private void add(long time, int kind, int to, int from, Object payload, long x) {
    queue.add(new Event(time, seq++, kind, to, from, payload, x));
  }

  private final class NetPort implements Port {
    private final int self;

    NetPort(int self) {
      this.self = self;
    }

    @Override
    public long now() {
      return now;
    }

    @Override
    public void send(int to, Message message) {
      sent++;
      for (Tap t : taps) {
        t.sent(now, self, to, message);
      }
      if (to == self || !network.enabled()) {
        add(now, DELIVER, to, self, message, 0);
        return;
      }
      long first = network.uplink(now, self, to, message.wireSize());
      if (first != NetworkModel.LOST) {
        add(first, DOWNLINK, to, self, message, network.lastBit());
      }
    }

    @Override
    public void startTimer(long delayNanos, long handle) {
      add(now + delayNanos, TIMER, self, self, null, handle);
    }

    @Override
    public void cancelTimer(long handle) {}

    @Override
    public void complete(long opToken, boolean ok, boolean measured) {}

    @Override
    public void phaseDone(Phase phase) {
      done.set(self);
    }
  }
}
