package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * The requests one component has sent and waits an answer for, each with a deadline on a {@link
 * NodeContext} timer: the one mechanism for timeouts and retries that overlays and transfers share.
 * It reads no clock and starts no thread; time passes only through the context's timers.
 *
 * <p>Each open request has an id {@code K} (a request number, a chunk index...), a value {@code V}
 * (what the owner needs to handle the answer) and an attempt count. {@link #open} starts exactly
 * one timer, at the moment it is called, so an owner that used to start its timer before (or
 * after) sending keeps that order by calling {@code open} before (or after) {@code send}.
 *
 * <p>Invariants: an open request has at most one live timer; a timer superseded by {@link #open},
 * {@link #retry} or {@link #extend}, or belonging to a closed request, never reaches the expiry
 * handler; the expiry handler is called at most once per started timer, with the request still
 * open and no live timer, and decides: {@link #retry} it, {@link #close} it, or leave it open
 * without a deadline (a late answer may still count). Iteration ({@link #find}, {@link #closeIf})
 * follows the order in which requests were first opened.
 *
 * <p>The owner passes every timer key it receives to {@link #onTimer} first; keys of other
 * trackers and other timers are refused.
 *
 * @param <K> request id, unique among this tracker's open requests (equals/hashCode)
 * @param <V> what the owner remembers about the request
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RequestTracker<K, V> {

  /** Called when an open request's deadline passes without {@link #close}. */
  @FunctionalInterface
  public interface Expiry<K, V> {
    /** {@code attempts}: how many times the request was (re)sent, 1 for the first time. */
    void expired(K id, V request, int attempts);
  }

  /** The timer key: which tracker, which request, which of its timers. */
  private record Deadline(RequestTracker<?, ?> tracker, Object id, long serial) {}

  private static final class Entry<V> {
    V value;
    int attempts;
    /** Serial of the live timer, or 0 when the request has none. */
    long serial;
    long handle;
  }

  private static final long NO_TIMER = 0;

  private final NodeContext ctx;
  private final long timeoutNanos;
  private final Expiry<K, V> expiry;
  /** The open requests, in opening order; an empty shared map until the first is opened. */
  private Map<K, Entry<V>> open = Collections.emptyMap();
  private long nextSerial = 1;

  /**
   * @param timeoutNanos how long {@link #open} and {@link #retry} wait for an answer, in
   *     nanoseconds of the host's (virtual or real) time; not negative
   */
  public RequestTracker(NodeContext ctx, long timeoutNanos, Expiry<K, V> expiry) {
    if (timeoutNanos < 0) {
      throw new IllegalArgumentException("timeoutNanos < 0: " + timeoutNanos);
    }
    this.ctx = ctx;
    this.timeoutNanos = timeoutNanos;
    this.expiry = expiry;
  }

  /**
   * Tracks {@code request} under {@code id} and starts its timeout timer now. If {@code id} is
   * already open, this is its next attempt: the value is replaced, the attempt count goes up by
   * one and the earlier timer is cancelled (after the new one is started).
   */
  public void open(K id, V request) {
    Entry<V> e = open.get(id);
    if (e == null) {
      if (open.isEmpty() && !(open instanceof LinkedHashMap)) {
        open = new LinkedHashMap<>(); // the first request: most trackers of a large run open few
      }
      e = new Entry<>();
      open.put(id, e);
    }
    e.value = request;
    e.attempts++;
    arm(id, e, timeoutNanos);
  }

  /** Another attempt of the open request {@code id}: same value, new timeout timer started now. */
  public void retry(K id) {
    Entry<V> e = entry(id);
    e.attempts++;
    arm(id, e, timeoutNanos);
  }

  /**
   * Moves the deadline of the open request {@code id} to {@code delayNanos} from now (a new timer;
   * the attempt count stays). For a request that, once partly answered, waits a different time.
   */
  public void extend(K id, long delayNanos) {
    arm(id, entry(id), delayNanos);
  }

  /** The value of the open request {@code id}, or null. */
  public V get(K id) {
    Entry<V> e = open.get(id);
    return e == null ? null : e.value;
  }

  public boolean isOpen(K id) {
    return open.containsKey(id);
  }

  /** Times {@code id} was sent (1 after {@link #open}), 0 when it is not open. */
  public int attempts(K id) {
    Entry<V> e = open.get(id);
    return e == null ? 0 : e.attempts;
  }

  /** Number of open requests. */
  public int size() {
    return open.size();
  }

  /**
   * Stops tracking {@code id} (answered, given up) and cancels its live timer; returns its value,
   * or null when it was not open.
   */
  public V close(K id) {
    if (open.isEmpty()) {
      return null;
    }
    Entry<V> e = open.remove(id);
    if (e == null) {
      return null;
    }
    disarm(e);
    return e.value;
  }

  /** Ids of the open requests whose value matches, in the order they were first opened. */
  public List<K> find(Predicate<? super V> match) {
    List<K> out = new ArrayList<>();
    for (Map.Entry<K, Entry<V>> e : open.entrySet()) {
      if (match.test(e.getValue().value)) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** Closes every open request whose value matches; returns their values, in opening order. */
  public List<V> closeIf(Predicate<? super V> match) {
    List<V> out = new ArrayList<>();
    for (Iterator<Entry<V>> it = open.values().iterator(); it.hasNext(); ) {
      Entry<V> e = it.next();
      if (match.test(e.value)) {
        it.remove();
        disarm(e);
        out.add(e.value);
      }
    }
    return out;
  }

  /** Closes every open request. */
  public void closeAll() {
    if (open.isEmpty()) {
      return;
    }
    for (Entry<V> e : open.values()) {
      disarm(e);
    }
    open.clear();
  }

  /**
   * Handles a timer key: true when it is one of this tracker's (then the expiry handler ran if the
   * timer was still live), false for any other key.
   */
  public boolean onTimer(Object key) {
    if (!(key instanceof Deadline d) || d.tracker() != this) {
      return false;
    }
    @SuppressWarnings("unchecked")
    K id = (K) d.id();
    Entry<V> e = open.get(id);
    if (e != null && e.serial == d.serial()) {
      e.serial = NO_TIMER;
      expiry.expired(id, e.value, e.attempts);
    }
    return true;
  }

  private Entry<V> entry(K id) {
    Entry<V> e = open.get(id);
    if (e == null) {
      throw new IllegalStateException("no open request " + id);
    }
    return e;
  }

  /** Starts the new timer first, then cancels the old one (the order the callers always used). */
  private void arm(K id, Entry<V> e, long delayNanos) {
    long serial = nextSerial++;
    long handle = ctx.startTimer(delayNanos, new Deadline(this, id, serial));
    disarm(e);
    e.serial = serial;
    e.handle = handle;
  }

  private void disarm(Entry<V> e) {
    if (e.serial != NO_TIMER) {
      ctx.cancelTimer(e.handle);
      e.serial = NO_TIMER;
    }
  }
}
