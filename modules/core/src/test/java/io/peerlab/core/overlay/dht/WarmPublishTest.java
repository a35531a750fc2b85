package io.peerlab.core.overlay.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.ReferenceSettings;
import io.peerlab.core.api.Directory;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.churn.ChurnSettings;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.id.Key;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.StructuredRuns;
import io.peerlab.core.overlay.chord.ChordMessage;
import io.peerlab.core.overlay.chord.ChordSettings;
import io.peerlab.core.overlay.kademlia.KademliaMessage;
import io.peerlab.core.peer.PeerNode;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.sim.SimHost;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The warm publish ({@code dht.warm-publish}) against the protocol's publish, on the same peers and
 * objects: the same seed and N run once with each, and every peer's DHT store must end the same —
 * the same object records (manifest and set of holders) and the same posting lists (object ids
 * and, per id, the set of holders). Objects have two holders and three keywords each, so records
 * merge holders and posting lists merge objects; replicas 1 and 3 cover the responsible peer alone
 * and its copies (Chord: the next successors; Kademlia: the next closest).
 */
class WarmPublishTest {

  /** 120 objects, two holders each, three keywords from a vocabulary of 40. */
  static final ObjectsSpec OBJECTS = new ObjectsSpec(120, 16 * 1024, 16 * 1024, 0.0, 3, 40, 2);

  @ParameterizedTest(name = "{0}, seed {1}, {2} peers, replicas {3}")
  @CsvSource({
    "chord, 31, 80, 1", "chord, 32, 150, 3",
    "kademlia, 33, 80, 1", "kademlia, 34, 150, 3"
  })
  void warmPublish_storesWhatTheProtocolsPublishStores(String topology, long seed, int peers, int replicas) {
    StructuredRuns.Run protocol = run(topology, seed, peers, new DhtSettings(replicas, false));
    StructuredRuns.Run warm = run(topology, seed, peers, new DhtSettings(replicas, true));
    assertThat(protocol.outcome().notes()).isEmpty();
    assertThat(warm.outcome().notes()).isEmpty();

    int records = 0;
    int postings = 0;
    for (int a = 0; a < peers; a++) {
      DhtStore p = store(protocol.peers().get(a));
      DhtStore w = store(warm.peers().get(a));
      assertThat(sorted(w.objectIds())).as("records at peer %d", a).isEqualTo(sorted(p.objectIds()));
      for (Key id : p.objectIds()) {
        assertThat(w.object(id).manifest()).isEqualTo(p.object(id).manifest());
        assertThat(set(w.object(id).holders())).as("holders of %s at peer %d", id, a)
            .isEqualTo(set(p.object(id).holders()));
        records++;
      }
      assertThat(sorted(w.postingKeys())).as("posting lists at peer %d", a)
          .isEqualTo(sorted(p.postingKeys()));
      for (Key k : p.postingKeys()) {
        assertThat(w.postings(k)).isEqualTo(p.postings(k));
        for (Key o : p.postings(k)) {
          assertThat(set(w.postingHolders(k, o))).isEqualTo(set(p.postingHolders(k, o)));
        }
        postings++;
      }
    }
    // Every object's record is kept `replicas` times (fewer only if k < replicas), and so is
    // every keyword's list: the comparison above covered them all.
    assertThat(records).isEqualTo(OBJECTS.count() * replicas);
    assertThat(postings).isGreaterThanOrEqualTo(30 * replicas);

    // Lookups find the records either way; the warm run sent no publishing traffic
    RunResult.OpSummary pl = protocol.result().figures().ops().get("lookup");
    RunResult.OpSummary wl = warm.result().figures().ops().get("lookup");
    assertThat(wl.ok()).isEqualTo(pl.ok()).isEqualTo(200);
    // (every put routed and acknowledged: at least two events each).
    assertThat(warm.outcome().events())
        .isLessThan(protocol.outcome().events() - 2L * OBJECTS.count() * OBJECTS.replicas());
  }

