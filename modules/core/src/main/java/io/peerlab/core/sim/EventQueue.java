package io.peerlab.core.sim;

import java.util.Arrays;

/**
 * The simulator's events, taken in (time, insertion sequence) order: equal times come out in the
 * order they went in, which makes the simulation deterministic. No event costs an allocation of
 * its own: each is four longs (time, sequence and kind, target and source, aux) and a payload.
 *
 * <p>A calendar queue (R. Brown, "Calendar queues", CACM 31(10), 1988) in front of heaps. Time is
 * cut into buckets of {@link #WIDTH} nanoseconds. Events of the next {@link #BUCKETS} - 1 buckets
 * are appended, unsorted, to their bucket; later ones wait in a heap ({@code far}). When the
 * current bucket runs dry, the next non-empty one is drained and sorted once, as primitives (the
 * sorted {@code run}: each event's time offset in the bucket above its index); events added to the
 * current bucket after that (a message's delivery, microseconds after its downlink stage) go to a
 * small four-ary heap ({@code near}); the next event is the earlier of the run's head and the near
 * heap's top. Far events that the window now covers move into their buckets. A run of 10^5 peers
 * keeps ~170,000 events queued, but a bucket of one millisecond holds about two thousand: what is
 * sorted and sifted stays in the processor's cache, and most adds are an append. Order is exact,
 * not approximate: every event of an earlier bucket is taken before any of a later one, and within
 * a bucket by (time, sequence). Taking from a sorted run instead of sifting every event of the
 * bucket through a heap: {@code SimHostBench} chord 2.07–2.12 → 2.17–2.29 M events/s, client-server
 * 3.10–3.46 → 3.91–4.03 M (JMH, three and two runs in turn; bench/README.md).
 *
 * <p>The near heap compares one long per entry: the time's offset in the current bucket (under
 * 2^20 ns) above the sequence number (43 bits, so a run may queue 2^43 events), instead of time,
 * then sequence. A host may look at the next event's time, which moves the window past its clock,
 * and then add an event at its clock, before the current bucket: such events wait in a third heap,
 * {@code early}, every one of them earlier than every current event, taken first.
 */
final class EventQueue {
  /** Bucket width: 1 ms of virtual time (network latencies are milliseconds). */
  static final long WIDTH = 1_000_000L;
  /** Buckets in the window, the current one included (a power of two): about 4 s ahead. */
  static final int BUCKETS = 4096;

  private static final int FIELDS = 4;
  private static final int ARITY = 4;

  /**
   * The current bucket's events as drained from the ring, sorted once: {@code run[runHead..runSize)}
   * are keys (time's offset in the bucket above the event's index in {@code runData}), ascending.
   */
  private long[] run = new long[64];
  private long[] runData = new long[64 * FIELDS];
  private Object[] runPayload = new Object[64];
  private int runHead;
  private int runSize;
  /** Events added to the current bucket after it was drained (a message's delivery after its downlink stage). */
  private final Heap near = new Heap(true);
  private final Heap early = new Heap(false);
  private final Heap far = new Heap(false);
  private final Bucket[] ring = new Bucket[BUCKETS];
  /** Bit b: ring slot b holds at least one event. */
  private final long[] occupied = new long[BUCKETS / 64];
  /** Events in the ring's buckets. */
  private int inRing;
  /** Index (time / WIDTH) of the current bucket, whose events are in {@code near}. */
  private long current;
  private long nextSeq;

  // The last polled (or peeked) event.
  long t;
  int k;
  int to;
  int from;
  long x;
  Object obj;

  boolean isEmpty() {
    return size() == 0;
  }

  int size() {
    return (runSize - runHead) + near.size + early.size + inRing + far.size;
  }

  void add(long when, int kindValue, int targetValue, int sourceValue, long auxValue, Object p) {
    long sk = seqAndKind(kindValue);
    place(when, sk, ((long) targetValue << 32) | (sourceValue & 0xFFFF_FFFFL), auxValue, p);
  }

