package io.peerlab.runtime.cluster;

import io.peerlab.core.api.Message;
import io.peerlab.runtime.serialization.CborSerializable;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Where peer messages from other members arrive on this member: one actor per lane ({@code
 * inbound} for control traffic, {@code bulk} for chunks and other large messages, which Artery
 * carries on its large-message lane). It hands each message to the member's {@link ClusterFabric}
 * (downlink stage, then delivery) and returns credit to the sender's {@link Outbox}: after 64
 * messages or 1 MiB from one member, and every 5 ms for any remainder.
 */
final class Inbound extends AbstractBehavior<Inbound.Command> {

  sealed interface Command {}

  /**
   * A peer message crossing members. With the network model on, {@code firstBit}/{@code lastBit}
   * are the run times the sender's uplink stage gave; with it off they are -1. {@code measured}:
   * sent during the measured phase, so both members count it in the same phase although they
   * begin and end it at slightly different moments.
   */
  record Transit(int from, int to, long firstBit, long lastBit, boolean measured, Message message)
      implements Command, CborSerializable {}

  /** Transits from one member's batching {@link Outbox}, in the order they were offered. */
  record Batch(List<Transit> messages) implements Command, CborSerializable {
    Batch {
      messages = List.copyOf(messages);
    }
  }

  /** The receiver {@code member} has taken this many messages and bytes on the given lane. */
  record Credit(int member, boolean bulk, int messages, long bytes) implements Command, CborSerializable {}

  /** The member's fabric is ready (local only). */
  record Wired(ClusterFabric fabric) implements Command, NoSerializationVerificationNeeded {}

  private enum Flush implements Command {
    INSTANCE
  }

  static final int CREDIT_MESSAGES = 64;
  static final long CREDIT_BYTES = 1 << 20;
  private static final Duration FLUSH = Duration.ofMillis(5);
  /** Messages held while the member is still starting its run. */
  private static final int STASH = 200_000;

  private final boolean bulk;
  private final TimerScheduler<Command> timers;
  private final StashBuffer<Command> stash;
  private ClusterFabric fabric;
  private int[] pendingMessages = new int[0];
  private long[] pendingBytes = new long[0];
  private boolean flushing;

  static Behavior<Command> create(boolean bulk) {
    return Behaviors.withStash(
        STASH, stash -> Behaviors.setup(ctx -> Behaviors.withTimers(t -> new Inbound(ctx, t, stash, bulk))));
  }

  private Inbound(ActorContext<Command> ctx, TimerScheduler<Command> timers, StashBuffer<Command> stash, boolean bulk) {
    super(ctx);
    this.timers = timers;
    this.stash = stash;
    this.bulk = bulk;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Wired.class, this::onWired)
        .onMessage(Transit.class, this::onTransit)
        .onMessage(Batch.class, this::onBatch)
        .onMessage(Credit.class, this::onCredit)
        .onMessageEquals(Flush.INSTANCE, this::onFlush)
        .build();
  }

  private Behavior<Command> onWired(Wired w) {
    fabric = w.fabric();
    pendingMessages = new int[fabric.members()];
    pendingBytes = new long[fabric.members()];
    return stash.unstashAll(this);
  }

  private Behavior<Command> onTransit(Transit t) {
    if (fabric == null) {
      if (!stash.isFull()) {
        stash.stash(t);
      }
      return this;
    }
    fabric.arrived(t);
    int src = fabric.memberOf(t.from());
    pendingMessages[src]++;
    pendingBytes[src] += t.message().wireSize();
    if (pendingMessages[src] >= CREDIT_MESSAGES || pendingBytes[src] >= CREDIT_BYTES) {
      credit(src);
    } else if (!flushing) {
      flushing = true;
      timers.startSingleTimer(Flush.INSTANCE, FLUSH);
    }
    return this;
  }

  private Behavior<Command> onBatch(Batch b) {
    if (fabric == null) {
      if (!stash.isFull()) {
        stash.stash(b);
      }
      return this;
    }
    for (Transit t : b.messages()) {
      onTransit(t);
    }
    return this;
  }

  private Behavior<Command> onCredit(Credit c) {
    if (fabric == null) {
      stash.stash(c);
      return this;
    }
    fabric.credit(c);
    return this;
  }

  private Behavior<Command> onFlush() {
    flushing = false;
    for (int m = 0; m < pendingMessages.length; m++) {
      if (pendingMessages[m] > 0) {
        credit(m);
      }
    }
    return this;
  }

  private void credit(int member) {
    fabric.sendCredit(member, new Credit(fabric.self(), bulk, pendingMessages[member], pendingBytes[member]));
    pendingMessages[member] = 0;
    pendingBytes[member] = 0;
  }
}
