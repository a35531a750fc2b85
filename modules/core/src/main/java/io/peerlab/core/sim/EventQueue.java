package io.peerlab.core.sim;

import java.util.Arrays;

/**
 * A min-heap of events ordered by (time, insertion sequence): equal times come out in the order
 * they went in, which makes the simulation deterministic. Four-ary, with each entry's fields
 * interleaved in one {@code long[]} (time, sequence and kind, target and source, aux: 32 bytes)
 * plus one array of payload objects, so an event costs no allocation of its own and a sift step
 * reads one or two cache lines instead of one line per field. A run of a million peers keeps
 * about a million events queued; the layout is what keeps polling them cheap.
 */
final class EventQueue {
  private static final int FIELDS = 4;
  private static final int ARITY = 4;

  /** Entry i: [4i] time, [4i+1] seq << 8 | kind, [4i+2] target << 32 | source, [4i+3] aux. */
  private long[] e = new long[1024 * FIELDS];
  private Object[] payload = new Object[1024];
  private int size;
  private long nextSeq;

  // The last polled event.
  long t;
  int k;
  int to;
  int from;
  long x;
  Object obj;

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  void add(long when, int kindValue, int targetValue, int sourceValue, long auxValue, Object p) {
    if (size == payload.length) {
      grow();
    }
    long sk = seqAndKind(kindValue);
    long ts = ((long) targetValue << 32) | (sourceValue & 0xFFFF_FFFFL);
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) / ARITY;
      int pb = parent * FIELDS;
      if (!less(when, sk, e[pb], e[pb + 1])) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    set(i, when, sk, ts, auxValue, p);
  }

  /** Removes the earliest event into the fields t, k, to, from, x, obj. */
  void poll() {
    peek();
    removeTop();
  }

  /** Reads the earliest event into the fields t, k, to, from, x, obj, leaving it queued. */
  void peek() {
    t = e[0];
    k = (int) (e[1] & 0xFF);
    to = (int) (e[2] >> 32);
    from = (int) e[2];
    x = e[3];
    obj = payload[0];
  }

  /** Removes the earliest event. */
  void removeTop() {
    int last = --size;
    if (last > 0) {
      move(last, 0);
      payload[last] = null;
      siftDown(0);
    } else {
      payload[0] = null;
    }
  }

  /**
   * Removes the earliest event and adds this one, as {@link #removeTop()} then {@link #add} would
   * (the new event gets the next sequence number), in one sift instead of two: what a message's
   * network stage does, which turns into its next stage.
   */
  void replaceTop(long when, int kindValue, int targetValue, int sourceValue, long auxValue,
      Object p) {
    long sk = seqAndKind(kindValue);
    set(0, when, sk, ((long) targetValue << 32) | (sourceValue & 0xFFFF_FFFFL), auxValue, p);
    siftDown(0);
  }

  private long seqAndKind(int kindValue) {
    if (kindValue < 0 || kindValue > 0xFF) {
      throw new IllegalArgumentException("event kind out of range: " + kindValue);
    }
    return (nextSeq++ << 8) | kindValue;
  }

  long peekTime() {
    return e[0];
  }

  /** Decides which queued events stay, by kind, target and aux ({@link #retain}). */
  interface Keep {
    boolean keep(int kind, int target, long aux);
  }

  /**
   * Drops every queued event that {@code keep} rejects, then restores the heap; returns how many
   * went. The events that stay come out in the same order as before: (time, sequence) is a total
   * order, so any heap of the same entries polls them alike. O(size).
   */
  int retain(Keep keep) {
    int n = 0;
    for (int i = 0; i < size; i++) {
      int b = i * FIELDS;
      if (keep.keep((int) (e[b + 1] & 0xFF), (int) (e[b + 2] >> 32), e[b + 3])) {
        if (n != i) {
          move(i, n);
        }
        n++;
      }
    }
    int dropped = size - n;
    Arrays.fill(payload, n, size, null);
    size = n;
    for (int i = (n - 2) / ARITY; i >= 0; i--) {
      siftDown(i);
    }
    return dropped;
  }

  /** Moves entry i down to its place among its descendants. */
  private void siftDown(int i) {
    int b = i * FIELDS;
    long lt = e[b];
    long ls = e[b + 1];
    long lts = e[b + 2];
    long lx = e[b + 3];
    Object lp = payload[i];
    while (true) {
      int first = i * ARITY + 1;
      if (first >= size) {
        break;
      }
      int end = Math.min(first + ARITY, size);
      int c = first;
      for (int j = first + 1; j < end; j++) {
        if (less(e[j * FIELDS], e[j * FIELDS + 1], e[c * FIELDS], e[c * FIELDS + 1])) {
          c = j;
        }
      }
      if (!less(e[c * FIELDS], e[c * FIELDS + 1], lt, ls)) {
        break;
      }
      move(c, i);
      i = c;
    }
    set(i, lt, ls, lts, lx, lp);
  }

  private static boolean less(long t1, long s1, long t2, long s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }

  private void move(int from, int to) {
    int f = from * FIELDS;
    int d = to * FIELDS;
    e[d] = e[f];
    e[d + 1] = e[f + 1];
    e[d + 2] = e[f + 2];
    e[d + 3] = e[f + 3];
    payload[to] = payload[from];
  }

  private void set(int i, long when, long sk, long ts, long ax, Object p) {
    int b = i * FIELDS;
    e[b] = when;
    e[b + 1] = sk;
    e[b + 2] = ts;
    e[b + 3] = ax;
    payload[i] = p;
  }

  private void grow() {
    int n = payload.length * 2;
    e = Arrays.copyOf(e, n * FIELDS);
    payload = Arrays.copyOf(payload, n);
  }
}
