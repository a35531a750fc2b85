package io.peerlab.demo;

import io.peerlab.core.api.Message;
import io.peerlab.runtime.DeliveryGate;
import java.util.ArrayDeque;

/**
 * The demo's hold on one panel's deliveries: paused, every message waits at its receiver's door;
 * step lets the oldest waiting one in; resume lets them all in, in order, and stops holding.
 */
final class DemoGate implements DeliveryGate {
  private final ArrayDeque<Runnable> held = new ArrayDeque<>();
  private boolean paused;

  @Override
  public void offer(int to, int from, Message message, Runnable deliver) {
    synchronized (this) {
      if (paused) {
        held.add(deliver);
        return;
      }
    }
    deliver.run();
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
}
