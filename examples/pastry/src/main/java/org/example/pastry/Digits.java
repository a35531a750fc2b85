package org.example.pastry;

import io.peerlab.core.id.Key;

/**
 * Keys as strings of 40 hexadecimal digits (Pastry's base 2^b with b = 4, most significant digit
 * first) and the circular numeric distance between them.
 */
final class Digits {
  private Digits() {}

  /** Digits per key: 160 bits / b. */
  static final int COUNT = Key.BITS / 4;

  /** Digit {@code i} of {@code k} (0 = most significant), 0..15. */
  static int digit(Key k, int i) {
    if (i < 8) {
      return (int) (k.hi() >>> (4 * (7 - i))) & 0xF;
    }
    if (i < 24) {
      return (int) (k.mid() >>> (4 * (23 - i))) & 0xF;
    }
    return (int) (k.lo() >>> (4 * (39 - i))) & 0xF;
  }

  /** How many leading digits {@code a} and {@code b} share (40 when equal). */
  static int sharedPrefix(Key a, Key b) {
    Key x = a.xor(b);
    int bit = x.highestBit();
    return bit < 0 ? COUNT : (Key.BITS - 1 - bit) / 4;
  }

  /** The circular distance |a − b| on the ring of 2^160 ids. */
  static Key distance(Key a, Key b) {
    Key d = a.subtract(b);
    Key e = b.subtract(a);
    return d.compareTo(e) <= 0 ? d : e;
  }

  /**
   * The smallest key that starts with the first {@code length} digits of {@code k} followed by
   * digit {@code next}, with every further digit 0 ({@code low}) or F.
   */
  static Key prefixBound(Key k, int length, int next, boolean low) {
    long[] w = {k.hi(), k.mid(), k.lo()};
    int[] widths = {8, 16, 16};
    int start = 0;
    for (int word = 0; word < 3; word++) {
      for (int d = 0; d < widths[word]; d++) {
        int i = start + d;
        if (i < length) {
          continue;
        }
        int shift = 4 * (widths[word] - 1 - d);
        long value = i == length ? next : (low ? 0 : 0xF);
        w[word] = (w[word] & ~(0xFL << shift)) | (value << shift);
      }
      start += widths[word];
    }
    return new Key(w[0], w[1], w[2]);
  }
}
