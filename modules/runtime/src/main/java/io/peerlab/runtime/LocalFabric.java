package io.peerlab.runtime;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.Phase;
import io.peerlab.core.run.MessageObserver;
import io.peerlab.core.run.ProgressListener;
import io.peerlab.core.workload.Op;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The {@link Fabric} of one ActorSystem: messages and timers go through a {@link
 * DeliveryScheduler} (or straight to the actor when the network model is off and the delay is
 * zero); phase reports go to the coordinator.
 */
final class LocalFabric extends ScheduledFabric {
  private final boolean networkOn;
  private final ProgressListener progress;
  private final MessageObserver observer;
  private final BiConsumer<Integer, Phase> phaseDone;
  private final BiConsumer<Integer, Throwable> failure;
  private final LongAdder events = new LongAdder();
  private final DeliveryGate gate;
  private volatile List<ActorRef<PeerActor.Command>> peers = List.of();

  LocalFabric(
      boolean networkOn,
      ProgressListener progress,
      MessageObserver observer,
      BiConsumer<Integer, Phase> phaseDone,
      BiConsumer<Integer, Throwable> failure) {
    this(networkOn, progress, observer, phaseDone, failure, null);
  }

  /** @param gate a hold on every delivery ({@link LiveSystem}'s interactive use), or null */
  LocalFabric(
      boolean networkOn,
      ProgressListener progress,
      MessageObserver observer,
      BiConsumer<Integer, Phase> phaseDone,
      BiConsumer<Integer, Throwable> failure,
      DeliveryGate gate) {
    this.gate = gate;
    this.networkOn = networkOn;
    this.progress = progress;
    this.observer = observer;
    this.phaseDone = phaseDone;
    this.failure = failure;
  }

  /** Wires the peers and the scheduler in, before any peer receives its first command. */
  void wire(List<ActorRef<PeerActor.Command>> peers, DeliveryScheduler scheduler) {
    this.peers = List.copyOf(peers);
    wire(scheduler);
  }

  long events() {
    return events.sum();
  }

  @Override
  public void send(int from, int to, Message message) {
    sendWithin(networkOn, from, to, message);
  }

  @Override
  public void phaseDone(int peer, Phase phase) {
    phaseDone.accept(peer, phase);
  }

  @Override
  public void opStarted(int peer, Op op, boolean measured) {
    progress.opStarted(peer, op, measured);
  }

  @Override
  public void opEnded(int peer, boolean ok, boolean measured) {
    progress.opEnded(ok, measured);
  }

  @Override
  public void failure(int peer, Throwable error) {
    failure.accept(peer, error);
  }

  // ---- DeliveryScheduler.Sink ----

  @Override
  public void deliver(int to, int from, Message message, long dueNanos) {
    if (gate != null) {
      gate.offer(to, from, message, () -> deliverNow(to, from, message, dueNanos));
    } else {
      deliverNow(to, from, message, dueNanos);
    }
  }

  private void deliverNow(int to, int from, Message message, long dueNanos) {
    events.increment();
    if (observer != null) {
      observer.delivered(dueNanos, from, to, message);
    }
    peers.get(to).tell(new PeerActor.Deliver(from, message));
  }

  @Override
  public void fire(int to, long handle, long dueNanos) {
    events.increment();
    peers.get(to).tell(new PeerActor.Fire(handle));
  }
}
