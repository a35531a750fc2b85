package io.peerlab.core.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.Directory;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.StructuredRuns;
import io.peerlab.core.overlay.dht.DhtSettings;
import io.peerlab.core.overlay.dht.DhtStore;
import io.peerlab.core.overlay.dht.Keywords;
import io.peerlab.core.peer.PeerNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Routing-table invariants after the joins (property-style: several seeds, sizes and k): every
 * peer has joined; every contact sits in the bucket its XOR distance names, once, never the peer
 * itself; every peer knows its own k closest peers; every published value is on the {@code
 * dht.replicas} peers closest to its key (run here with replicas = k, the paper's replication, and
 * with replicas = 1: on the closest peer only).
 */
class KademliaTableTest {

  @ParameterizedTest(name = "seed {0}, {1} peers, k = {2}")
  @CsvSource({"1, 100, 20, 20", "2, 300, 8, 8", "3, 600, 20, 1", "4, 900, 4, 4", "5, 1500, 12, 3"})
  void joins_leaveConsistentBucketsThatKnowTheirNeighbourhood(long seed, int n, int k,
      int replicas) {
    KademliaSettings s = KademliaLookupTest.defaults().withK(k);
    ObjectsSpec objects = new ObjectsSpec(80, 8 * 1024, 8 * 1024, 0.0, 2, 30, 2);
    StructuredRuns.Run run =
        StructuredRuns.run(
            StructuredRuns.spec("kademlia", seed, n, objects, StructuredRuns.lookups(8, 16), s,
                new DhtSettings(replicas)),
            nodes -> {});
    assertThat(run.outcome().notes()).isEmpty();
    Directory dir = run.setup().directory();
    for (PeerNode p : run.peers()) {
      KademliaOverlay o = (KademliaOverlay) p.overlay();
      RoutingTable t = o.routingTable();
      assertThat(o.member()).isTrue();
      Set<Integer> seen = new HashSet<>();
      for (int b = 0; b < Key.BITS; b++) {
        KBucket bucket = t.bucket(b);
        if (bucket == null) {
          continue;
        }
        for (int c : bucket.contacts()) {
          assertThat(c).isNotEqualTo(p.address());
          assertThat(seen.add(c)).as("contact %d once", c).isTrue();
          assertThat(dir.get(p.address()).key().xor(dir.get(c).key()).highestBit()).isEqualTo(b);
        }
      }
      assertThat(seen).hasSize(t.size());
      for (int c : KademliaLookupTest.trueClosest(dir, dir.get(p.address()).key(), k, p.address())) {
        assertThat(t.contains(c)).as("peer %d knows its neighbour %d", p.address(), c).isTrue();
      }
    }
    Catalog catalog = run.setup().catalog();
    for (int obj = 0; obj < catalog.size(); obj++) {
      Key id = catalog.id(obj);
      for (int c : KademliaLookupTest.trueClosest(dir, id, replicas, -1)) {
        DhtStore store = ((KademliaOverlay) run.peers().get(c).overlay()).dhtStore();
        assertThat(store.object(id)).as("record of %d on %d", obj, c).isNotNull();
        assertThat(store.object(id).holders()).contains(run.setup().placement().holders(obj));
        for (String w : catalog.keywords(obj)) {
          Key kw = Keywords.key(w);
          for (int ck : KademliaLookupTest.trueClosest(dir, kw, replicas, -1)) {
            DhtStore ks = ((KademliaOverlay) run.peers().get(ck).overlay()).dhtStore();
            assertThat(ks.postings(kw)).as("posting list of %s on %d", w, ck).contains(id);
          }
        }
      }
    }
  }
}
