package io.peerlab.runtime.cluster;

import io.peerlab.core.api.RunSetup;
import io.peerlab.runtime.RunCoordinator;
import io.peerlab.runtime.serialization.CborSerializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * peerlab's cross-member message rate measured as {@link RawBench} measures plain Pekko: an open
 * loop, one way, from the first node to the second, with frames of the same size. The run process
 * prepares a run of {@code setup}'s peers on two nodes (their {@link MemberRun}s and {@code
 * PeerActor}s, no phase begun), then has every peer on member 0 send {@link StreamMessage}s round
 * robin to the peers on member 1, as fast as the {@link Outbox} credit window lets them; the time
 * runs on member 0 from the first send until member 1 reports that every message has arrived and
 * every receiving peer has handled what reached it. A warm-up stream goes first.
 */
public final class PeerStream extends AbstractBehavior<RunCoordinator.Command> {

  /**
   * What was measured.
   *
   * @param messagesPerSec messages per second in the measured stream
   * @param frameBytes bytes of one message as serialised (a {@link Inbound.Transit} carrying a
   *     {@link StreamMessage})
   * @param senders peers that sent, on member 0
   * @param receivers peers that received, on member 1
   */
  public record Result(double messagesPerSec, int frameBytes, int senders, int receivers) {}

  /** The receiving member is counting. */
  public record Expecting(long total) implements RunCoordinator.Command, CborSerializable {}

  /** The sending member's report of one stream. */
  public record Streamed(long messages, long nanos, int frameBytes) implements RunCoordinator.Command, CborSerializable {}

  private enum Timeout implements RunCoordinator.Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  private final long runId;
  private final List<ClusterPeers.Node> nodes;
  private final long warmup;
  private final long messages;
  private final int pad;
  private final int[] receivers;
  private final int senders;
  private final CompletableFuture<Result> result;
  @SuppressWarnings("unchecked")
  private final ActorRef<MemberRun.Command>[] runs = new ActorRef[2];
  private final MemberRun.MemberRefs[] refs = new MemberRun.MemberRefs[2];
  private int prepared;
  private long expected;

  static Behavior<RunCoordinator.Command> create(
      long runId, RunSetup setup, List<ClusterPeers.Node> nodes, long warmup, long messages, int frameBytes,
      Duration timeout, CompletableFuture<Result> result) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startSingleTimer(Timeout.INSTANCE, timeout);
      return new PeerStream(ctx, runId, setup, nodes, warmup, messages, frameBytes, result);
    }));
  }

  private PeerStream(
      ActorContext<RunCoordinator.Command> ctx, long runId, RunSetup setup, List<ClusterPeers.Node> nodes,
      long warmup, long messages, int frameBytes, CompletableFuture<Result> result) {
    super(ctx);
    this.runId = runId;
    this.nodes = List.copyOf(nodes.subList(0, 2));
    this.warmup = Math.max(1, warmup);
    this.messages = Math.max(1, messages);
    this.result = result;
    Assignment assignment = new Assignment(2);
    this.receivers = assignment.peersOf(1, setup.peers()).stream().mapToInt(Integer::intValue).toArray();
    this.senders = assignment.peersOf(0, setup.peers()).size();
    this.pad = Frames.padFor(ctx.getSystem(), frameBytes,
        n -> new Inbound.Transit(
            0, receivers[0], -1, -1, false, new StreamMessage(this.warmup + this.messages, new byte[n])));
    for (int i = 0; i < 2; i++) {
      ClusterPeers.Node n = this.nodes.get(i);
      n.guardian().tell(new NodeGuardian.Prepare(runId, setup.spec(), i, 2, false, n.clockOffsetNanos() / 1e6,
          ctx.getSelf()));
    }
  }

  @Override
  public Receive<RunCoordinator.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ClusterPeers.Prepared.class, this::onPrepared)
        .onMessage(ClusterPeers.PrepareFailed.class, f -> fail(f.reason()))
        .onMessage(Expecting.class, this::onExpecting)
        .onMessage(Streamed.class, this::onStreamed)
        .onMessageEquals(Timeout.INSTANCE, () -> fail("the peer stream did not finish in time"))
        .build();
  }

  private Behavior<RunCoordinator.Command> onPrepared(ClusterPeers.Prepared p) {
    if (p.runId() != runId || p.member() < 0 || p.member() > 1 || runs[p.member()] != null) {
      return this;
    }
    runs[p.member()] = p.run();
    refs[p.member()] = new MemberRun.MemberRefs(nodes.get(p.member()).address(), p.inbound(), p.bulk());
    if (++prepared < 2) {
      return this;
    }
    long origin = System.nanoTime();
    for (int i = 0; i < 2; i++) {
      runs[i].tell(new MemberRun.Start(origin + nodes.get(i).clockOffsetNanos(), List.of(refs)));
    }
    expect(warmup);
    return this;
  }

  private void expect(long count) {
    expected += count;
    runs[1].tell(new MemberRun.Expect(expected, runs[0], getContext().getSelf()));
  }

  private Behavior<RunCoordinator.Command> onExpecting(Expecting e) {
    long count = e.total() == warmup ? warmup : messages;
    runs[0].tell(new MemberRun.Stream(count, pad, receivers, getContext().getSelf()));
    return this;
  }

  private Behavior<RunCoordinator.Command> onStreamed(Streamed s) {
    if (expected == warmup) {
      expect(messages);
      return this;
    }
    result.complete(new Result(s.messages() / (s.nanos() / 1e9), s.frameBytes(), senders, receivers.length));
    return stop();
  }

  private Behavior<RunCoordinator.Command> fail(String why) {
    result.completeExceptionally(new ClusterException(why));
    return stop();
  }

  private Behavior<RunCoordinator.Command> stop() {
    for (ActorRef<MemberRun.Command> r : runs) {
      if (r != null) {
        r.tell(new MemberRun.Abort("peer stream done"));
      }
    }
    return Behaviors.stopped();
  }
}
