package io.peerlab.core.util;

import java.util.SplittableRandom;

/**
 * Deterministic seed derivation. Every random choice in peerlab comes from a {@link
 * SplittableRandom} seeded here from the scenario seed and a purpose, so that a run is a function
 * of its scenario alone and two parts of a run never share a stream by accident.
 */
public final class Seeds {
  private Seeds() {}

  /** SplitMix64's finaliser: a bijective 64-bit mix. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A seed for one purpose (a stable string such as "placement") under the scenario seed. */
  public static long derive(long seed, String purpose) {
    long h = 1125899906842597L;
    for (int i = 0; i < purpose.length(); i++) {
      h = 31 * h + purpose.charAt(i);
    }
    return mix(seed ^ mix(h));
  }

  /** A seed for one purpose and one index (a peer, an object, a chunk). */
  public static long derive(long seed, String purpose, long index) {
    return indexed(derive(seed, purpose), index);
  }

  /**
   * {@link #derive(long, String, long)} with the purpose's seed ({@link #derive(long, String)})
   * already at hand: for a caller that derives per message, which should not hash the purpose's
   * name every time.
   */
  public static long indexed(long purposeSeed, long index) {
    return mix(purposeSeed + mix(index + 0x9E3779B97F4A7C15L));
  }

  /** A seed for an unordered pair (a link between two peers): same for (a, b) and (b, a). */
  public static long derivePair(long seed, String purpose, int a, int b) {
    return pair(derive(seed, purpose), a, b);
  }

  /** {@link #derivePair} with the purpose's seed already at hand ({@link #indexed}). */
  public static long pair(long purposeSeed, int a, int b) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    return indexed(purposeSeed, ((long) lo << 32) | (hi & 0xFFFF_FFFFL));
  }

  public static SplittableRandom random(long seed, String purpose) {
    return new SplittableRandom(derive(seed, purpose));
  }

  public static SplittableRandom random(long seed, String purpose, long index) {
    return new SplittableRandom(derive(seed, purpose, index));
  }

  /** A uniform double in [0, 1) from a 64-bit seed, without allocating a generator. */
  public static double unitInterval(long seed) {
    return (mix(seed) >>> 11) * 0x1.0p-53;
  }

  /**
   * {@code round(fraction × (to − from))} distinct numbers of [from, to), drawn without replacement
   * by the stream for {@code purpose} (a partial Fisher-Yates shuffle), in the order drawn: which
   * peers serve corrupt chunks, fail together, free-ride, or sit on one side of a partition.
   */
  public static int[] choose(long seed, String purpose, int from, int to, double fraction) {
    int n = to - from;
    int k = (int) Math.round(fraction * n);
    int[] pool = new int[n];
    for (int i = 0; i < n; i++) {
      pool[i] = from + i;
    }
    SplittableRandom r = random(seed, purpose);
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(n - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    return java.util.Arrays.copyOf(pool, k);
  }
}
