package io.peerlab.demo;

import io.peerlab.core.api.Message;
import io.peerlab.runtime.DeliveryGate;
import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * The demo's hold on one panel's deliveries: pause (messages wait at the receiver's door), step
 * (one waiting message goes in) and kill (a peer is cut off: nothing reaches it, nothing it sends
 * is delivered, its timers no longer fire).
 *
 * <p>Kill is the demo's own: it stops delivery to and from the peer in the local runtime, which is
 * what a crashed peer looks like to the others; the peer's actor stays, silent.
 */
final class DemoGate implements DeliveryGate {
  private final BitSet killed = new BitSet();
  private final ArrayDeque<Runnable> held = new ArrayDeque<>();
  private boolean paused;
  private long droppedToKilled;

  @Override
  public void offer(int to, int from, Message message, Runnable deliver) {
    synchronized (this) {
      if (killed.get(to) || killed.get(from)) {
        droppedToKilled++;
        return;
      }
      if (paused) {
        held.add(deliver);
        return;
      }
    }
    deliver.run();
  }

  @Override
  public synchronized boolean fires(int peer) {
    return !killed.get(peer);
  }

  synchronized void pause() {
    paused = true;
  }

  /** Lets every waiting message in, oldest first, then stops holding new ones. */
  void resume() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = held.poll();
        if (next == null) {
          paused = false;
          return;
        }
      }
      next.run();
    }
  }

  synchronized boolean paused() {
    return paused;
  }

  /** Paused: lets the oldest waiting message in; false if none waits. */
  boolean step() {
    Runnable next;
    synchronized (this) {
      next = held.poll();
    }
    if (next == null) {
      return false;
    }
    next.run();
    return true;
  }

  synchronized int waiting() {
    return held.size();
  }

  synchronized void kill(int peer) {
    killed.set(peer);
  }

  synchronized boolean isKilled(int peer) {
    return killed.get(peer);
  }

  synchronized int[] killed() {
    return killed.stream().toArray();
  }

  synchronized long droppedToKilled() {
    return droppedToKilled;
  }
}
