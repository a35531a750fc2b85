package io.peerlab.core.sim;

import java.util.Arrays;

/**
 * A binary min-heap of events ordered by (time, insertion sequence): equal times come out in the
 * order they went in, which makes the simulation deterministic. Arrays of primitives plus one
 * array of payload objects, so an event costs no allocation of its own.
 */
final class EventQueue {
  private long[] time = new long[1024];
  private long[] seq = new long[1024];
  private int[] kind = new int[1024];
  private int[] target = new int[1024];
  private int[] source = new int[1024];
  private long[] aux = new long[1024];
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
    if (size == time.length) {
      grow();
    }
    int i = size++;
    long s = nextSeq++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(when, s, time[parent], seq[parent])) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    set(i, when, s, kindValue, targetValue, sourceValue, auxValue, p);
  }

  /** Removes the earliest event into the fields t, k, to, from, x, obj. */
  void poll() {
    t = time[0];
    k = kind[0];
    to = target[0];
    from = source[0];
    x = aux[0];
    obj = payload[0];
    int last = --size;
    if (last > 0) {
      long lt = time[last];
      long ls = seq[last];
      int lk = kind[last];
      int ltg = target[last];
      int lsrc = source[last];
      long lx = aux[last];
      Object lp = payload[last];
      int i = 0;
      while (true) {
        int c = 2 * i + 1;
        if (c >= last) {
          break;
        }
        if (c + 1 < last && less(time[c + 1], seq[c + 1], time[c], seq[c])) {
          c++;
        }
        if (!less(time[c], seq[c], lt, ls)) {
          break;
        }
        move(c, i);
        i = c;
      }
      set(i, lt, ls, lk, ltg, lsrc, lx, lp);
    }
    payload[last] = null;
  }

  long peekTime() {
    return time[0];
  }

  private static boolean less(long t1, long s1, long t2, long s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }

  private void move(int from, int to) {
    time[to] = time[from];
    seq[to] = seq[from];
    kind[to] = kind[from];
    target[to] = target[from];
    source[to] = source[from];
    aux[to] = aux[from];
    payload[to] = payload[from];
  }

  private void set(int i, long when, long s, int kd, int tg, int src, long ax, Object p) {
    time[i] = when;
    seq[i] = s;
    kind[i] = kd;
    target[i] = tg;
    source[i] = src;
    aux[i] = ax;
    payload[i] = p;
  }

  private void grow() {
    int n = time.length * 2;
    time = Arrays.copyOf(time, n);
    seq = Arrays.copyOf(seq, n);
    kind = Arrays.copyOf(kind, n);
    target = Arrays.copyOf(target, n);
    source = Arrays.copyOf(source, n);
    aux = Arrays.copyOf(aux, n);
    payload = Arrays.copyOf(payload, n);
  }
}
