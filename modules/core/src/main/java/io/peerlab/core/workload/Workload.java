package io.peerlab.core.workload;

import io.peerlab.core.content.Catalog;
import io.peerlab.core.util.Seeds;
import io.peerlab.core.util.Zipf;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The op scripts of all clients. A pure function of (seed, workload spec, catalog): generated once
 * per run and handed unchanged to every topology, so every topology sees the same operations in the
 * same order.
 */
public final class Workload {
  private final WorkloadSpec spec;
  private final List<ClientScript> scripts;

  private Workload(WorkloadSpec spec, List<ClientScript> scripts) {
    this.spec = spec;
    this.scripts = List.copyOf(scripts);
  }

  public WorkloadSpec spec() {
    return spec;
  }

  public List<ClientScript> scripts() {
    return scripts;
  }

  public ClientScript script(int client) {
    return scripts.get(client);
  }

  /** Measured operations over all clients. */
  public int measuredOps() {
    return scripts.stream().mapToInt(s -> s.measured().size()).sum();
  }

  public int warmupOps() {
    return scripts.stream().mapToInt(s -> s.warmup().size()).sum();
  }

  public static Workload generate(long seed, WorkloadSpec spec, Catalog catalog) {
    Zipf popularity = new Zipf(catalog.size(), catalog.spec().popularity());
    int c = spec.clients();
    List<List<Op>> warm = new ArrayList<>();
    List<List<Op>> meas = new ArrayList<>();
    for (int i = 0; i < c; i++) {
      warm.add(new ArrayList<>());
      meas.add(new ArrayList<>());
    }
    if (spec.mode() == LoadMode.FLASH_CROWD) {
      for (int i = 0; i < c; i++) {
        meas.get(i).add(new Op(0, OpType.FETCH, 0, List.of(), 0));
      }
    } else {
      fill(warm, spec.warmupOps(), spec, catalog, popularity, Seeds.random(seed, "warmup-ops"));
      fill(meas, spec.ops(), spec, catalog, popularity, Seeds.random(seed, "measured-ops"));
    }
    List<ClientScript> scripts = new ArrayList<>(c);
    for (int i = 0; i < c; i++) {
      scripts.add(new ClientScript(i, warm.get(i), meas.get(i)));
    }
    return new Workload(spec, scripts);
  }

  /**
   * Draws {@code total} ops in one global order and deals them to clients round robin: op k goes
   * to client k mod clients. In open loop, op k's intended start is the k-th arrival of a Poisson
   * process at the spec's rate.
   */
  private static void fill(
      List<List<Op>> out, int total, WorkloadSpec spec, Catalog catalog, Zipf popularity,
      SplittableRandom r) {
    double t = 0;
    for (int k = 0; k < total; k++) {
      int client = k % out.size();
      List<Op> list = out.get(client);
      double u = r.nextDouble();
      OpType type =
          u < spec.lookupShare()
              ? OpType.LOOKUP
              : u < spec.lookupShare() + spec.searchShare() ? OpType.SEARCH : OpType.FETCH;
      int object = popularity.sample(r);
      List<String> query = List.of();
      if (type == OpType.SEARCH) {
        List<String> kws = catalog.keywords(object);
        int q = Math.min(spec.queryKeywords(), kws.size());
        int[] picks = pick(r, q, kws.size());
        List<String> words = new ArrayList<>(q);
        for (int p : picks) {
          words.add(kws.get(p));
        }
        query = words;
      }
      long at = -1;
      if (spec.mode() == LoadMode.OPEN) {
        t += -Math.log(1.0 - r.nextDouble()) / spec.rate();
        at = (long) (t * 1e9);
      }
      list.add(new Op(list.size(), type, object, query, at));
    }
  }

  private static int[] pick(SplittableRandom r, int k, int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(n - i);
      int tmp = idx[i];
      idx[i] = idx[j];
      idx[j] = tmp;
    }
    int[] out = java.util.Arrays.copyOf(idx, k);
    java.util.Arrays.sort(out);
    return out;
  }
}
