package io.peerlab.runtime;

import io.peerlab.core.api.Message;
import io.peerlab.core.net.NetworkModel;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Delivers delayed messages and timers on time, for the real-time hosts.
 *
 * <p>Pekko's scheduler is a hashed wheel with a 10 ms tick: on this project's 2-core machine it
 * fired 1–20 ms delays 25–35 ms late, and about 2 ms late even with a 1 ms tick, which would swamp
 * the latencies peerlab compares. This scheduler is one thread over a time-ordered heap: it parks
 * until the earliest item is due ({@link LockSupport#parkNanos}), then hands it to its {@link Sink}
 * (which tells the actor). Its error is the park overshoot, tens of microseconds (see
 * DeliverySchedulerTest and the benchmarks).
 *
 * <p>The thread also owns the run's {@link NetworkModel}: senders only enqueue (sendTime, from, to,
 * message); the thread applies the uplink stage, then at first-bit arrival the downlink stage, so
 * the model sees every message in time order from one thread, as on the sim host. On the cluster
 * runtime each member's scheduler runs the uplink stage of the messages its peers send to other
 * members ({@link #sendRemote}, then {@link Sink#forward}) and the downlink stage of those they
 * receive ({@link #arrive}).
 *
 * <p>Senders wake the thread only for items due before it would wake anyway, and a cancelled timer
 * ({@link #cancel}) is dropped rather than fired: an op's timeout timer, started and cancelled
 * once per op, then costs neither a wake-up nor a heap entry that lives for the whole timeout.
 */
public final class DeliveryScheduler implements AutoCloseable {

  /** Where due items go; called on the scheduler's thread. */
  public interface Sink {
    void deliver(int to, int from, Message message, long dueNanos);

    void fire(int to, long handle, long dueNanos);

    /**
     * A message sent with {@link #sendRemote} has left the sender's uplink: carry it to the member
     * that hosts {@code to}, whose scheduler runs the downlink stage ({@link #arrive}). Called on
     * the scheduler's thread, in send order; must not block. Only cluster sinks implement it.
     */
    default void forward(int to, int from, Message message, long firstBitNanos, long lastBitNanos) {
      throw new UnsupportedOperationException("this sink hosts every peer; nothing to forward");
    }
  }

  private static final int MESSAGE = 0;
  private static final int DOWNLINK = 1;
  private static final int DELIVER = 2;
  private static final int TIMER = 3;
  private static final int REMOTE = 4;
  private static final int CANCEL = 5;

  private static final class Item implements Comparable<Item> {
    final int kind;
    final int to;
    final int from;
    final Message message;
    final long handle;
    long due;
    long seq;
    /** Downlink items: the first and last bit's arrival in the network model's time. */
    long modelFirst;
    long lastBit;
    boolean cancelled;

    Item(int kind, long due, int to, int from, Message message, long handle) {
      this.kind = kind;
      this.due = due;
      this.to = to;
      this.from = from;
      this.message = message;
      this.handle = handle;
    }

    @Override
    public int compareTo(Item o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /** Wake-ups this early are spent spinning rather than parked, to cut the park overshoot. */
  private static final long SPIN_NANOS = 50_000;

  /**
   * The thread looks at its inbox at least this often, even when nothing is due sooner: timers
   * and cancellations that needed no wake-up are taken in and cancelled timers dropped while they
   * are young (an op's 30 s timeout, started and cancelled once per op, would otherwise pile up).
   */
  private static final long MAX_PARK_NANOS = 100_000_000L;

  /** The heap is rebuilt without its cancelled timers once they are this many and half of it. */
  private static final int COMPACT_MIN = 1024;

  private final NetworkModel network;
  private final Sink sink;
  private final long originNanos;
  private final ConcurrentLinkedQueue<Item> inbox = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<Item> heap = new PriorityQueue<>();
  private final AtomicLong lost = new AtomicLong();
  /**
   * Items held at once past which new messages are dropped as a flood: far above any sane
   * protocol's (the sim host stops at the same bound), low enough that a protocol that multiplies
   * its messages cannot take the JVM's memory.
   */
  static final int FLOOD_LIMIT = 2_000_000;
  private final AtomicLong flooded = new AtomicLong();
  private volatile String firstFlooded;
  /** Pending timers by (peer, handle), for {@link #cancel}; the scheduler thread's only. */
  private final Map<TimerKey, Item> timers = new HashMap<>();
  private int cancelledInHeap;
  private volatile int held;
  private final Thread thread;
  private volatile boolean parked;
  /**
   * While {@link #parked}: a new item due at or after this run time needs no unpark, because the
   * thread will look at its inbox early enough by itself. An op's timeout timer, due seconds
   * ahead, then costs the peer that starts the op no wake-up of this thread (on 2 cores that
   * wake-up was a third of a client-server lookup's latency).
   */
  private volatile long noWakeFrom = Long.MIN_VALUE;
  private volatile boolean running = true;
  private long nextSeq;
  /**
   * {@link #stretch}: the network model runs on its own clock, {@code modelAnchor + (t -
   * realAnchor) / stretch} at run time t, so every latency and transmission time it gives lasts
   * {@code stretch} times longer in real time. 1 (the model's clock is the run's) unless a live
   * demo slows the network down; the scheduler thread's only, {@link #pendingStretch} aside.
   */
  private double stretch = 1;
  private long realAnchor;
  private long modelAnchor;
  private volatile double pendingStretch = 1;

  /**
   * @param network the run's network model, owned by this scheduler from now on
   * @param originNanos the {@link System#nanoTime()} that is time 0 of the run
   */
  public DeliveryScheduler(NetworkModel network, Sink sink, long originNanos, String name) {
    this.network = network;
    this.sink = sink;
    this.originNanos = originNanos;
    this.thread = new Thread(this::loop, name);
    this.thread.setDaemon(true);
    this.thread.setUncaughtExceptionHandler(FatalErrors.HANDLER);
    this.thread.start();
  }

  /** Run time now, in nanoseconds since the origin. */
  public long now() {
    return System.nanoTime() - originNanos;
  }

  /** Send {@code message} at run time {@code sendNanos}; the network model decides its arrival. */
  public void send(long sendNanos, int from, int to, Message message) {
    submit(new Item(MESSAGE, sendNanos, to, from, message, 0));
  }

  /** Hand {@code message} to the sink at run time {@code dueNanos}, with no network model. */
  public void deliverAt(long dueNanos, int from, int to, Message message) {
    submit(new Item(DELIVER, dueNanos, to, from, message, 0));
  }

  /**
   * Cluster hosts: send {@code message} at run time {@code sendNanos} to a peer on another member.
   * This scheduler applies the uplink stage (the sender's queue, latency, loss) and then hands the
   * message to {@link Sink#forward} with its first- and last-bit arrival times.
   */
  public void sendRemote(long sendNanos, int from, int to, Message message) {
    submit(new Item(REMOTE, sendNanos, to, from, message, 0));
  }

  /**
   * Cluster hosts: a message whose uplink stage ran on another member has arrived; run the
   * downlink stage at {@code firstBitNanos} (at once if that has passed) and deliver it then.
   */
  public void arrive(long firstBitNanos, long lastBitNanos, int from, int to, Message message) {
    Item down = new Item(DOWNLINK, firstBitNanos, to, from, message, 0);
    down.modelFirst = firstBitNanos;
    down.lastBit = lastBitNanos;
    submit(down);
  }

  /** Fire timer {@code handle} of peer {@code to} at run time {@code dueNanos}. */
  public void timer(long dueNanos, int to, long handle) {
    submit(new Item(TIMER, dueNanos, to, to, null, handle));
  }

  /**
   * Timer {@code handle} of peer {@code to} is no longer wanted: it will not fire (unless it is
   * already due). Never wakes the thread; the cancellation is taken in within {@link
   * #MAX_PARK_NANOS}.
   */
  public void cancel(int to, long handle) {
    submit(new Item(CANCEL, Long.MAX_VALUE, to, to, null, handle));
  }

  /**
   * Slow the network down {@code factor} times from now on (interactive use: peerlab demo's
   * {@code --slowdown}): every latency and transmission time of the network model lasts that much
   * longer in real time. Timers are not stretched. Messages already under way keep their times.
   */
  public void stretch(double factor) {
    if (!(factor >= 1) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("a slowdown is a factor of 1 or more, not " + factor);
    }
    pendingStretch = factor;
    LockSupport.unpark(thread);
  }

  private void applyStretch() {
    double wanted = pendingStretch;
    if (wanted != stretch) {
      long now = now();
      modelAnchor = toModel(now);
      realAnchor = now;
      stretch = wanted;
    }
  }

  private long toModel(long t) {
    return stretch == 1 ? t - realAnchor + modelAnchor : modelAnchor + (long) ((t - realAnchor) / stretch);
  }

  private long fromModel(long m) {
    return stretch == 1 ? m - modelAnchor + realAnchor : realAnchor + (long) ((m - modelAnchor) * stretch);
  }

  /** Items held in time order after the thread's last pass: messages in flight and timers. */
  int held() {
    return held;
  }

  /** Messages the network model dropped so far. */
  public long lost() {
    return lost.get();
  }

  /**
   * One line if messages were dropped as a flood (more than {@link #FLOOD_LIMIT} items held at
   * once), naming the first dropped message's class and sender; empty otherwise.
   */
  public java.util.Optional<String> flood() {
    long n = flooded.get();
    return n == 0
        ? java.util.Optional.empty()
        : java.util.Optional.of("flood: more than " + FLOOD_LIMIT + " messages and timers held at once; "
            + n + " messages dropped, the first " + firstFlooded);
  }

  private void submit(Item item) {
    inbox.add(item);
    if (parked && item.due < noWakeFrom) {
      LockSupport.unpark(thread);
    }
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    while (running) {
      drainInbox();
      long now = now();
      Item head = heap.peek();
      while (head != null && head.due <= now) {
        heap.poll();
        handle(head, now);
        head = heap.peek();
        if (!inbox.isEmpty()) {
          drainInbox();
          head = heap.peek();
        }
      }
      held = heap.size();
      parkUntil(head == null ? Long.MAX_VALUE : head.due);
    }
  }

  private void parkUntil(long due) {
    long now = now();
    if (due != Long.MAX_VALUE && due - now <= SPIN_NANOS) {
      // Spinning, the thread watches its inbox itself: senders need not unpark it.
      while (now() < due && inbox.isEmpty() && running) {
        Thread.onSpinWait();
      }
      return;
    }
    long wakeAt =
        due == Long.MAX_VALUE ? now + MAX_PARK_NANOS : Math.min(due - SPIN_NANOS, now + MAX_PARK_NANOS);
    noWakeFrom = wakeAt + SPIN_NANOS;
    parked = true;
    try {
      if (!inbox.isEmpty() || !running) {
        return;
      }
      LockSupport.parkNanos(this, wakeAt - now);
    } finally {
      parked = false;
    }
  }

  private void drainInbox() {
    applyStretch();
    Item item;
    while ((item = inbox.poll()) != null) {
      switch (item.kind) {
        case MESSAGE, REMOTE -> {
          if (heap.size() >= FLOOD_LIMIT) {
            if (flooded.getAndIncrement() == 0) {
              firstFlooded = item.message.getClass().getName() + " from peer " + item.from;
            }
            continue;
          }
          long first = network.uplink(toModel(item.due), item.from, item.to, item.message.wireSize());
          if (first == NetworkModel.LOST) {
            lost.incrementAndGet();
            continue;
          }
          if (item.kind == REMOTE) {
            sink.forward(item.to, item.from, item.message, fromModel(first), fromModel(network.lastBit()));
            continue;
          }
          Item down = new Item(DOWNLINK, fromModel(first), item.to, item.from, item.message, 0);
          down.modelFirst = first;
          down.lastBit = network.lastBit();
          push(down);
        }
        case TIMER -> {
          timers.put(new TimerKey(item.to, item.handle), item);
          push(item);
        }
        case CANCEL -> cancelTimer(item.to, item.handle);
        default -> push(item);
      }
    }
  }

  private void push(Item item) {
    item.seq = nextSeq++;
    heap.add(item);
  }

  private void cancelTimer(int to, long handle) {
    Item timer = timers.remove(new TimerKey(to, handle));
    if (timer == null) {
      return; // fired already
    }
    timer.cancelled = true;
    cancelledInHeap++;
    if (cancelledInHeap >= COMPACT_MIN && cancelledInHeap * 2 >= heap.size()) {
      heap.removeIf(i -> i.cancelled);
      cancelledInHeap = 0;
    }
  }

  private void handle(Item item, long now) {
    switch (item.kind) {
      case DOWNLINK -> {
        long at = network.downlink(item.to, item.message.wireSize(), item.modelFirst, item.lastBit);
        Item deliver = new Item(DELIVER, fromModel(at), item.to, item.from, item.message, 0);
        push(deliver);
      }
      case DELIVER -> sink.deliver(item.to, item.from, item.message, item.due);
      case TIMER -> {
        if (item.cancelled) {
          cancelledInHeap--;
        } else {
          timers.remove(new TimerKey(item.to, item.handle));
          sink.fire(item.to, item.handle, item.due);
        }
      }
      default -> throw new IllegalStateException("unknown item kind " + item.kind);
    }
  }

  private record TimerKey(int peer, long handle) {}
}
