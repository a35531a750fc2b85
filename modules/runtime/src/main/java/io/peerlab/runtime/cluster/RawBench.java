package io.peerlab.runtime.cluster;

import io.peerlab.runtime.serialization.CborSerializable;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The baseline for peerlab's cross-member message rate: plain Pekko between two nodes, with no
 * peerlab in the way. On node A it sends small CBOR records to node B's {@link NodeGuardian}:
 * first one at a time, each acknowledged (the round trip), then a stream with at most {@code
 * window} unacknowledged (B acknowledges every {@code window / 4}-th), so Artery's queues never
 * overflow. Its messages may be padded to a given serialised size, the size of {@link PeerStream}'s,
 * so that both streams move frames of the same size. Started by {@code peerlab cluster-bench} through {@link ClusterRuntime#rawBench}.
 */
public final class RawBench extends AbstractBehavior<RawBench.Command> {

  interface Command {}

  record Ack(long seq) implements Command, CborSerializable {}

  /**
   * What the benchmark measured.
   *
   * @param rttP50Micros median round trip of one acknowledged message
   * @param rttP99Micros 99th percentile of the same
   * @param messagesPerSec one-way messages per second in the windowed stream
   * @param frameBytes bytes of one stream message as serialised
   */
  public record Result(double rttP50Micros, double rttP99Micros, double messagesPerSec, int frameBytes)
      implements CborSerializable {}

  private static final int ROUND_TRIPS = 2_000;
  private static final int WARMUP = 20_000;

  private final ActorRef<NodeGuardian.Command> target;
  private final int messages;
  private final int window;
  private final ActorRef<Result> replyTo;
  private final byte[] pad;
  private final Histogram rtt = new Histogram(3);
  private long sent;
  private long acked;
  private long sentAt;
  private long streamStart;
  private double rttP50;
  private double rttP99;

  static Behavior<Command> create(
      ActorRef<NodeGuardian.Command> target, int messages, int window, int frameBytes, ActorRef<Result> replyTo) {
    return Behaviors.setup(ctx -> new RawBench(ctx, target, messages, window, frameBytes, replyTo));
  }

  private RawBench(
      ActorContext<Command> ctx, ActorRef<NodeGuardian.Command> target, int messages, int window, int frameBytes,
      ActorRef<Result> replyTo) {
    super(ctx);
    this.target = target;
    this.messages = messages;
    this.window = Math.max(4, window);
    this.replyTo = replyTo;
    long last = ROUND_TRIPS + WARMUP + (long) messages;
    this.pad = new byte[Frames.padFor(ctx.getSystem(), frameBytes,
        n -> new NodeGuardian.BenchPing(last, false, ctx.getSelf(), new byte[n]))];
    ping(true);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Ack.class, this::onAck).build();
  }

  private void ping(boolean ack) {
    if (sent < ROUND_TRIPS) {
      sentAt = System.nanoTime();
    }
    target.tell(new NodeGuardian.BenchPing(sent++, ack, getContext().getSelf(), pad));
  }

  private Behavior<Command> onAck(Ack a) {
    if (a.seq() < ROUND_TRIPS) {
      rtt.recordValue((System.nanoTime() - sentAt) / 1_000);
      if (sent < ROUND_TRIPS) {
        ping(true);
        return this;
      }
      rttP50 = rtt.getValueAtPercentile(50);
      rttP99 = rtt.getValueAtPercentile(99);
      acked = sent;
    } else {
      acked = a.seq() + 1;
    }
    long total = ROUND_TRIPS + WARMUP + (long) messages;
    if (streamStart == 0 && acked >= ROUND_TRIPS + WARMUP) {
      streamStart = System.nanoTime();
    }
    if (acked >= total) {
      double secs = (System.nanoTime() - streamStart) / 1e9;
      int frame = Frames.bytes(getContext().getSystem(),
          new NodeGuardian.BenchPing(total - 1, false, getContext().getSelf(), pad));
      replyTo.tell(new Result(rttP50, rttP99, messages / secs, frame));
      return Behaviors.stopped();
    }
    int every = window / 4;
    while (sent < total && sent - acked < window) {
      boolean ack = (sent + 1) % every == 0 || sent + 1 == total || sent + 1 == ROUND_TRIPS + WARMUP;
      ping(ack);
    }
    return this;
  }
}