  /** Removes the earliest event into the fields t, k, to, from, x, obj. */
  void poll() {
    peek();
    removeTop();
  }

  /** Reads the earliest event into the fields t, k, to, from, x, obj, leaving it queued. */
  void peek() {
    fill();
    Heap h = first();
    if (h == null) {
      int i = runTop();
      int b = i * FIELDS;
      long[] e = runData;
      t = e[b];
      k = (int) (e[b + 1] & 0xFF);
      to = (int) (e[b + 2] >> 32);
      from = (int) e[b + 2];
      x = e[b + 3];
      obj = runPayload[i];
      return;
    }
    long[] e = h.e;
    t = h.time(0);
    k = (int) (e[1] & 0xFF);
    to = (int) (e[2] >> 32);
    from = (int) e[2];
    x = e[3];
    obj = h.payload[0];
  }

  /** Removes the earliest event (after {@link #peek}). */
  void removeTop() {
    fill();
    removeFrom(first());
  }

  /** Removes the earliest event from {@code h}, {@link #first}'s answer (null: the run's head). */
  private void removeFrom(Heap h) {
    if (h == null) {
      runPayload[runTop()] = null;
      runHead++;
    } else {
      h.removeTop();
    }
  }

  /** The index in {@code runData} of the sorted run's head (the run is not empty). */
  private int runTop() {
    return (int) (run[runHead] & RUN_INDEX);
  }

  /**
   * The heap holding the earliest event (after {@link #fill}), or null when it is the sorted run's
   * head: early while it has any, else whichever of the run's head and the near heap's top is first.
   */
  private Heap first() {
    if (early.size > 0) {
      return early;
    }
    if (runHead == runSize) {
      return near;
    }
    if (near.size == 0) {
      return null;
    }
    int b = runTop() * FIELDS;
    return less(runData[b], runData[b + 1], near.time(0), near.e[1]) ? null : near;
  }

  /**
   * Removes the earliest event and adds this one, as {@link #removeTop()} then {@link #add} would
   * (the new event gets the next sequence number): what a message's network stage does, which
   * turns into its next stage.
   */
  void replaceTop(long when, int kindValue, int targetValue, int sourceValue, long auxValue,
      Object p) {
    long sk = seqAndKind(kindValue);
    long ts = ((long) targetValue << 32) | (sourceValue & 0xFFFF_FFFFL);
    fill();
    Heap h = first();
    if (h == near && when < end(current) && when >= near.base) {
      near.replaceTop(when, sk, ts, auxValue, p);
    } else {
      removeFrom(h);
      place(when, sk, ts, auxValue, p);
    }
  }

  /** The time of the earliest event; only when not {@link #isEmpty()}. */
  long peekTime() {
    fill();
    Heap h = first();
    return h == null ? runData[runTop() * FIELDS] : h.time(0);
  }

  /** Decides which queued events stay, by kind, target and aux ({@link #retain}). */
  interface Keep {
    boolean keep(int kind, int target, long aux);
  }

  /**
   * Drops every queued event that {@code keep} rejects; returns how many went. The events that
   * stay come out in the same order as before: (time, sequence) is a total order. O(size).
   */
  int retain(Keep keep) {
    int dropped = near.retain(keep) + early.retain(keep) + far.retain(keep) + retainRun(keep);
    // Only the occupied slots (most of the 4,096 are empty at any time).
    for (int w = 0; w < occupied.length; w++) {
      for (long bits = occupied[w]; bits != 0; bits &= bits - 1) {
        int s = (w << 6) + Long.numberOfTrailingZeros(bits);
        Bucket b = ring[s];
        int gone = b.retain(keep);
        dropped += gone;
        inRing -= gone;
        if (b.size == 0) {
          occupied[w] &= ~(1L << s);
        }
      }
    }
    return dropped;
  }

