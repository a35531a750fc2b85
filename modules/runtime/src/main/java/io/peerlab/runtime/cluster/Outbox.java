package io.peerlab.runtime.cluster;

import java.util.ArrayDeque;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Credit-based flow control for one lane (control or bulk) from this member to another. Artery
 * drops messages once its outbound queue to a member holds 3,072 (bulk lane: 256); an outbox lets
 * at most {@code maxMessages} messages and {@code maxBytes} wire bytes be unacknowledged at once
 * and queues the rest here, in order, until the receiver's {@link Inbound} returns credit. One
 * message may always be in flight, however large, so a big message never waits forever.
 * Thread-safe: senders (actor threads, the delivery thread) and credits (the inbound actor) meet
 * under this object's lock, and nothing in it blocks.
 */
final class Outbox {
  private final ActorRef<Inbound.Command> target;
  private final int maxMessages;
  private final long maxBytes;
  private final ArrayDeque<Inbound.Transit> queue = new ArrayDeque<>();
  private int inFlight;
  private long inFlightBytes;
  private boolean dead;
  private long waits;
  private long dropped;

  Outbox(ActorRef<Inbound.Command> target, int maxMessages, long maxBytes) {
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
      send(queue.poll(), size);
    }
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
