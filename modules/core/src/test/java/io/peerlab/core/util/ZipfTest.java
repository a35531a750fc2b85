package io.peerlab.core.util;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfTest {

  @Test
  void probabilities_followOneOverRankToTheS() {
    Zipf z = new Zipf(100, 0.8);
    double sum = 0;
    for (int k = 0; k < 100; k++) {
      sum += z.probability(k);
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
    assertThat(z.probability(0) / z.probability(9)).isCloseTo(Math.pow(10, 0.8), within(1e-9));
  }

  @Test
  void exponentZero_isUniform() {
    Zipf z = new Zipf(10, 0);
    for (int k = 0; k < 10; k++) {
      assertThat(z.probability(k)).isCloseTo(0.1, within(1e-12));
    }
  }

  @Test
  void samples_matchTheDistribution() {
    int n = 50;
    Zipf z = new Zipf(n, 1.0);
    int draws = 200_000;
    int[] counts = new int[n];
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < draws; i++) {
      counts[z.sample(r)]++;
    }
    // Chi-square with 49 degrees of freedom: the 99.9th percentile is about 85.4.
    double chi2 = 0;
    for (int k = 0; k < n; k++) {
      double expected = z.probability(k) * draws;
      chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
    }
    assertThat(chi2).isLessThan(85.4);
  }

  @Test
  void sameSeed_sameDraws() {
    Zipf z = new Zipf(1000, 0.8);
    SplittableRandom a = new SplittableRandom(5);
    SplittableRandom b = new SplittableRandom(5);
    for (int i = 0; i < 1000; i++) {
      assertThat(z.sample(a)).isEqualTo(z.sample(b));
    }
  }

  @Test
  void rejectsBadParameters() {
    assertThatThrownBy(() -> new Zipf(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Zipf(10, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