  /** {@link #retain} of the sorted run: what stays keeps its order. */
  private int retainRun(Keep keep) {
    int n = runHead;
    for (int i = runHead; i < runSize; i++) {
      int idx = (int) (run[i] & RUN_INDEX);
      int b = idx * FIELDS;
      if (keep.keep((int) (runData[b + 1] & 0xFF), (int) (runData[b + 2] >> 32), runData[b + 3])) {
        run[n++] = run[i];
      } else {
        runPayload[idx] = null;
      }
    }
    int dropped = runSize - n;
    runSize = n;
    return dropped;
  }

  private long seqAndKind(int kindValue) {
    if (kindValue < 0 || kindValue > 0xFF) {
      throw new IllegalArgumentException("event kind out of range: " + kindValue);
    }
    if (nextSeq > Heap.SEQ_MASK) {
      throw new IllegalStateException("more than 2^43 events queued in one run");
    }
    return (nextSeq++ << 8) | kindValue;
  }

  /**
   * Puts an event where its time belongs: the near heap, before it (early), a bucket of the window,
   * or far.
   */
  private void place(long when, long sk, long ts, long ax, Object p) {
    if (when < end(current)) {
      (when >= near.base ? near : early).add(when, sk, ts, ax, p);
      return;
    }
    long b = when / WIDTH;
    if (b - current < BUCKETS) {
      int s = (int) (b & (BUCKETS - 1));
      Bucket bucket = ring[s];
      if (bucket == null) {
        bucket = ring[s] = new Bucket();
      }
      bucket.add(when, sk, ts, ax, p);
      occupied[s >>> 6] |= 1L << s;
      inRing++;
    } else {
      far.add(when, sk, ts, ax, p);
    }
  }

  /** Makes the run, the near heap or early hold the earliest events, moving the window on as far as it must. */
  private void fill() {
    if (runHead < runSize || near.size > 0 || early.size > 0) {
      return;
    }
    if (size() == 0) {
      throw new IllegalStateException("no event queued");
    }
    if (inRing == 0) {
      // Nothing in the window: jump to the far heap's first bucket.
      current = far.e[0] / WIDTH;
      near.base = current * WIDTH;
    } else {
      int s = nextOccupied((int) ((current + 1) & (BUCKETS - 1)));
      current += (s - current) & (BUCKETS - 1);
      near.base = current * WIDTH;
      Bucket b = ring[s];
      inRing -= b.size;
      drain(b);
      occupied[s >>> 6] &= ~(1L << s);
    }
    // The window now reaches further: far events inside it move to the current bucket's near heap
    // (after a jump) or to their buckets.
    long horizon = end(current + BUCKETS - 1);
    while (far.size > 0 && far.e[0] < horizon) {
      long[] e = far.e;
      long when = e[0];
      long sk = e[1];
      long ts = e[2];
      long ax = e[3];
      Object p = far.payload[0];
      far.removeTop();
      place(when, sk, ts, ax, p);
    }
  }

  /** Low bits of a run key: the event's index in {@code runData}. */
  private static final long RUN_INDEX = (1L << Heap.SEQ_BITS) - 1;

  /**
   * Makes bucket {@code b} the sorted run: its events copied out in the order they were added,
   * each keyed by its time's offset in the bucket above its index there, the keys sorted as
   * primitives. Equal times come out by index, which is sequence order: a bucket receives events in
   * sequence order, except those moved in from the far heap, which all arrive (in (time, sequence)
   * order) when the bucket enters the window, before any event is added to it directly.
   */
  private void drain(Bucket b) {
    int n = b.size;
    if (run.length < n) {
      int m = Math.max(n, 2 * run.length);
      run = new long[m];
      runData = new long[m * FIELDS];
      runPayload = new Object[m];
    }
    b.drainInto(runData, runPayload);
    long base = near.base;
    for (int i = 0; i < n; i++) {
      run[i] = ((runData[i * FIELDS] - base) << Heap.SEQ_BITS) | i;
    }
    Arrays.sort(run, 0, n);
    runHead = 0;
    runSize = n;
  }

