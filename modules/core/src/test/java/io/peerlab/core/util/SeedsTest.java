package io.peerlab.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedsTest {

  /**
   * The forms that take a purpose's seed already derived (what NetworkModel uses per message) give
   * the seeds the named forms give, so every draw, and every result, stays what it was.
   */
  @Test
  void preDerivedPurposeSeeds_giveTheSameSeedsAsTheNamedForms() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      long seed = r.nextLong();
      String purpose = i % 2 == 0 ? "latency" : "peer" + i;
      long p = Seeds.derive(seed, purpose);
      long index = r.nextLong();
      int a = r.nextInt(1_000_000);
      int b = r.nextInt(1_000_000);
      assertThat(Seeds.indexed(p, index)).isEqualTo(Seeds.derive(seed, purpose, index));
      assertThat(Seeds.pair(p, a, b)).isEqualTo(Seeds.derivePair(seed, purpose, a, b))
          .isEqualTo(Seeds.pair(p, b, a));
    }
  }

  @Test
  void purposesAndIndexes_giveDifferentSeeds() {
    assertThat(Seeds.derive(1, "latency")).isNotEqualTo(Seeds.derive(1, "loss"));
    assertThat(Seeds.derive(1, "latency")).isNotEqualTo(Seeds.derive(2, "latency"));
    long p = Seeds.derive(1, "latency");
    assertThat(Seeds.indexed(p, 1)).isNotEqualTo(Seeds.indexed(p, 2));
    assertThat(Seeds.pair(p, 1, 2)).isNotEqualTo(Seeds.pair(p, 1, 3));
  }
}
