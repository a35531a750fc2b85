package io.peerlab.core.content;

import io.peerlab.core.util.Seeds;
import io.peerlab.core.util.Zipf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where copies of each object sit at the start of a run, in topologies where peers hold objects:
 * object {@code i} gets {@code copies(i)} distinct peers, drawn uniformly from the non-server
 * peers. A pure function of the seed, so every peer-to-peer topology of a run starts from the same
 * placement.
 *
 * <p>How many copies each object gets follows the {@link Replication} policy: uniform gives every
 * object {@code replicas} copies; proportional and square-root spread the same total, {@code
 * count * replicas}, in proportion to the object's query probability (its Zipf popularity, the
 * distribution the workload draws targets from) or to its square root, with at least one and at
 * most {@code candidates} copies per object (see {@link #copies(Replication, double[], int, int)}).
 */
public final class Placement {
  private final int[][] holders;
  /** Objects by peer, compressed: peer p holds byPeer[start[p] .. start[p+1]), ascending. */
  private final int[] start;
  private final int[] byPeer;

  /** Uniform replication: {@code replicas} copies of every object (capped at the candidates). */
  public Placement(long seed, int objects, int replicas, int firstPeer, int peers) {
    this(seed, uniformCopies(objects, Math.min(replicas, peers - firstPeer)), firstPeer, peers);
  }

  private Placement(long seed, int[] copies, int firstPeer, int peers) {
    int candidates = peers - firstPeer;
    int objects = copies.length;
    holders = new int[objects][];
    SplittableRandom rnd = Seeds.random(seed, "placement");
    for (int o = 0; o < objects; o++) {
      int r = copies[o];
      int[] h = new int[r];
      int filled = 0;
      while (filled < r) {
        int p = firstPeer + rnd.nextInt(candidates);
        boolean dup = false;
        for (int i = 0; i < filled; i++) {
          dup |= h[i] == p;
        }
        if (!dup) {
          h[filled++] = p;
        }
      }
      holders[o] = h;
    }
    // Objects are visited in ascending order, so each peer's run comes out ascending.
    start = new int[peers + 1];
    for (int[] h : holders) {
      for (int p : h) {
        start[p + 1]++;
      }
    }
    for (int p = 0; p < peers; p++) {
      start[p + 1] += start[p];
    }
    byPeer = new int[start[peers]];
    int[] next = Arrays.copyOf(start, peers);
    for (int o = 0; o < objects; o++) {
      for (int p : holders[o]) {
        byPeer[next[p]++] = o;
      }
    }
  }

  /**
   * The placement of a run's objects under their replication policy. Uniform replication gives
   * exactly what {@link #Placement(long, int, int, int, int)} gives.
   */
  public static Placement of(long seed, ObjectsSpec objects, int firstPeer, int peers) {
    int candidates = peers - firstPeer;
    if (objects.replication() == Replication.UNIFORM) {
      return new Placement(seed, objects.count(), objects.replicas(), firstPeer, peers);
    }
    Zipf zipf = new Zipf(objects.count(), objects.popularity());
    double[] q = new double[objects.count()];
    for (int i = 0; i < q.length; i++) {
      q[i] = zipf.probability(i);
    }
    long total = (long) objects.count() * Math.min(objects.replicas(), candidates);
    int copies = (int) Math.min(total, Integer.MAX_VALUE);
    return new Placement(
        seed, copies(objects.replication(), q, copies, candidates), firstPeer, peers);
  }

  /**
   * Copies per object under a policy: {@code total} copies in all, object {@code i} getting about
   * {@code lambda * weight(q_i)}, clamped to [1, max], with lambda chosen so that the clamped
   * amounts sum to {@code total}; amounts are then rounded down and the copies left over go to the
   * objects with the largest remainders (ties to the lower index), so the sum is exact.
   *
   * @param q each object's query probability
   * @param total copies to place; must lie in [objects, objects * max]
   * @param max the most copies one object can have (the candidate peers)
   */
  public static int[] copies(Replication policy, double[] q, int total, int max) {
    int n = q.length;
    if (n == 0) {
      return new int[0];
    }
    if (max < 1 || total < n || total > (long) n * max) {
      throw new IllegalArgumentException(
          "cannot place " + total + " copies of " + n + " objects with 1.." + max + " each");
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = policy.weight(q[i]);
    }
    // Sum of clamp(lambda * w_i, 1, max) grows with lambda: bisect for the lambda that gives total.
    double lo = 0;
    double hi = 1;
    while (clampedSum(w, hi, max) < total) {
      hi *= 2;
    }
    for (int it = 0; it < 200; it++) {
      double mid = (lo + hi) / 2;
      if (clampedSum(w, mid, max) < total) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    int[] c = new int[n];
    double[] frac = new double[n];
    long sum = 0;
    for (int i = 0; i < n; i++) {
      double x = clamp(hi * w[i], max);
      c[i] = (int) Math.floor(x);
      frac[i] = x - c[i];
      sum += c[i];
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> frac[a] != frac[b] ? Double.compare(frac[b], frac[a]) : a - b);
    // Rounding may leave a few copies to add (or, at the bisection's tolerance, to take back).
    for (int k = 0; sum < total; k = (k + 1) % n) {
      int i = order[k];
      if (c[i] < max) {
        c[i]++;
        sum++;
      }
    }
    for (int k = n - 1; sum > total; k = (k + n - 1) % n) {
      int i = order[k];
      if (c[i] > 1) {
        c[i]--;
        sum--;
      }
    }
    return c;
  }

  private static double clamp(double x, int max) {
    return Math.max(1.0, Math.min(max, x));
  }

  private static double clampedSum(double[] w, double lambda, int max) {
    double s = 0;
    for (double x : w) {
      s += clamp(lambda * x, max);
    }
    return s;
  }

  private static int[] uniformCopies(int objects, int replicas) {
    int[] c = new int[objects];
    Arrays.fill(c, replicas);
    return c;
  }

  /** The peers holding {@code object} at start. */
  public int[] holders(int object) {
    return holders[object].clone();
  }

  /** How many copies of {@code object} the run starts with. */
  public int copies(int object) {
    return holders[object].length;
  }

  /** The objects {@code peer} holds at start, ascending. */
  public List<Integer> objectsOf(int peer) {
    List<Integer> out = new ArrayList<>(start[peer + 1] - start[peer]);
    for (int i = start[peer]; i < start[peer + 1]; i++) {
      out.add(byPeer[i]);
    }
    return List.copyOf(out);
  }
}
