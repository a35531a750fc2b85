package io.peerlab.core.overlay.flooding;

import static io.peerlab.core.overlay.UnstructuredSpecs.MS;
import static io.peerlab.core.overlay.UnstructuredSpecs.SEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.api.Phase;
import io.peerlab.core.id.Key;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.overlay.Graphs;
import io.peerlab.core.overlay.Runs;
import io.peerlab.core.overlay.TestNet;
import io.peerlab.core.overlay.UnstructuredSpecs;
import io.peerlab.core.overlay.unstructured.FloodMessage.Query;
import io.peerlab.core.overlay.unstructured.FloodMessage.QueryHit;
import io.peerlab.core.workload.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Gnutella 0.4 flooding against its theory: who a query reaches, how many messages it costs
 * (Schollmeier's tree bound; the counts in REFERENCES.md), the reverse path of hits, and what
 * clients see in whole runs.
 */
class FloodingTest {

  static TestNet joined(int peers, long seed, NetworkSpec network, int ttl, int replicas) {
    FloodingSettings s = new FloodingSettings(4, ttl, 10, 30 * SEC, 500 * MS, 5 * SEC);
    TestNet net =
        new TestNet(
            UnstructuredSpecs.setup(
                UnstructuredSpecs.spec(
                    Flooding.NAME, peers, seed, network,
                    UnstructuredSpecs.objects(50, 0.8, replicas),
                    UnstructuredSpecs.workload(1, 1, 1, 0, 0), s)));
    net.phase(Phase.JOIN);
    net.phase(Phase.PUBLISH);
    return net;
  }

  static FloodingOverlay overlay(TestNet net, int a) {
    return net.overlay(a, FloodingOverlay.class);
  }

  /** Counts the copies of one query and who received them; one tap per net. */
  static final class Copies {
    long guid;
    long count;
    final Set<Integer> reached = new HashSet<>();

    Copies(TestNet net) {
      net.tap(
          (now, from, to, m) -> {
            if (m instanceof Query q && q.guid() == guid) {
              count++;
              reached.add(to);
            }
          });
    }

    /** Floods a query for an id nobody holds from {@code origin} with {@code ttl}. */
    Copies flood(TestNet net, int origin, int ttl) {
      guid++;
      count = 0;
      reached.clear();
      FloodingOverlay o = overlay(net, origin);
      long op = OpToken.of(OpType.LOOKUP, origin, (int) guid);
      Query q =
          new Query(op, guid, Key.sha1("held by nobody " + guid), List.of(), false, ttl - 1, 1);
      o.flood().originate(q, new ArrayList<>(o.graph().neighbours()));
      net.run();
      return this;
    }
  }

  static long treeBound(int d, int ttl) {
    return d * ((long) Math.pow(d - 1, ttl) - 1) / (d - 2);
  }

  @Test
  void query_reachesExactlyThePeersWithinTtlHops_andSendsNoMoreThanTheTreeBound() {
    TestNet net = joined(400, 21, UnstructuredSpecs.equalLatency(), 5, 1);
    List<Set<Integer>> adj = RandomGraphTest.adjacency(net);
    Copies c = new Copies(net);
    for (int origin : new int[] {7, 123, 250, 399}) {
      int[] dist = Graphs.distances(adj, origin);
      for (int ttl = 1; ttl <= 5; ttl++) {
        c.flood(net, origin, ttl);
        long copies = c.count;
        Set<Integer> reached = new HashSet<>(c.reached);
        reached.remove(origin);
        Set<Integer> within = new HashSet<>();
        int forwarders = 0;
        for (int a = 0; a < dist.length; a++) {
          if (a != origin && dist[a] <= ttl) {
            within.add(a);
          }
          if (dist[a] >= 1 && dist[a] <= ttl - 1) {
            forwarders++;
          }
        }
        assertThat(reached).as("reached from %d with TTL %d", origin, ttl).isEqualTo(within);
        // Copies arrive in hop order, so every peer first reached with TTL left forwards d - 1.
        assertThat(copies).isEqualTo(4 + 3L * forwarders).isLessThanOrEqualTo(treeBound(4, ttl));
      }
    }
  }

  /**
   * REFERENCES.md: on a random 4-regular graph of 10^4 nodes duplicates cut the tree bound (52 /
   * 484 / 4372) to about 52 / 481 / 4055 messages at TTL 3 / 5 / 7.
   */
  @Test
  void query_onA10kPeerRandom4RegularGraph_sendsThePublishedMessageCounts() {
    TestNet net = joined(10_000, 1, UnstructuredSpecs.equalLatency(), 7, 1);
    assertThat(RandomGraphTest.adjacency(net)).allSatisfy(s -> assertThat(s).hasSize(4));
    Map<Integer, Double> published = Map.of(3, 52.0, 5, 481.0, 7, 4055.0);
    Copies c = new Copies(net);
    for (int ttl : new int[] {3, 5, 7}) {
      long total = 0;
      int origins = 40;
      for (int i = 0; i < origins; i++) {
        total += c.flood(net, 100 + 241 * i, ttl).count;
      }
      double mean = (double) total / origins;
      System.out.printf(
          Locale.ROOT, "10^4 peers, random 4-regular graph, TTL %d: %.1f messages per query"
              + " (tree bound %d, published %.0f)%n",
          ttl, mean, treeBound(4, ttl), published.get(ttl));
      assertThat(mean).as("mean messages at TTL %d", ttl).isLessThanOrEqualTo(treeBound(4, ttl))
          .isCloseTo(published.get(ttl), within(published.get(ttl) * 0.03));
    }
  }

  /**
   * Gnutella 0.4 drops every copy of a query it has seen. With unequal link latencies a peer may
   * first hear a query over a longer, faster path, with less TTL left, and drop the shorter copy
   * that arrives later: the query then misses peers within TTL hops (and sends fewer messages).
   */
  @Test
  void query_withUnequalLatencies_canMissPeersWithinTtlHops() {
    NetworkSpec unequal = TestSpecs.network();
    TestNet net = joined(2000, 21, unequal, 6, 1);
    List<Set<Integer>> adj = RandomGraphTest.adjacency(net);
    Copies c = new Copies(net);
    long within = 0;
    long reached = 0;
    for (int origin = 0; origin < 2000; origin += 100) {
      int[] dist = Graphs.distances(adj, origin);
      c.flood(net, origin, 5);
      for (int a = 0; a < dist.length; a++) {
        if (a != origin && dist[a] <= 5) {
          within++;
          if (c.reached.contains(a)) {
            reached++;
          }
        }
      }
      c.reached.remove(origin);
      for (int a : c.reached) {
        assertThat(dist[a]).isBetween(1, 5);
      }
    }
    System.out.printf(
        Locale.ROOT, "2000 peers, latencies 5-25 ms, TTL 5: reached %d of the %d peers within 5"
            + " hops (%.1f%%)%n", reached, within, 100.0 * reached / within);
    assertThat(reached).isLessThan(within).isGreaterThan(within * 8 / 10);
  }

  @Test
  void hits_travelTheReversePath_andEveryReplicaAnswersWhenTtlCoversTheGraph() {
    TestNet net = joined(300, 8, UnstructuredSpecs.equalLatency(), 12, 5);
    List<Set<Integer>> adj = RandomGraphTest.adjacency(net);
    int origin = 17;
    assertThat(Graphs.eccentricity(adj, origin)).isLessThanOrEqualTo(12);
    int[] dist = Graphs.distances(adj, origin);
    Map<Integer, Integer> firstFrom = new HashMap<>();
    List<int[]> hitSends = new ArrayList<>();
    Map<Integer, Integer> heard = new HashMap<>();
    net.tapDeliveries(
        (now, from, to, m) -> {
          if (m instanceof Query) {
            firstFrom.putIfAbsent(to, from);
          } else if (m instanceof QueryHit h && to == origin) {
            heard.put(h.holders().get(0), h.hops());
          }
        });
    net.tap(
        (now, from, to, m) -> {
          if (m instanceof QueryHit) {
            hitSends.add(new int[] {from, to});
          }
        });
    for (int object = 0; object < 10; object++) {
      firstFrom.clear();
      hitSends.clear();
      heard.clear();
      long op = OpToken.of(OpType.LOOKUP, origin, object);
      overlay(net, origin).lookup(op, net.setup().catalog().id(object));
      net.run();

      Set<Integer> holders = new HashSet<>();
      for (int h : net.setup().placement().holders(object)) {
        holders.add(h);
      }
      holders.remove(origin);
      assertThat(heard.keySet()).as("holders heard for object %d", object).isEqualTo(holders);
      heard.forEach((h, hops) -> assertThat(hops).isEqualTo(dist[h]));
      assertThat(hitSends).isNotEmpty()
          .allSatisfy(s -> assertThat(s[1]).as("hit from %d", s[0]).isEqualTo(firstFrom.get(s[0])));
    }
  }

  @Test
  void search_withTtlCoveringTheGraph_findsEveryMatchingObject_aWindowAfterItsFirstHit() {
    FloodingSettings s = new FloodingSettings(4, 10, 10, 5 * SEC, 500 * MS, 5 * SEC);
    RunResult r =
        Runs.sim(
            UnstructuredSpecs.spec(
                Flooding.NAME, 200, 4, TestSpecs.network(),
                UnstructuredSpecs.objects(100, 0.8, 1),
                UnstructuredSpecs.workload(20, 100, 0, 1, 0), s));
    RunResult.OpSummary search = r.figures().ops().get("search");
    assertThat(search.ok()).isEqualTo(100);
    assertThat(search.recall()).isEqualTo(1.0);
    assertThat(search.latencyMs().p50()).isBetween(500.0, 800.0);
    assertThat(r.health().errors()).isZero();
  }

  @Test
  void successRate_risesWithTtl_andMissesFailAsNotFound() {
    double last = -1;
    double lastMessages = 0;
    for (int ttl = 1; ttl <= 5; ttl++) {
      FloodingSettings s = new FloodingSettings(4, ttl, 10, 5 * SEC, 500 * MS, 2 * SEC);
      RunResult r =
          Runs.sim(
              UnstructuredSpecs.spec(
                  Flooding.NAME, 500, 6, TestSpecs.network(),
                  UnstructuredSpecs.objects(100, 0.8, 1),
                  UnstructuredSpecs.workload(25, 200, 1, 0, 0), s));
      double success = Runs.success(r, "lookup");
      assertThat(success).as("success at TTL %d", ttl).isGreaterThan(last);
      assertThat(Runs.messagesPerOp(r, "lookup")).isGreaterThan(lastMessages);
      assertThat(r.figures().ops().get("lookup").failures().keySet()).isSubsetOf(Set.of("not-found"));
      last = success;
      lastMessages = Runs.messagesPerOp(r, "lookup");
    }
    assertThat(last).isGreaterThan(0.3);
  }
}
