package io.peerlab.scenario;

import io.peerlab.core.api.RunSpec;
import io.peerlab.core.overlay.kademlia.KademliaSettings;
import java.util.Locale;
import java.util.Map;

/**
 * What a scenario needs of the heap, estimated before anything is allocated, so that a scenario
 * too big for this JVM is one line and exit 2 (naming the key that costs most and the {@code
 * -Xmx} that would fit) instead of an OutOfMemoryError minutes later.
 *
 * <p>How the per-item costs were measured (2026-12-04, Java 17, 2 cores): {@code MemoryCostProbe}
 * (scenario test sources) runs a scenario and, when its measured phase starts (every peer built,
 * joined and holding its objects, every op script made), collects garbage and prints the heap in
 * use. Each figure is the heap difference between two runs of a small scenario (memprobe.conf in
 * the scenario test resources: one topology, 100 objects, 10 clients, 1,000 lookups) that differ
 * in one count, divided by the count difference:
 * peers 2,000 vs 20,000 on sim (1,000 vs 5,000 or 2,000 vs 12,000 on local); objects 10,000 vs
 * 100,000 (lookups) and 1,000 vs 10,000 (4 MiB objects of 16 KiB chunks, fetched); ops 100,000 vs
 * 1,000,000. A client's histograms: 3,000 OpStats each fed 20 latencies spread log-uniformly over
 * 1 ns .. 30 s, 140 KB each. Since OpStats keeps a client's first 256 values of an op type
 * and makes its histograms only past that (measured with 300,000 OpStats fed 1 or 3 values, 145
 * bytes each; 30,000 fed 20, 213 bytes; 30,000 fed 256, 2,901 bytes; 3,000 fed 257, 146,988 bytes),
 * a client that records at most 256 ops of a type costs a few hundred bytes for it, not 140 KB.
 * The constants below are those figures with a quarter more, rounded
 * up. They are generous on purpose: the check is there to stop a typo or a scenario an order of
 * magnitude too big, not to pack the heap.
 */
public final class MemoryEstimate {
  private MemoryEstimate() {}

  /** Bytes per peer on sim, by topology (measured: 955, 940, 2,420, 4,150, 4,140, 2,000, 6,360). */
  static final Map<String, Long> PEER_SIM = Map.of(
      "client-server", 1_200L, "central-index", 1_200L, "super-peer", 3_000L, "flooding", 5_200L,
      "random-walk", 5_200L, "chord", 2_500L, "kademlia", 8_000L);

  /**
   * Bytes per peer on local, by topology:
   * measured client-server 2,140, chord 4,750, kademlia 77,000 (its lookups' timers and queued
   * messages at 12,000 peers); the others, not measured, at 2.5 times their sim cost (chord's
   * ratio).
   */
  static final Map<String, Long> PEER_ACTOR = Map.of(
      "client-server", 2_700L, "central-index", 3_000L, "super-peer", 7_500L, "flooding", 13_000L,
      "random-walk", 13_000L, "chord", 6_000L, "kademlia", 96_000L);

  /**
   * Bytes per Kademlia peer on sim with {@code kademlia.warm-start}: tables packed as one array per
   * peer until a bucket changes (measured 2,883: 20,000 vs 200,000 peers; the heap after a
   * collection peaked at 3,570 bytes a peer through a 10^6-peer run of chord-scale.conf). The join
   * protocol's tables are the 8,000 above.
   */
  static final long KADEMLIA_WARM_SIM = 3_600L;

  /** A topology from a plugin: the dearest built-in's cost. */
  static final long PEER_SIM_UNKNOWN = 8_000;
  static final long PEER_ACTOR_UNKNOWN = 96_000;

  /** Bytes per object (measured 368 looked up, 1,025 fetched with 256 chunks), and per chunk. */
  static final long OBJECT = 500;
  static final long CHUNK = 8;
  /** Bytes per op in the op scripts, measured and warm-up ops alike (measured 44). */
  static final long OP = 56;
  /**
   * Bytes per client and op type in the mix once its op stats hold histograms (measured 146,988
   * past 256 values).
   */
  static final long CLIENT_OP_TYPE = 175_000;
  /** Bytes per client and op type while its values are kept (measured 145 with up to 4 values). */
  static final long CLIENT_OP_TYPE_KEPT = 200;
  /** Bytes per value kept (measured (2,901 - 145) / 252 = 10.9 at a full array; arrays double). */
  static final long CLIENT_OP_VALUE = 24;
  /** Values of one op type a client keeps before making histograms (OpStats.EXACT_VALUES). */
  static final long CLIENT_EXACT_VALUES = 256;
  /** The JVM, Pekko, peerlab's classes and a working margin. */
  static final long BASE = 64L * 1024 * 1024;

