package io.peerlab.core.overlay;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.peer.PeerNode;
import io.peerlab.core.sim.SimNet;
import java.util.BitSet;

/**
 * Overlay tests drive the simulator's own event loop ({@link SimNet}) step by step: begin a phase
 * on every peer, run until no event is left, look into any peer's overlay and call it between
 * events, see every message sent or delivered. No phase sequencer, no deadline: the test decides.
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

  private final BitSet done = new BitSet();
  private final SimNet net;
  private Tap taps = (now, from, to, m) -> {};
  private DeliveryTap deliveryTaps = (now, from, to, m) -> {};

  public TestNet(RunSetup setup) {
    this.net = new SimNet(setup, (peer, phase) -> done.set(peer));
    net.observeSends((now, from, to, m) -> taps.sent(now, from, to, m));
    net.observeDeliveries((now, from, to, m) -> deliveryTaps.delivered(now, from, to, m));
  }

  public RunSetup setup() {
    return net.setup();
  }

  public int size() {
    return net.size();
  }

  public long now() {
    return net.now();
  }

  /** Messages sent so far, by every peer in every phase. */
  public long sent() {
    return net.sent();
  }

  public void tap(Tap t) {
    Tap before = taps;
    taps =
        (now, from, to, m) -> {
          before.sent(now, from, to, m);
          t.sent(now, from, to, m);
        };
  }

  public void tapDeliveries(DeliveryTap t) {
    DeliveryTap before = deliveryTaps;
    deliveryTaps =
        (now, from, to, m) -> {
          before.delivered(now, from, to, m);
          t.delivered(now, from, to, m);
        };
  }

  public PeerNode node(int address) {
    return net.node(address);
  }

  public <T> T overlay(int address, Class<T> type) {
    return type.cast(net.node(address).overlay());
  }

  /** Begins {@code phase} on every peer and runs until no event is left. */
  public void phase(Phase phase) {
    done.clear();
    for (int a = 0; a < net.size(); a++) {
      net.node(a).begin(phase);
    }
    run();
  }

  /**
   * Begins {@code phase} on every peer without running: for runs whose peers keep timers going
   * forever (pings under churn), which the caller then runs with {@link #runUntil}.
   */
  public void begin(Phase phase) {
    done.clear();
    for (int a = 0; a < net.size(); a++) {
      net.node(a).begin(phase);
    }
  }

  /** How many peers reported the last phase begun as done. */
  public int done() {
    return done.cardinality();
  }

  /** Runs events until none is left. */
  public void run() {
    net.run();
  }

  /** Runs events due at or before {@code t}. */
  public void runUntil(long t) {
    net.runUntil(t);
  }
}