  /** The first occupied ring slot at or after {@code from}, wrapping (one exists). */
  private int nextOccupied(int from) {
    int w = from >>> 6;
    long bits = occupied[w] & (-1L << from);
    for (int i = 0; i <= occupied.length; i++) {
      if (bits != 0) {
        return (w << 6) + Long.numberOfTrailingZeros(bits);
      }
      w = (w + 1) % occupied.length;
      bits = occupied[w];
    }
    throw new IllegalStateException("no occupied bucket");
  }

  /** The first time after bucket {@code b} (saturating: far-off timers must not wrap). */
  private static long end(long b) {
    return b >= Long.MAX_VALUE / WIDTH ? Long.MAX_VALUE : (b + 1) * WIDTH;
  }

  private static boolean less(long t1, long s1, long t2, long s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }

  /**
   * A block of events; a bucket is a chain of them, taken from and given back to the queue's
   * pools, so that the ring's memory follows the events queued, not the busiest bucket each slot
   * ever held. A bucket's first block holds {@link #SIZES}[0] events, its second [1], every later
   * one [2]: most slots of the 4 s window hold a few timers, and a block of 128 for each of them
   * is megabytes of mostly empty memory that adds and drains reach into, while a busy bucket is
   * still mostly blocks of 128. Measured against 128 everywhere (bench/README.md, four rounds in
   * turn): SimHostBench chord at 1,024 peers 1.63 → 1.79 M events per CPU second (medians),
   * Kademlia unchanged (blocks of 8 everywhere cost it 10 %), chord at 10^5 3.58 → 3.48 s of CPU.
   */
  private static final class Chunk {
    static final int[] SIZES = {8, 32, 128};
    final long[] e;
    final Object[] payload;
    final int size;
    final int sizeClass;
    int n;
    Chunk next;

    Chunk(int sizeClass) {
      this.sizeClass = sizeClass;
      this.size = SIZES[sizeClass];
      this.e = new long[size * FIELDS];
      this.payload = new Object[size];
    }
  }

  /** Free blocks by size class. */
  private final Chunk[] pools = new Chunk[Chunk.SIZES.length];

  private Chunk chunk(int sizeClass) {
    Chunk c = pools[sizeClass];
    if (c == null) {
      return new Chunk(sizeClass);
    }
    pools[sizeClass] = c.next;
    c.next = null;
    return c;
  }

  /** One bucket's events, unordered, in a chain of chunks (the last one filling). */
  private final class Bucket {
    Chunk head;
    Chunk tail;
    int size;

    void add(long when, long sk, long ts, long ax, Object p) {
      Chunk c = tail;
      if (c == null || c.n == c.size) {
        Chunk fresh = chunk(c == null ? 0 : Math.min(c.sizeClass + 1, Chunk.SIZES.length - 1));
        if (c == null) {
          head = fresh;
        } else {
          c.next = fresh;
        }
        tail = c = fresh;
      }
      int i = c.n++;
      int b = i * FIELDS;
      long[] e = c.e;
      e[b] = when;
      e[b + 1] = sk;
      e[b + 2] = ts;
      e[b + 3] = ax;
      c.payload[i] = p;
      size++;
    }

    /**
     * Copies every event, in the order added, into {@code data} and {@code payload} (room for all)
     * and gives the blocks back to their pools.
     */
    void drainInto(long[] data, Object[] payloads) {
      int at = 0;
      for (Chunk c = head; c != null; ) {
        System.arraycopy(c.e, 0, data, at * FIELDS, c.n * FIELDS);
        System.arraycopy(c.payload, 0, payloads, at, c.n);
        Arrays.fill(c.payload, 0, c.n, null);
        at += c.n;
        c.n = 0;
        Chunk next = c.next;
        c.next = pools[c.sizeClass];
        pools[c.sizeClass] = c;
        c = next;
      }
      head = tail = null;
      size = 0;
    }

