package io.peerlab.core.util;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Zipf's law over ranks 0..n-1: P(rank k) proportional to 1/(k+1)^s. Exponent 0 is uniform.
 * Sampling inverts the precomputed cumulative distribution by binary search: O(n) memory once,
 * O(log n) per draw, exact (no rejection), and the same draws for the same generator state.
 */
public final class Zipf {
  private final double[] cdf;
  private final double exponent;

  public Zipf(int n, double exponent) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be positive: " + n);
    }
    if (exponent < 0 || Double.isNaN(exponent)) {
      throw new IllegalArgumentException("exponent must be >= 0: " + exponent);
    }
    this.exponent = exponent;
    cdf = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1.0 / Math.pow(k + 1, exponent);
      cdf[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cdf[k] /= sum;
    }
    cdf[n - 1] = 1.0;
  }

  public int size() {
    return cdf.length;
  }

  public double exponent() {
    return exponent;
  }

  /** The probability of rank k. */
  public double probability(int k) {
    return k == 0 ? cdf[0] : cdf[k] - cdf[k - 1];
  }

  /** One draw: a rank in [0, n). */
  public int sample(SplittableRandom r) {
    double u = r.nextDouble();
    int i = Arrays.binarySearch(cdf, u);
    int k = i >= 0 ? i + 1 : -i - 1;
    return Math.min(k, cdf.length - 1);
  }
}
