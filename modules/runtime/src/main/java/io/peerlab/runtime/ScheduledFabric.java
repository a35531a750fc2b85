package io.peerlab.runtime;

import io.peerlab.core.api.Message;

/**
 * A {@link Fabric} whose clock, timers and in-process messages go through one {@link
 * DeliveryScheduler}: what the local runtime and each cluster member share. Subclasses say where a
 * delivery or a timer ends up ({@link DeliveryScheduler.Sink}) and handle everything else.
 */
public abstract class ScheduledFabric implements Fabric, DeliveryScheduler.Sink {
  private volatile DeliveryScheduler scheduler;

  /** Wires the scheduler in (it needs this fabric as its sink), before any peer starts. */
  public final void wire(DeliveryScheduler scheduler) {
    this.scheduler = scheduler;
  }

  protected final DeliveryScheduler scheduler() {
    return scheduler;
  }

  @Override
  public final long now() {
    return scheduler.now();
  }

  @Override
  public final void timer(int peer, long delayNanos, long handle) {
    if (delayNanos <= 0) {
      fire(peer, handle, scheduler.now());
    } else {
      scheduler.timer(scheduler.now() + delayNanos, peer, handle);
    }
  }

  @Override
  public final void cancelTimer(int peer, long handle) {
    scheduler.cancel(peer, handle);
  }

  /**
   * Carries {@code message} between two peers this scheduler hosts: through both network stages,
   * or straight to the receiver when the model is off or a peer sends to itself.
   */
  protected final void sendWithin(boolean networkOn, int from, int to, Message message) {
    if (!networkOn || from == to) {
      deliver(to, from, message, scheduler.now());
    } else {
      scheduler.send(scheduler.now(), from, to, message);
    }
  }
}
