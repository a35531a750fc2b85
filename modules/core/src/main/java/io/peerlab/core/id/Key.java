package io.peerlab.core.id;

import io.peerlab.core.util.Digests;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A point in the 160-bit identifier space shared by peers and objects (SHA-1 of a name, as in
 * Chord §4.2 and Kademlia §2).
 *
 * <p>Stored as three unsigned words: {@code hi} holds bits 159..128 in its low 32 bits (its high
 * 32 bits are always zero), {@code mid} bits 127..64 and {@code lo} bits 63..0. All arithmetic is
 * modulo 2^160. Ordering is the unsigned numeric order; ring intervals are handled by {@link
 * #inOpenClosed} and {@link #inOpen}.
 */
public record Key(long hi, long mid, long lo) implements Comparable<Key> {

  /** Number of bits in a key. */
  public static final int BITS = 160;

  private static final long HI_MASK = 0xFFFF_FFFFL;

  public static final Key ZERO = new Key(0, 0, 0);
  public static final Key MAX = new Key(HI_MASK, -1L, -1L);

  public Key {
    if ((hi & ~HI_MASK) != 0) {
      throw new IllegalArgumentException("hi must hold only 32 bits: " + Long.toHexString(hi));
    }
  }

  /** The SHA-1 of a name's UTF-8 bytes. */
  public static Key sha1(String name) {
    return ofBytes(Digests.sha1(name.getBytes(StandardCharsets.UTF_8)));
  }

  /** A key from 20 big-endian bytes. */
  public static Key ofBytes(byte[] b) {
    if (b.length != 20) {
      throw new IllegalArgumentException("a key has 20 bytes, got " + b.length);
    }
    long hi = 0;
    for (int i = 0; i < 4; i++) {
      hi = (hi << 8) | (b[i] & 0xFF);
    }
    long mid = 0;
    for (int i = 4; i < 12; i++) {
      mid = (mid << 8) | (b[i] & 0xFF);
    }
    long lo = 0;
    for (int i = 12; i < 20; i++) {
      lo = (lo << 8) | (b[i] & 0xFF);
    }
    return new Key(hi, mid, lo);
  }

  /** A key from a non-negative integer below 2^160. */
  public static Key of(BigInteger v) {
    if (v.signum() < 0 || v.bitLength() > BITS) {
      throw new IllegalArgumentException("out of the 160-bit key space: " + v);
    }
    return new Key(
        v.shiftRight(128).longValue() & HI_MASK, v.shiftRight(64).longValue(), v.longValue());
  }

  /** A key from a small non-negative number (tests and examples). */
  public static Key of(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("negative: " + v);
    }
    return new Key(0, 0, v);
  }

  /** 2^i for 0 &lt;= i &lt; 160. */
  public static Key powerOfTwo(int i) {
    if (i < 0 || i >= BITS) {
      throw new IllegalArgumentException("bit index out of range: " + i);
    }
    if (i < 64) {
      return new Key(0, 0, 1L << i);
    }
    if (i < 128) {
      return new Key(0, 1L << (i - 64), 0);
    }
    return new Key(1L << (i - 128), 0, 0);
  }

  public BigInteger toBigInteger() {
    byte[] b = toBytes();
    return new BigInteger(1, b);
  }

  /** 20 big-endian bytes. */
  public byte[] toBytes() {
    byte[] b = new byte[20];
    for (int i = 3; i >= 0; i--) {
      b[i] = (byte) (hi >>> (8 * (3 - i)));
    }
    for (int i = 0; i < 8; i++) {
      b[4 + i] = (byte) (mid >>> (8 * (7 - i)));
      b[12 + i] = (byte) (lo >>> (8 * (7 - i)));
    }
    return b;
  }

  /** (this + o) mod 2^160. */
  public Key add(Key o) {
    long l = lo + o.lo;
    long carry = Long.compareUnsigned(l, lo) < 0 ? 1 : 0;
    long m1 = mid + o.mid;
    long c1 = Long.compareUnsigned(m1, mid) < 0 ? 1 : 0;
    long m = m1 + carry;
    long c2 = (carry == 1 && m == 0) ? 1 : 0;
    long h = (hi + o.hi + c1 + c2) & HI_MASK;
    return new Key(h, m, l);
  }

  /** (this - o) mod 2^160: the clockwise ring distance from {@code o} to {@code this}. */
  public Key subtract(Key o) {
    long l = lo - o.lo;
    long borrow = Long.compareUnsigned(lo, o.lo) < 0 ? 1 : 0;
    long m1 = mid - o.mid;
    long b1 = Long.compareUnsigned(mid, o.mid) < 0 ? 1 : 0;
    long m = m1 - borrow;
    long b2 = (borrow == 1 && m1 == 0) ? 1 : 0;
    long h = (hi - o.hi - b1 - b2) & HI_MASK;
    return new Key(h, m, l);
  }

  /** this + 2^i mod 2^160 (a Chord finger start, §4.2). */
  public Key plusPowerOfTwo(int i) {
    return add(powerOfTwo(i));
  }

  /** Clockwise distance on the ring from {@code from} to {@code to}: (to - from) mod 2^160. */
  public static Key ringDistance(Key from, Key to) {
    return to.subtract(from);
  }

  /** The Kademlia XOR distance (§2.1). */
  public Key xor(Key o) {
    return new Key(hi ^ o.hi, mid ^ o.mid, lo ^ o.lo);
  }

  /**
   * Index of the highest set bit (0..159), or -1 for zero. For an XOR distance this is the
   * Kademlia bucket index: peers at distance [2^i, 2^(i+1)) fall in bucket i.
   */
  public int highestBit() {
    if (hi != 0) {
      return 128 + 63 - Long.numberOfLeadingZeros(hi);
    }
    if (mid != 0) {
      return 64 + 63 - Long.numberOfLeadingZeros(mid);
    }
    if (lo != 0) {
      return 63 - Long.numberOfLeadingZeros(lo);
    }
    return -1;
  }

  /** Bit i (0 = least significant). */
  public boolean testBit(int i) {
    if (i < 64) {
      return ((lo >>> i) & 1) != 0;
    }
    if (i < 128) {
      return ((mid >>> (i - 64)) & 1) != 0;
    }
    return ((hi >>> (i - 128)) & 1) != 0;
  }

  /** True when this key lies in the ring interval (a, b]; (a, a] is the whole ring. */
  public boolean inOpenClosed(Key a, Key b) {
    int ab = a.compareTo(b);
    if (ab < 0) {
      return compareTo(a) > 0 && compareTo(b) <= 0;
    }
    if (ab > 0) {
      return compareTo(a) > 0 || compareTo(b) <= 0;
    }
    return true;
  }

  /** True when this key lies in the ring interval (a, b); (a, a) is the ring without a. */
  public boolean inOpen(Key a, Key b) {
    int ab = a.compareTo(b);
    if (ab < 0) {
      return compareTo(a) > 0 && compareTo(b) < 0;
    }
    if (ab > 0) {
      return compareTo(a) > 0 || compareTo(b) < 0;
    }
    return !equals(a);
  }

  /** A double in [0, 1): this key's position on the ring as a fraction (for plots and stats). */
  public double fraction() {
    double f = ((double) hi * 0x1p-32) + (mid >>> 11) * 0x1p-85;
    return Math.min(f, Math.nextDown(1.0)); // keys within 2^-53 of the top would round to 1
  }

  @Override
  public int compareTo(Key o) {
    int c = Long.compare(hi, o.hi);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(mid, o.mid);
    if (c != 0) {
      return c;
    }
    return Long.compareUnsigned(lo, o.lo);
  }

  /**
   * The value a record's generated hashCode gives (31 times the running hash plus each component's
   * {@code Long.hashCode}, in order), written out: the generated one goes through {@code
   * invokedynamic}, slow until compiled, and building a catalog hashes 10,000 keys at start-up.
   * The same value keeps every {@code HashMap} of keys in the same order ({@code KeyTest}).
   */
  @Override
  public int hashCode() {
    return (31 * Long.hashCode(hi) + Long.hashCode(mid)) * 31 + Long.hashCode(lo);
  }

  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof Key k && hi == k.hi && mid == k.mid && lo == k.lo;
  }

  /** 40 lower-case hex digits. */
  public String hex() {
    return String.format("%08x%016x%016x", hi, mid, lo);
  }

  /** The first 8 hex digits, for logs and tables. */
  public String shortHex() {
    return String.format("%08x", hi);
  }

  @Override
  public String toString() {
    return hex();
  }
}