  /** The estimate, by part, for one topology of {@code spec} (topologies run one at a time). */
  public record Need(long peers, long objects, long ops, long clients) {
    public long total() {
      return BASE + peers + objects + ops + clients;
    }

    /** The key behind the largest part. */
    public String key() {
      long max = Math.max(Math.max(peers, objects), Math.max(ops, clients));
      if (max == peers) {
        return "peerlab.peers";
      }
      if (max == objects) {
        return "peerlab.objects.count";
      }
      return max == ops ? "peerlab.workload.ops" : "peerlab.workload.clients";
    }
  }

  public static Need of(ScenarioSpec spec) {
    RunSpec s = spec.base();
    boolean sim = spec.runtime().equals("sim");
    long perPeer = 0;
    for (String t : spec.topologies()) {
      long cost = sim
          ? PEER_SIM.getOrDefault(t, PEER_SIM_UNKNOWN)
          : PEER_ACTOR.getOrDefault(t, PEER_ACTOR_UNKNOWN);
      if (sim && t.equals("kademlia")
          && s.settings().find(KademliaSettings.class).map(KademliaSettings::warmStart).orElse(false)) {
        cost = KADEMLIA_WARM_SIM;
      }
      perPeer = Math.max(perPeer, cost);
    }
    long chunks = (s.objects().size() + s.objects().chunkSize() - 1) / s.objects().chunkSize();
    long ops = (long) s.workload().ops() + s.workload().warmupOps();
    long clients = Math.max(1, s.workload().clients());
    long perClient = 0;
    for (double share : new double[] {
        s.workload().lookupShare(), s.workload().searchShare(), s.workload().fetchShare()}) {
      if (share > 0) {
        perClient += clientOpType((long) Math.ceil(s.workload().ops() * share / clients));
      }
    }
    // On cluster the peers live in the node JVMs, each checked by its own heap; this process keeps
    // the catalog, the op scripts and the merged histograms.
    if (spec.runtime().equals("cluster")) {
      perPeer = 0;
    }
    return new Need(
        s.peers() * perPeer,
        s.objects().count() * (OBJECT + chunks * CHUNK),
        ops * OP,
        (long) s.workload().clients() * Math.max(CLIENT_OP_TYPE_KEPT, perClient));
  }

  /**
   * One client's stats of one op type when it runs about {@code values} of them in the measured
   * phase; twice that, for clients that draw more than their share.
   */
  static long clientOpType(long values) {
    long margin = 2 * values;
    return margin > CLIENT_EXACT_VALUES ? CLIENT_OP_TYPE : CLIENT_OP_TYPE_KEPT + margin * CLIENT_OP_VALUE;
  }

  /** Throws a one-line ScenarioException if {@code spec} needs more than {@code maxHeap} bytes. */
  public static void check(ScenarioSpec spec, long maxHeap) {
    Need need = of(spec);
    if (need.total() > maxHeap) {
      String key = need.key();
      throw ScenarioException.key(key, String.format(Locale.ROOT,
          "this scenario needs about %s of heap on %s, more than the %s this JVM may use;"
              + " run with PEERLAB_JAVA_OPTS=-Xmx%s, or lower %s",
          size(need.total()), spec.runtime(), size(maxHeap), xmx(need.total()), key));
    }
  }

  /** Every point of a plan, against this JVM's maximum heap. */
  public static void check(SweepPlan plan) {
    long max = Runtime.getRuntime().maxMemory();
    for (SweepPlan.Step step : plan.steps()) {
      try {
        check(step.spec(), max);
      } catch (ScenarioException e) {
        throw step.point() == null || plan.sweep().isEmpty()
            ? e : new ScenarioException("sweep " + step.point().label() + ": " + e.getMessage());
      }
    }
  }

  /** An -Xmx value with a quarter more than {@code bytes}: whole GiB from 1 GiB, else 256 MiB steps. */
  static String xmx(long bytes) {
    long mib = (bytes + bytes / 4) / (1024 * 1024) + 1;
    return mib > 1024 ? ((mib + 1023) / 1024) + "g" : ((mib + 255) / 256 * 256) + "m";
  }

  static String size(long bytes) {
    double mib = bytes / (1024.0 * 1024);
    return mib >= 1024 ? String.format(Locale.ROOT, "%.1f GiB", mib / 1024) : String.format(Locale.ROOT, "%.0f MiB", mib);
  }

  public static long mib(long bytes) {
    return bytes / (1024 * 1024);
  }
}
