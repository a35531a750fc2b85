package io.peerlab.demo;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.run.MessageObserver;
import io.peerlab.core.transfer.ChunkMessage;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One panel's {@link MessageObserver}: every delivered message becomes an {@link Event} in a
 * bounded queue that the demo drains into a frame every tick, and is counted by type and by the
 * content bytes it carries. Called on the delivery thread: it never blocks; past {@link #capacity}
 * waiting events a new one is dropped and counted, so a page that cannot keep up never slows the
 * run.
 */
final class EventTap implements MessageObserver {

  /**
   * One delivered message, as a frame carries it.
   *
   * @param t delivery time, ms of run time
   * @param msg the message's type (its simple class name)
   * @param op the operation it works for ({@link OpToken#format}), "-" for maintenance
   * @param hops the hop count the message carries (Chord's routed requests, flood queries,
   *     walkers), or -1
   * @param chunk the chunk a ChunkData carries, or -1
   * @param bytes content bytes carried (chunk data), 0 for control messages
   */
  record Event(double t, int from, int to, String msg, String op, int hops, int chunk, int bytes) {}

  private final int capacity;
  private final boolean[] servers;
  private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder serverUpload = new LongAdder();
  private final LongAdder upload = new LongAdder();
  private final Map<String, LongAdder> byType = new ConcurrentHashMap<>();
  /** Pairs of peers that exchanged overlay messages (from * 2^32 + to, lower address first). */
  private final java.util.Set<Long> links = ConcurrentHashMap.newKeySet();
  private final boolean collectLinks;
  private static final int MAX_LINKS = 50_000;
  private static final Map<Class<?>, Method> HOPS = new ConcurrentHashMap<>();

  /**
   * @param servers which addresses are servers (for the server's share of upload)
   * @param collectLinks remember which peers talk to each other (an unstructured overlay's graph)
   */
  EventTap(int capacity, boolean[] servers, boolean collectLinks) {
    this.collectLinks = collectLinks;
    this.capacity = capacity;
    this.servers = servers.clone();
  }

  @Override
  public void delivered(long timeNanos, int from, int to, Message message) {
    delivered.increment();
    String type = message.getClass().getSimpleName();
    byType.computeIfAbsent(type, k -> new LongAdder()).increment();
    int content = message.contentBytes();
    if (collectLinks && content == 0 && from != to && links.size() < MAX_LINKS) {
      links.add(((long) Math.min(from, to) << 32) | Math.max(from, to));
    }
    if (content > 0) {
      upload.add(content);
      if (from >= 0 && from < servers.length && servers[from]) {
        serverUpload.add(content);
      }
    }
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      dropped.increment();
      return;
    }
    int chunk = message instanceof ChunkMessage.ChunkData d ? d.chunk() : -1;
    queue.add(new Event(Math.round(timeNanos / 1e3) / 1e3, from, to, type, OpToken.format(message.op()),
        hops(message), chunk, content));
  }

  /** The events waiting, oldest first, at most {@code max}; the rest wait for the next frame. */
  List<Event> drain(int max) {
    List<Event> out = new ArrayList<>(Math.min(max, size.get()));
    Event e;
    while (out.size() < max && (e = queue.poll()) != null) {
      size.decrementAndGet();
      out.add(e);
    }
    return out;
  }

  /**
   * Forgets the events waiting and zeroes the counters (the links stay): what a page sees starts
   * after the boot (joins, publishing), as a run's measured phase does.
   */
  void reset() {
    drain(Integer.MAX_VALUE);
    dropped.reset();
    delivered.reset();
    serverUpload.reset();
    upload.reset();
    byType.clear();
  }

  /** The links seen so far, as [a, b] pairs with a &lt; b. */
  List<int[]> links() {
    List<int[]> out = new ArrayList<>(links.size());
    for (long l : links) {
      out.add(new int[] {(int) (l >>> 32), (int) l});
    }
    return out;
  }

  long dropped() {
    return dropped.sum();
  }

  long delivered() {
    return delivered.sum();
  }

  /** Share of the content bytes delivered so far that a server uploaded; 0 before any. */
  double serverShare() {
    long all = upload.sum();
    return all == 0 ? 0 : (double) serverUpload.sum() / all;
  }

  long uploadBytes() {
    return upload.sum();
  }

  Map<String, Long> byType() {
    Map<String, Long> out = new TreeMap<>();
    byType.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** The {@code hops} component of a record message, or -1 when it has none. */
  private static int hops(Message m) {
    Method accessor = HOPS.computeIfAbsent(m.getClass(), EventTap::hopsAccessor);
    if (accessor == NO_HOPS) {
      return -1;
    }
    try {
      return (int) accessor.invoke(m);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1;
    }
  }

  private static final Method NO_HOPS;

  static {
    try {
      NO_HOPS = Object.class.getMethod("hashCode");
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static Method hopsAccessor(Class<?> type) {
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        if (c.getName().equals("hops") && c.getType() == int.class) {
          Method m = c.getAccessor();
          m.setAccessible(true);
          return m;
        }
      }
    }
    return NO_HOPS;
  }
}