    int retain(Keep keep) {
      int dropped = 0;
      for (Chunk c = head; c != null; c = c.next) {
        int n = 0;
        for (int i = 0; i < c.n; i++) {
          int b = i * FIELDS;
          if (keep.keep((int) (c.e[b + 1] & 0xFF), (int) (c.e[b + 2] >> 32), c.e[b + 3])) {
            if (n != i) {
              System.arraycopy(c.e, b, c.e, n * FIELDS, FIELDS);
              c.payload[n] = c.payload[i];
            }
            n++;
          }
        }
        Arrays.fill(c.payload, n, c.n, null);
        dropped += c.n - n;
        c.n = n;
      }
      // A chunk left part-empty stays in the chain; add() fills only the last one.
      size -= dropped;
      return dropped;
    }
  }

  /**
   * A four-ary min-heap by (time, sequence), each entry's fields interleaved in one {@code long[]}
   * so that a sift step reads one or two cache lines instead of one line per field. A packed heap
   * (the near one) holds in an entry's first field, instead of its time, one key that orders like
   * (time, sequence): the time's offset from {@link #base} (under 2^{@value #TIME_BITS} ns, one
   * bucket) above the sequence number; a sift step then compares one long instead of two.
   */
  private static final class Heap {
    static final int TIME_BITS = 20;
    static final int SEQ_BITS = 63 - TIME_BITS;
    static final long SEQ_MASK = (1L << SEQ_BITS) - 1;

    final boolean packed;
    /** A packed heap's times start here (the current bucket's start). */
    long base;
    long[] e = new long[64 * FIELDS];
    Object[] payload = new Object[64];
    int size;

    Heap(boolean packed) {
      this.packed = packed;
    }

    /** Entry {@code i}'s time. */
    long time(int i) {
      long first = e[i * FIELDS];
      return packed ? base + (first >>> SEQ_BITS) : first;
    }

    /** What a packed heap keeps first for an event at {@code when} with sequence and kind {@code sk}. */
    private long key(long when, long sk) {
      return ((when - base) << SEQ_BITS) | (sk >>> 8);
    }

    /** True when the entry (first field f1, sequence s1) goes before (f2, s2). */
    private boolean before(long f1, long s1, long f2, long s2) {
      return packed ? f1 < f2 : less(f1, s1, f2, s2);
    }

    void add(long when, long sk, long ts, long ax, Object p) {
      if (size == payload.length) {
        grow(size + 1);
      }
      long first = packed ? key(when, sk) : when;
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) / ARITY;
        int pb = parent * FIELDS;
        if (!before(first, sk, e[pb], e[pb + 1])) {
          break;
        }
        move(parent, i);
        i = parent;
      }
      set(i, first, sk, ts, ax, p);
    }

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

    void replaceTop(long when, long sk, long ts, long ax, Object p) {
      set(0, packed ? key(when, sk) : when, sk, ts, ax, p);
      siftDown(0);
    }

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
      heapify();
      return dropped;
    }

    void heapify() {
      for (int i = (size - 2) / ARITY; i >= 0; i--) {
        siftDown(i);
      }
    }

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
          if (before(e[j * FIELDS], e[j * FIELDS + 1], e[c * FIELDS], e[c * FIELDS + 1])) {
            c = j;
          }
        }
        if (!before(e[c * FIELDS], e[c * FIELDS + 1], lt, ls)) {
          break;
        }
        move(c, i);
        i = c;
      }
      set(i, lt, ls, lts, lx, lp);
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

    private void grow(int atLeast) {
      int n = Math.max(payload.length * 2, atLeast);
      e = Arrays.copyOf(e, n * FIELDS);
      payload = Arrays.copyOf(payload, n);
    }
  }
}
