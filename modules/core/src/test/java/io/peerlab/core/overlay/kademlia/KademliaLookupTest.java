package io.peerlab.core.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.ReferenceSettings;
import io.peerlab.core.api.Directory;
import io.peerlab.core.id.Key;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.StructuredRuns;
import io.peerlab.core.peer.PeerNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kademlia against the paper (Maymounkov and Mazières 2002): after every peer has joined through
 * peer 0 (own-id lookup plus the paper's bucket refresh), every lookup of a uniformly random key
 * returns exactly the k peers closest to it by XOR among all peers, the origin included, and
 * needs few rounds. Hops here are rounds: the longest chain of RPCs behind the answer (see {@link
 * Lookup}); RPCs per lookup are at least k, since a lookup ends only when the k closest have
 * answered. The figures are printed for docs/overlays/kademlia.md.
 */
class KademliaLookupTest {
  static final int LOOKUPS = 2_000;

  /** reference.conf's kademlia defaults. */
  static KademliaSettings defaults() {
    return ReferenceSettings.kademlia();
  }

  record Done(int origin, Key target, int[] closest, int hops, int rpcs) {}

  static StructuredRuns.Run lookups(long seed, int peers, KademliaSettings s, List<Done> done) {
    return StructuredRuns.run(
        StructuredRuns.spec("kademlia", seed, peers, StructuredRuns.uniformObjects(200),
            StructuredRuns.lookups(Math.min(64, peers / 2), LOOKUPS), s),
        nodes -> {
          for (PeerNode p : nodes) {
            ((KademliaOverlay) p.overlay())
                .listen((origin, op, target, closest, hops, rpcs) ->
                    done.add(new Done(origin, target, closest, hops, rpcs)));
          }
        });
  }

  /** The k peers closest to {@code target} by XOR, nearest first, without {@code excluded}. */
  static int[] trueClosest(Directory d, Key target, int k, int excluded) {
    PriorityQueue<Integer> farthestFirst =
        new PriorityQueue<>((x, y) -> RoutingTable.compareXor(d.get(y).key(), d.get(x).key(), target));
    for (int a = 0; a < d.size(); a++) {
      if (a == excluded) {
        continue;
      }
      if (farthestFirst.size() < k) {
        farthestFirst.add(a);
      } else if (RoutingTable.compareXor(d.get(a).key(), d.get(farthestFirst.peek()).key(), target)
          < 0) {
        farthestFirst.poll();
        farthestFirst.add(a);
      }
    }
    return farthestFirst.stream()
        .sorted((x, y) -> RoutingTable.compareXor(d.get(x).key(), d.get(y).key(), target))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  @ParameterizedTest(name = "N = {0}")
  @ValueSource(ints = {256, 2_048, 10_000})
  void lookup_findsTheTrueKClosestPeers(int n) {
    List<Done> done = new ArrayList<>();
    StructuredRuns.Run run = lookups(77 + n, n, defaults(), done);

    RunResult.OpSummary lookup = run.result().figures().ops().get("lookup");
    assertThat(lookup.ok()).isEqualTo(LOOKUPS);
    assertThat(done).hasSize(LOOKUPS);
    Directory d = run.setup().directory();
    int k = defaults().k();
    for (Done x : done) {
      assertThat(x.closest())
          .as("lookup of %s from %d", x.target(), x.origin())
          .containsExactly(trueClosest(d, x.target(), k, -1));
    }
    double hops = done.stream().mapToInt(Done::hops).average().orElseThrow();
    double rpcs = done.stream().mapToInt(Done::rpcs).average().orElseThrow();
    double log2n = Math.log(n) / Math.log(2);
    System.out.printf(
        "kademlia N=%d: mean rounds %.2f (max %.0f), RPCs per lookup %.1f, messages per lookup "
            + "%.1f, log2 N = %.1f%n",
        n, hops, lookup.hops().max(), rpcs, lookup.messages().mean(), log2n);
    assertThat(rpcs).isBetween((double) k, 2.0 * k);
    assertThat(hops).isBetween(1.0, log2n);
  }
}
