package io.peerlab.runtime;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.peer.OpResult;
import io.peerlab.core.peer.PeerNode;
import io.peerlab.core.peer.Port;
import io.peerlab.core.workload.Op;
import io.peerlab.runtime.serialization.CborSerializable;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A peer as a Pekko typed actor: a thin adapter that hands each command to its {@link PeerNode}
 * and carries the node's effects out through a {@link Fabric}. The actor's mailbox gives the node
 * the one-event-at-a-time discipline it expects; all protocol logic stays in the core.
 */
public final class PeerActor extends AbstractBehavior<PeerActor.Command> {

  /** What a peer actor accepts. */
  public sealed interface Command extends CborSerializable {}

  /** A message from another peer, delivered at the time the network model gave. */
  public record Deliver(int from, Message message) implements Command {}

  /** A timer the node started has fired. */
  public record Fire(long handle) implements Command {}

  /** Begin a phase of the run. */
  public record Begin(Phase phase) implements Command {}

  /** Stop the node and reply with what it counted. */
  public record Finish(ActorRef<Finished> replyTo) implements Command {}

  /**
   * Run an op that is not in the node's script ({@link PeerNode#submit}); {@code whenDone} runs on
   * the actor's thread. It carries a callback, so it stays in its JVM (see {@link LiveSystem}).
   */
  public record Submit(Op op, Consumer<OpResult> whenDone)
      implements Command, org.apache.pekko.actor.NoSerializationVerificationNeeded {}

  /**
   * Run {@code call} on the actor's thread with the node, between two of its events: a reader that
   * wants its state, or an interactive crash or restart ({@link LiveSystem}); stays in its JVM.
   * {@code call} must not keep the node.
   */
  public record WithNode(Consumer<PeerNode> call)
      implements Command, org.apache.pekko.actor.NoSerializationVerificationNeeded {}

  /**
   * Send {@code message} to peer {@code to} as this peer, through its fabric, outside its
   * protocol: {@code peerlab cluster-bench}'s peer stream ({@link
   * io.peerlab.runtime.cluster.ClusterRuntime#peerStream}). Stays in its JVM.
   */
  public record Send(int to, Message message)
      implements Command, org.apache.pekko.actor.NoSerializationVerificationNeeded {}

  /** The reply to {@link Finish}; stays in its JVM (the cluster host encodes stats itself). */
  public record Finished(int address, PeerStats stats)
      implements org.apache.pekko.actor.NoSerializationVerificationNeeded {}

  private final int address;
  private final Fabric fabric;
  private final PeerNode node;

  public static Behavior<Command> create(int address, RunSetup setup, Fabric fabric) {
    return Behaviors.setup(ctx -> new PeerActor(ctx, address, setup, fabric));
  }

  private PeerActor(ActorContext<Command> ctx, int address, RunSetup setup, Fabric fabric) {
    super(ctx);
    this.address = address;
    this.fabric = fabric;
    this.node = new PeerNode(address, setup, new ActorPort());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Deliver.class, this::onDeliver)
        .onMessage(Fire.class, this::onFire)
        .onMessage(Begin.class, this::onBegin)
        .onMessage(Finish.class, this::onFinish)
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(WithNode.class, this::onWithNode)
        .onMessage(Send.class, this::onSend)
        .build();
  }

  private Behavior<Command> onDeliver(Deliver d) {
    return guarded(() -> node.deliver(d.from(), d.message()));
  }

  private Behavior<Command> onFire(Fire f) {
    return guarded(() -> node.fire(f.handle()));
  }

  private Behavior<Command> onBegin(Begin b) {
    return guarded(() -> node.begin(b.phase()));
  }

  /**
   * Runs one node call; an exception is reported and the peer carries on. Out of memory is handed
   * to the thread waiting for the run ({@link FatalErrors}), which ends it, rather than to Pekko's
   * fatal-error handler, which prints a stack trace and stops the system.
   */
  private Behavior<Command> guarded(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      fabric.failure(address, e);
    } catch (VirtualMachineError e) {
      FatalErrors.record(e);
      return Behaviors.stopped();
    }
    return this;
  }

  private Behavior<Command> onSubmit(Submit s) {
    return guarded(() -> node.submit(s.op(), s.whenDone()));
  }

  private Behavior<Command> onWithNode(WithNode w) {
    return guarded(() -> w.call().accept(node));
  }

  private Behavior<Command> onSend(Send s) {
    fabric.send(address, s.to(), s.message());
    return this;
  }

  private Behavior<Command> onFinish(Finish f) {
    f.replyTo().tell(new Finished(address, node.finish()));
    return this;
  }

  private final class ActorPort implements Port {
    @Override
    public long now() {
      return fabric.now();
    }

    @Override
    public void send(int to, Message message) {
      fabric.send(address, to, message);
    }

    @Override
    public void startTimer(long delayNanos, long handle) {
      fabric.timer(address, delayNanos, handle);
    }

    @Override
    public void cancelTimer(long handle) {
      fabric.cancelTimer(address, handle);
    }

    @Override
    public void started(Op op, boolean measured) {
      fabric.opStarted(address, op, measured);
    }

    @Override
    public void complete(long opToken, boolean ok, boolean measured) {
      fabric.opEnded(address, ok, measured);
    }

    @Override
    public void phaseDone(Phase phase) {
      fabric.phaseDone(address, phase);
    }
  }
}