  /**
   * Only the run's first publish is warm: a peer back after churn joins a ring that has changed and
   * publishes by the protocol (its puts are messages), Chord and Kademlia alike. 200 peers, crashes
   * only, sessions and dead times of 60 s on average, 40 s of lookups: dozens come back and put
   * their objects again; with a lookup-only mix nothing else puts an object record.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"chord", "kademlia"})
  void aPeerBackAfterChurn_publishesByTheProtocol(String topology) {
    long sec = 1_000_000_000L;
    ChurnSettings churn = new ChurnSettings(ChurnSettings.Model.EXPONENTIAL, 60 * sec, 0.5, 60 * sec,
        0.0, List.of(), 0);
    RunSpec spec = StructuredRuns.spec(topology, 35, 200, StructuredRuns.uniformObjects(600),
        new WorkloadSpec(LoadMode.CLOSED, 50, 50 * 40, 0, 0, sec, 1.0, 0, 0, 30 * sec, 1),
        ReferenceSettings.chord().withWarmStart(true),
        ReferenceSettings.kademlia().withWarmStart(true).withK(8), churn, new DhtSettings(1, true));
    long[] puts = new long[1];
    RunOutcome out = new SimHost().run(RunSetup.of(spec), RunControl.quiet().withObserver(
        (time, from, to, m) -> {
          if (m instanceof ChordMessage.PutObject || m instanceof KademliaMessage.StoreObject) {
            puts[0]++;
          }
        }));
    assertThat(out.deadlineHit()).isFalse();
    assertThat(puts[0]).as("object records put by messages").isGreaterThan(10);
  }

  @Test
  void closestByXor_isTheBruteForceOrder() {
    SplittableRandom r = new SplittableRandom(7);
    for (int n : new int[] {1, 2, 17, 500}) {
      Directory dir = RunSetup.of(StructuredRuns.spec("kademlia", 40 + n, n, OBJECTS,
          StructuredRuns.lookups(1, 1), ReferenceSettings.kademlia())).directory();
      SortedKeys keys = SortedKeys.of(dir);
      for (int t = 0; t < 50; t++) {
        // Random targets, and targets equal to or next to a peer's key.
        Key target = t % 3 == 0 ? dir.key(r.nextInt(n))
            : new Key(r.nextLong() & Key.MAX.hi(), r.nextLong(), r.nextLong());
        Integer[] all = new Integer[n];
        for (int a = 0; a < n; a++) {
          all[a] = a;
        }
        Arrays.sort(all, Comparator.comparing((Integer a) -> dir.key(a).xor(target)));
        for (int count : new int[] {1, 3, 20, n + 5}) {
          int[] expected = Arrays.stream(all).limit(count).mapToInt(Integer::intValue).toArray();
          assertThat(keys.closestByXor(target, count)).as("n %d, count %d", n, count)
              .containsExactly(expected);
        }
      }
    }
  }

  private static StructuredRuns.Run run(String topology, long seed, int peers, DhtSettings dht) {
    return StructuredRuns.run(spec(topology, seed, peers, dht), ps -> {});
  }

  /**
   * Warm-started tables, and upkeep too rare to run before the end: Chord's stabilisation would
   * copy entries to replicas the publish missed, and a missing copy must show here.
   */
  private static RunSpec spec(String topology, long seed, int peers, DhtSettings dht) {
    ChordSettings c = ReferenceSettings.chord();
    long hour = 3_600_000_000_000L;
    ChordSettings chord = new ChordSettings(c.successors(), hour, hour, hour, c.failureTimeoutNanos(),
        c.requestTimeoutNanos(), c.requestAttempts(), c.joinWaveNanos(), c.settleNanos(), true, false);
    return StructuredRuns.spec(topology, seed, peers, OBJECTS, StructuredRuns.lookups(10, 200),
        chord, ReferenceSettings.kademlia().withWarmStart(true).withK(8), dht);
  }

  private static DhtStore store(PeerNode p) {
    return ((DhtOverlay<?>) p.overlay()).dhtStore();
  }

  private static List<Key> sorted(List<Key> keys) {
    List<Key> out = new ArrayList<>(keys);
    out.sort(null);
    return out;
  }

  private static TreeSet<Integer> set(int[] a) {
    TreeSet<Integer> s = new TreeSet<>();
    for (int x : a) {
      s.add(x);
    }
    return s;
  }

}
