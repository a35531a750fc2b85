package io.peerlab.core.overlay;

import io.peerlab.core.api.Phase;
import io.peerlab.core.workload.Op;
import io.peerlab.core.workload.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Steps a {@link TestNet} whose peers ping forever (a run with churn or failures never runs out of
 * events): phases begin and run in slices of virtual time until every peer reports done, and
 * searches are submitted from live peers to measure how many succeed.
 */
public final class ChurnNets {
  private ChurnNets() {}

  static final long SEC = 1_000_000_000L;

  /** Begins {@code phase} and runs until every peer is done with it, or {@code maxSec} passed. */
  public static void phase(TestNet net, Phase phase, int maxSec) {
    net.begin(phase);
    long end = net.now() + maxSec * SEC;
    while (net.done() < net.size() && net.now() < end) {
      net.runUntil(net.now() + SEC);
    }
  }

  /** Peers that are not down. */
  public static List<Integer> live(TestNet net) {
    List<Integer> out = new ArrayList<>();
    for (int a = 0; a < net.size(); a++) {
      if (!net.node(a).down()) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * Submits one search for the keywords of a random object from each of {@code askers} live peers
   * and runs {@code waitSec} seconds; returns the share of searches that found something.
   */
  public static double searchSuccess(TestNet net, int askers, long seed, int waitSec) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Integer> live = live(net);
    int objects = net.setup().catalog().size();
    int[] ok = {0};
    for (int i = 0; i < askers; i++) {
      int from = live.get(r.nextInt(live.size()));
      int object = r.nextInt(objects);
      List<String> words = List.of(net.setup().catalog().keywords(object).get(0));
      net.node(from).submit(new Op(i, OpType.SEARCH, object, words, -1), res -> {
        if (res.ok()) {
          ok[0]++;
        }
      });
    }
    net.runUntil(net.now() + waitSec * SEC);
    return (double) ok[0] / askers;
  }
}
