package io.peerlab.core.overlay.kademlia;

import io.peerlab.core.api.Directory;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.dht.SortedKeys;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Kademlia routing table: 160 k-buckets, bucket i holding contacts at XOR distance [2^i,
 * 2^(i+1)) from this peer (Maymounkov and Mazières 2002, §2.2). Buckets are created on first use.
 *
 * <p>Bucket capacity is k, except that a bucket accepts every contact while fewer than k contacts
 * are closer to this peer than the bucket's range. That is the flat-array form of the paper's
 * §4.2 rule ("keep all valid contacts in a subtree of size at least k nodes, even if this requires
 * splitting buckets in which the node's own ID does not reside"): a peer always knows its own
 * neighbourhood completely, which is what makes lookups converge on the true k closest.
 */
public final class RoutingTable {
  private final int self;
  private final Key selfKey;
  private final int k;
  /** Every peer's key as flat words (shared by the run's peers): no pointer chased per contact. */
  private final SortedKeys keys;
  /**
   * Buckets base .. 159 (bucket i at [i - base]); the array grows downwards on demand, since in a
   * network of N peers only the top log2 N + a few buckets are ever used (160 references a peer
   * would be 0.6 GB at a million peers).
   */
  private KBucket[] buckets;
  private int base = Key.BITS;
  /**
   * The warm start's contacts ({@link #warm}), bucket by bucket in one array: bucket i holds
   * packed[packedFrom[i - packedBase] .. packedFrom[i - packedBase + 1]) until it first changes,
   * when it becomes a {@link KBucket} (which then takes precedence). One array a peer instead of
   * an object and an array per bucket: what lets a million warm-started peers fit in a few GB.
   */
  private int[] packed;
  private int[] packedFrom;
  private int packedBase = Key.BITS;
  private long packedSeen;
  private long[] touched;
  private int size;
  /** No bucket below this index holds a contact. */
  private int lowest = Key.BITS;
  /** {@link #take}'s sort keys. */
  private long[] scratch = new long[0];

  public RoutingTable(int self, int k, Directory directory) {
    this.self = self;
    this.selfKey = directory.get(self).key();
    this.k = k;
    this.keys = SortedKeys.of(directory);
  }

  /** The run's keys this table reads contacts' keys from. */
  SortedKeys keys() {
    return keys;
  }

  public int size() {
    return size;
  }

  /** Bucket index of a contact: the highest bit of its XOR distance to this peer. */
  public int bucketOf(int contact) {
    int p = keys.position(contact);
    long hi = selfKey.hi() ^ keys.hi(p);
    if (hi != 0) {
      return 128 + 63 - Long.numberOfLeadingZeros(hi);
    }
    long mid = selfKey.mid() ^ keys.mid(p);
    if (mid != 0) {
      return 64 + 63 - Long.numberOfLeadingZeros(mid);
    }
    long lo = selfKey.lo() ^ keys.lo(p);
    return lo == 0 ? -1 : 63 - Long.numberOfLeadingZeros(lo);
  }

  /** highestBit(a ^ b) without allocating: the bucket index of b as seen from a. */
  static int xorHighestBit(Key a, Key b) {
    long hi = a.hi() ^ b.hi();
    if (hi != 0) {
      return 128 + 63 - Long.numberOfLeadingZeros(hi);
    }
    long mid = a.mid() ^ b.mid();
    if (mid != 0) {
      return 64 + 63 - Long.numberOfLeadingZeros(mid);
    }
    long lo = a.lo() ^ b.lo();
    return lo == 0 ? -1 : 63 - Long.numberOfLeadingZeros(lo);
  }

  /** The bucket at {@code index}, or null when it has never held a contact. */
  public KBucket bucket(int index) {
    KBucket b = at(index);
    return b != null || packedSize(index) == 0 ? b : unpack(index);
  }

  private KBucket at(int index) {
    int i = index - base;
    return i < 0 ? null : buckets[i];
  }

  private void put(int index, KBucket bucket) {
    if (index < base) {
      int newBase = Math.max(0, Math.min(index, base - 16));
      KBucket[] grown = new KBucket[Key.BITS - newBase];
      if (buckets != null) {
        System.arraycopy(buckets, 0, grown, base - newBase, buckets.length);
      }
      buckets = grown;
      base = newBase;
    }
    buckets[index - base] = bucket;
  }

  /** Contacts of the warm start still packed in bucket {@code index} (0 once it is a KBucket). */
  private int packedSize(int index) {
    int i = index - packedBase;
    return packed == null || i < 0 || at(index) != null ? 0 : packedFrom[i + 1] - packedFrom[i];
  }

  /** Bucket {@code index} as a KBucket, made from its packed contacts (or empty) if need be. */
  private KBucket unpack(int index) {
    KBucket b = at(index);
    if (b == null) {
      int n = packedSize(index);
      if (n > 0) {
        int from = packedFrom[index - packedBase];
        b = KBucket.filled(Arrays.copyOfRange(packed, from, from + n), packedSeen);
      } else {
        b = new KBucket();
      }
      put(index, b);
    }
    return b;
  }

  /** Contacts in bucket {@code index}. */
  private int sizeOf(int index) {
    KBucket b = at(index);
    return b != null ? b.size() : packedSize(index);
  }

  /** Contact {@code x} of bucket {@code index} (least- to most-recently seen). */
  private int contactOf(int index, int x) {
    KBucket b = at(index);
    return b != null ? b.contact(x) : packed[packedFrom[index - packedBase] + x];
  }

  public boolean contains(int contact) {
    if (contact == self) {
      return false;
    }
    int b = bucketOf(contact);
    for (int x = sizeOf(b) - 1; x >= 0; x--) {
      if (contactOf(b, x) == contact) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code contact} was heard from: update its bucket. Returns the contact to ping before an
   * eviction, or {@link KBucket#NO_PING}.
   */
  public int offer(int contact, long now, long staleAfterNanos) {
    if (contact == self || contact < 0) {
      return KBucket.NO_PING;
    }
    int b = bucketOf(contact);
    KBucket bucket = unpack(b);
    int before = bucket.size();
    // Below k contacts any capacity of at least k takes the contact: count the closer contacts
    // (a walk over the buckets below) only for a full bucket.
    int capacity = before < k || closerThan(b) >= k ? k : Integer.MAX_VALUE;
    int ping = bucket.offer(contact, now, capacity, staleAfterNanos);
    size += bucket.size() - before;
    if (bucket.size() > 0 && b < lowest) {
      lowest = b;
    }
    return ping;
  }

  /**
   * Fills this empty table at once, all contacts seen at {@code now}: the warm start ({@link
   * KademliaWarmStart}), which has applied the capacity rule. Bucket {@code first + j} gets
   * contacts[from[j] .. from[j + 1]); the arrays are kept.
   */
  void warm(int first, int[] contacts, int[] from, long now) {
    if (size > 0) {
      throw new IllegalStateException("the table is not empty");
    }
    packed = contacts;
    packedFrom = from;
    packedBase = first;
    packedSeen = now;
    size = contacts.length;
    for (int j = 0; j + 1 < from.length; j++) {
      if (from[j + 1] > from[j]) {
        lowest = first + j;
        break;
      }
    }
  }

  public void pong(int contact, long now) {
    KBucket b = contact == self ? null : at(bucketOf(contact));
    if (b != null) {
      b.pong(contact, now);
    }
  }

  public void pingFailed(int contact, long now) {
    KBucket b = contact == self ? null : at(bucketOf(contact));
    if (b != null) {
      int before = b.size();
      b.pingFailed(contact, now);
      size += b.size() - before;
    }
  }

  /**
   * {@code contact} failed to answer an RPC; after {@code maxFailures} in a row it is evicted and
   * its bucket's replacement cache refills the place ({@link KBucket#failed}).
   */
  public void failed(int contact, long now, int maxFailures) {
    KBucket b = contact == self || contact < 0 ? null : bucket(bucketOf(contact));
    if (b != null) {
      int before = b.size();
      b.failed(contact, now, maxFailures);
      size += b.size() - before;
    }
  }

  /** Contacts in buckets below {@code bucket}: all closer to this peer than its range. */
  private int closerThan(int bucket) {
    int n = 0;
    for (int i = lowest; i < bucket && n < k; i++) {
      n += sizeOf(i);
    }
    return n;
  }

  /**
   * Up to {@code count} known contacts closest to {@code target} by XOR, nearest first, without
   * {@code exclude}. With d = self ^ target and b = highestBit(d), buckets come in this order of
   * distance to the target: bucket b (distance below 2^b); then the buckets j &lt; b whose bit j of
   * d is set, j descending; then those whose bit j of d is clear, j ascending (both groups lie in
   * [2^b, 2^(b+1))); then the buckets above b, ascending. Only buckets that are needed are sorted.
   */
  public int[] closest(Key target, int count, int exclude) {
    return closest(target, count, exclude, true);
  }

  /**
   * The contacts {@link #closest} gives, in an order of no meaning (deterministic): a bucket whose
   * contacts all fit is copied as it is instead of sorted. For an answer to FIND_NODE, which the
   * asker merges into its lookup's shortlist by distance, so that the order it came in never shows;
   * sorting those buckets was about a sixth of a 1,024-peer Kademlia run (bench/README.md).
   */
  public int[] closestUnordered(Key target, int count, int exclude) {
    return closest(target, count, exclude, false);
  }

  private int[] closest(Key target, int count, int exclude, boolean ordered) {
    Key d = selfKey.xor(target);
    int b = d.highestBit();
    int[] out = new int[Math.min(count, size)];
    int n = 0;
    if (b >= 0) {
      n = take(b, target, exclude, out, n, ordered);
    }
    // Buckets below `lowest` are empty: a table of N contacts uses about the top log2 N buckets,
    // so the scans start there instead of at bucket 0.
    for (int j = b - 1; j >= lowest && n < out.length; j--) {
      if (d.testBit(j)) {
        n = take(j, target, exclude, out, n, ordered);
      }
    }
    for (int j = lowest; j < b && n < out.length; j++) {
      if (!d.testBit(j)) {
        n = take(j, target, exclude, out, n, ordered);
      }
    }
    for (int j = Math.max(b + 1, lowest); j < Key.BITS && n < out.length; j++) {
      n = take(j, target, exclude, out, n, ordered);
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /**
   * Appends bucket {@code index}'s contacts, nearest to {@code target} first, while room lasts. The
   * bucket's own order must stay, so a copy is sorted: each contact as one long, the top bits of
   * its XOR distance to the target above its index in the bucket (as few index bits as the bucket
   * needs), sorted as primitives; contacts that tie on those top bits (rare) are then ordered by the
   * whole distance, stably ({@link #orderTies}). Not {@code ordered}: a bucket that fits whole is
   * appended in its own order.
   */
  private int take(int index, Key target, int exclude, int[] out, int n, boolean ordered) {
    int m = sizeOf(index);
    if (m == 0 || n >= out.length) {
      return n;
    }
    if (!ordered && out.length - n >= m) {
      for (int i = 0; i < m; i++) {
        int c = contactOf(index, i);
        if (c != exclude) {
          out[n++] = c;
        }
      }
      return n;
    }
    if (scratch.length < m) {
      scratch = new long[Math.max(m, 2 * scratch.length)];
    }
    long[] s = scratch;
    KBucket bucket = at(index);
    int[] src = bucket != null ? bucket.contactArray() : packed;
    int from = bucket != null ? 0 : packedFrom[index - packedBase];
    int indexBits = 32 - Integer.numberOfLeadingZeros(m - 1);
    long th = target.hi();
    long tm = target.mid();
    for (int i = 0; i < m; i++) {
      int pi = keys.position(src[from + i]);
      // The distance's top 64 bits; its unsigned order as signed order: the sign bit flipped.
      long di = ((keys.hi(pi) ^ th) << 32) | ((keys.mid(pi) ^ tm) >>> 32);
      s[i] = (((di >>> indexBits) << indexBits) | i) ^ Long.MIN_VALUE;
    }
    Arrays.sort(s, 0, m);
    for (int i = 1; i < m; i++) {
      if ((s[i] >>> indexBits) == (s[i - 1] >>> indexBits)) {
        orderTies(src, from, s, m, indexBits, target);
        break;
      }
    }
    long mask = (1L << indexBits) - 1;
    for (int i = 0; i < m && n < out.length; i++) {
      int c = src[from + (int) (s[i] & mask)];
      if (c != exclude) {
        out[n++] = c;
      }
    }
    return n;
  }

  /** Orders each run of equal top bits in {@code s} by the whole XOR distance, stably. */
  private void orderTies(int[] src, int from, long[] s, int m, int indexBits, Key target) {
    long mask = (1L << indexBits) - 1;
    for (int i = 1; i < m; i++) {
      long x = s[i];
      int px = keys.position(src[from + (int) (x & mask)]);
      int j = i - 1;
      while (j >= 0 && (s[j] >>> indexBits) == (x >>> indexBits)
          && compareXor(keys.position(src[from + (int) (s[j] & mask)]), px, target) > 0) {
        s[j + 1] = s[j];
        j--;
      }
      s[j + 1] = x;
    }
  }

  /** {@link #compareXor} of the keys at positions {@code a} and {@code b} of {@link #keys}. */
  private int compareXor(int a, int b, Key t) {
    int c = Long.compare(keys.hi(a) ^ t.hi(), keys.hi(b) ^ t.hi());
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(keys.mid(a) ^ t.mid(), keys.mid(b) ^ t.mid());
    if (c != 0) {
      return c;
    }
    return Long.compareUnsigned(keys.lo(a) ^ t.lo(), keys.lo(b) ^ t.lo());
  }

  /** Every contact, bucket by bucket, least-recently seen first within a bucket. */
  public int[] all() {
    int[] out = new int[size];
    int n = 0;
    for (int i = 0; i < Key.BITS; i++) {
      for (int x = 0, m = sizeOf(i); x < m; x++) {
        out[n++] = contactOf(i, x);
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Index of the lowest non-empty bucket (the closest neighbour's), or -1 when empty. */
  public int lowestBucket() {
    for (int i = lowest; i < Key.BITS; i++) {
      if (sizeOf(i) > 0) {
        return i;
      }
    }
    return -1;
  }

  /** A lookup of {@code target} has run now: its bucket need not be refreshed for a while. */
  public void touch(Key target, long now) {
    int b = xorHighestBit(selfKey, target);
    if (b >= 0) {
      if (touched == null) {
        touched = new long[Key.BITS];
        Arrays.fill(touched, Long.MIN_VALUE);
      }
      touched[b] = now;
    }
  }

  /** Non-empty buckets no lookup has touched since {@code since}, ascending. */
  public int[] untouchedSince(long since) {
    int[] out = new int[Key.BITS];
    int n = 0;
    for (int i = 0; i < Key.BITS; i++) {
      if (sizeOf(i) > 0
          && (touched == null || touched[i] < since)) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** A random key whose XOR distance to this peer falls in bucket {@code b}. */
  public Key randomKeyIn(int b, SplittableRandom random) {
    long[] w = {random.nextLong() & 0xFFFF_FFFFL, random.nextLong(), random.nextLong()};
    // Clear every bit at or above b, then set bit b: a distance in [2^b, 2^(b+1)).
    for (int word = 0; word < 3; word++) {
      int low = (2 - word) * 64; // bit index of this word's least significant bit
      for (int bit = 0; bit < 64; bit++) {
        if (low + bit >= b) {
          w[word] &= ~(1L << bit);
        }
      }
    }
    Key d = new Key(w[0], w[1], w[2]).add(Key.powerOfTwo(b));
    return selfKey.xor(d);
  }

  /** Compares a ^ t with b ^ t as unsigned 160-bit numbers, without allocating. */
  public static int compareXor(Key a, Key b, Key t) {
    int c = Long.compare(a.hi() ^ t.hi(), b.hi() ^ t.hi());
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(a.mid() ^ t.mid(), b.mid() ^ t.mid());
    if (c != 0) {
      return c;
    }
    return Long.compareUnsigned(a.lo() ^ t.lo(), b.lo() ^ t.lo());
  }
}
