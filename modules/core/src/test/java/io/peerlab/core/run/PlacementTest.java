package io.peerlab.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.content.Placement;
import io.peerlab.core.content.Replication;
import io.peerlab.core.util.Zipf;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementTest {

  static ObjectsSpec objects(int count, double popularity, int replicas, Replication policy) {
    return new ObjectsSpec(count, 1024, 1024, popularity, 1, 10, replicas, policy);
  }

  @Test
  void uniform_placesExactlyWhatTheOriginalPlacementDid() {
    Placement old = new Placement(42, 200, 3, 1, 64);
    Placement now = Placement.of(42, objects(200, 0.8, 3, Replication.UNIFORM), 1, 64);
    for (int o = 0; o < 200; o++) {
      assertThat(now.holders(o)).isEqualTo(old.holders(o));
    }
    for (int p = 0; p < 64; p++) {
      assertThat(now.objectsOf(p)).isEqualTo(old.objectsOf(p));
    }
  }

  @Test
  void proportionalAndSquareRoot_keepTheTotal_giveEveryObjectACopy_andFollowPopularity() {
    for (Replication policy : List.of(Replication.PROPORTIONAL, Replication.SQUARE_ROOT)) {
      Placement p = Placement.of(7, objects(300, 1.0, 4, policy), 2, 500);
      int total = 0;
      for (int o = 0; o < 300; o++) {
        int[] h = p.holders(o);
        Set<Integer> distinct = new HashSet<>();
        for (int x : h) {
          assertThat(x).isBetween(2, 499);
          distinct.add(x);
        }
        assertThat(distinct).as("distinct holders of %d", o).hasSize(h.length);
        assertThat(h.length).isBetween(1, 498);
        total += h.length;
      }
      assertThat(total).as(policy.label()).isEqualTo(300 * 4);
      assertThat(p.copies(0)).isGreaterThan(p.copies(299));
    }
    int[] prop = Placement.copies(Replication.PROPORTIONAL, q(300, 1.0), 1200, 498);
    int[] sqrt = Placement.copies(Replication.SQUARE_ROOT, q(300, 1.0), 1200, 498);
    assertThat(prop[0]).isGreaterThan(sqrt[0]).isGreaterThan(4);
  }

  @Test
  void copies_areClampedToTheCandidates_andTheSumStaysExact() {
    int[] c = Placement.copies(Replication.PROPORTIONAL, q(10, 3.0), 40, 8);
    int sum = 0;
    for (int x : c) {
      assertThat(x).isBetween(1, 8);
      sum += x;
    }
    assertThat(sum).isEqualTo(40);
    assertThat(c[0]).isEqualTo(8);
  }

  /**
   * Cohen and Shenker (SIGCOMM 2002), §3: a random search for object i probes about N / c_i peers,
   * so the expected search size is proportional to the sum of q_i / c_i. Uniform and proportional
   * replication give the same sum (n / R); square-root gives (sum sqrt q_i)^2 / R, the minimum.
   */
  @Test
  void squareRoot_minimisesTheExpectedSearchSize_uniformAndProportionalTie() {
    double[] q = q(1000, 0.8);
    int total = 1000 * 20;
    double uniform = size(q, Placement.copies(Replication.UNIFORM, q, total, 10_000));
    double proportional = size(q, Placement.copies(Replication.PROPORTIONAL, q, total, 10_000));
    double squareRoot = size(q, Placement.copies(Replication.SQUARE_ROOT, q, total, 10_000));
    double sumSqrt = 0;
    for (double x : q) {
      sumSqrt += Math.sqrt(x);
    }
    // Times N: the expected number of peers a random search probes, per query.
    System.out.printf(
        java.util.Locale.ROOT, "1000 objects, Zipf 0.8, 20 copies each on average, N peers:"
            + " expected probes per query = N x %.5f (uniform), %.5f (proportional), %.5f"
            + " (square-root); (sum sqrt q)^2 / R = %.5f%n",
        uniform, proportional, squareRoot, sumSqrt * sumSqrt / total);
    assertThat(uniform).isCloseTo(1000.0 / total, within(1e-9));
    assertThat(proportional).isCloseTo(uniform, withinPercentage(5));
    assertThat(squareRoot).isLessThan(0.8 * uniform)
        .isCloseTo(sumSqrt * sumSqrt / total, withinPercentage(2));
  }

  static double size(double[] q, int[] copies) {
    double s = 0;
    for (int i = 0; i < q.length; i++) {
      s += q[i] / copies[i];
    }
    return s;
  }

  static double[] q(int n, double exponent) {
    Zipf z = new Zipf(n, exponent);
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      q[i] = z.probability(i);
    }
    return q;
  }
}
