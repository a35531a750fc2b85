package io.peerlab.runtime.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Credit-based flow control for one lane (control or bulk) from this member to another. Artery
 * drops messages once its outbound queue to a member holds 3,072 (bulk lane: 256); an outbox lets
 * at most {@code maxMessages} messages and {@code maxBytes} wire bytes be unacknowledged at once
 * and queues the rest here, in order, until the receiver's {@link Inbound} returns credit. One
 * message may always be in flight, however large, so a big message never waits forever.
 *
 * <p>A batching outbox (the control lane) sends what waited for credit as {@link Inbound.Batch}es
 * of up to {@value #BATCH_MESSAGES} small messages, one Artery message each, so that under load
 * the cost of a send (envelope, serializer call, dispatch on both sides) is paid per batch, not
 * per peer message; a message offered to an outbox with nothing waiting still leaves at once, on
 * its own. Credit still counts peer messages.
 *
 * <p>Thread-safe: senders (actor threads, the delivery thread) and credits (the inbound actor) meet
 * under this object's lock, and nothing in it blocks.
 */
final class Outbox {
  private final ActorRef<Inbound.Command> target;
  private final int maxMessages;
  private final long maxBytes;
  /** Messages in one batch at most (the receiver's credit step). */
  static final int BATCH_MESSAGES = Inbound.CREDIT_MESSAGES;
  /**
   * Wire bytes of one batch at most, and of a message that may join one: so a batch stays far
   * below Artery's 256 KiB frame even though serialised records are larger than their wire size.
   */
  static final int BATCH_BYTES = 16 * 1024;

  static final int BATCH_MESSAGE_MAX = 4 * 1024;

  private final boolean batching;
  private final ArrayDeque<Inbound.Transit> queue = new ArrayDeque<>();
  private int inFlight;
  private long inFlightBytes;
  private boolean dead;
  private long waits;
  private long dropped;

  /** An outbox that sends one Artery message per peer message (the bulk lane). */
  Outbox(ActorRef<Inbound.Command> target, int maxMessages, long maxBytes) {
    this(target, maxMessages, maxBytes, false);
  }

  Outbox(ActorRef<Inbound.Command> target, int maxMessages, long maxBytes, boolean batching) {
    this.batching = batching;
    this.target = target;
    this.maxMessages = maxMessages;
    this.maxBytes = maxBytes;
  }

  /** Send {@code t} now if the window allows, else queue it. */
  synchronized void offer(Inbound.Transit t) {
    if (dead) {
      dropped++;
      return;
    }
    int size = t.message().wireSize();
    if (queue.isEmpty() && fits(size)) {
      send(t, size);
    } else {
      waits++;
      queue.add(t);
    }
  }

  /** The receiver has taken {@code messages} messages of {@code bytes} wire bytes. */
  synchronized void credit(int messages, long bytes) {
    inFlight = Math.max(0, inFlight - messages);
    inFlightBytes = Math.max(0, inFlightBytes - bytes);
    while (!dead && !queue.isEmpty()) {
      int size = queue.peek().message().wireSize();
      if (!fits(size)) {
        break;
      }
      if (!batching || queue.size() == 1 || size > BATCH_MESSAGE_MAX) {
        send(queue.poll(), size);
      } else {
        sendBatch();
      }
    }
  }

  /** Sends the longest run of waiting small messages that fits the window and one batch. */
  private void sendBatch() {
    List<Inbound.Transit> batch = new ArrayList<>(Math.min(queue.size(), BATCH_MESSAGES));
    long bytes = 0;
    while (!queue.isEmpty() && batch.size() < BATCH_MESSAGES) {
      int size = queue.peek().message().wireSize();
      if (size > BATCH_MESSAGE_MAX || bytes + size > BATCH_BYTES || !fits(size)) {
        break;
      }
      batch.add(queue.poll());
      bytes += size;
      inFlight++;
      inFlightBytes += size;
    }
    target.tell(batch.size() == 1 ? batch.get(0) : new Inbound.Batch(batch));
  }

  /** The receiver's member is gone: drop what waits and everything offered from now on. */
  synchronized void kill() {
    dead = true;
    dropped += queue.size();
    queue.clear();
  }

  synchronized long waits() {
    return waits;
  }

  synchronized long dropped() {
    return dropped;
  }

  synchronized int inFlight() {
    return inFlight;
  }

  synchronized int queued() {
    return queue.size();
  }

  private boolean fits(int size) {
    return inFlight == 0 || (inFlight < maxMessages && inFlightBytes + size <= maxBytes);
  }

  private void send(Inbound.Transit t, int size) {
    inFlight++;
    inFlightBytes += size;
    target.tell(t);
  }
}
