package io.peerlab.core.overlay.chord;

import static io.peerlab.core.TestSpecs.SEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.peerlab.core.api.Failures;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.churn.ChurnSettings;
import io.peerlab.core.churn.FailureSettings;
import io.peerlab.core.metrics.Completions;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.overlay.StructuredRuns;
import io.peerlab.core.overlay.dht.DhtSettings;
import io.peerlab.core.peer.PeerNode;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.OpType;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Chord under failures, against Stoica et al. (SIGCOMM 2001, §6.3 and §6.4), on the sim host with
 * reference.conf's Chord periods (stabilise and fix_fingers 1 s, failure and request timeouts 5 s).
 *
 * <p>A lookup op is ok only when the peer that answers holds the key's entry (the object record),
 * so a lookup fails ({@code not-found}) when every copy of the entry is gone: with one copy, when
 * the object's responsible peer failed; with three, when it and its next two successors failed.
 */
class ChordChurnTest {

  /** Lookups started this long after the mass failure count: the ring has stabilised by then. */
  static final long STABLE_AFTER = 30 * SEC;

  static final long FAILURE_AT = SEC;

  /** Lookups started in [from, until) after the measure start: how many ended ok, how many not. */
  record Rate(long ok, long failed) {
    double failure() {
      return failed / (double) (ok + failed);
    }
  }

  static Rate lookupsFrom(StructuredRuns.Run run, long fromNanos, long untilNanos) {
    long base = run.outcome().measureStartNanos();
    long ok = 0;
    long failed = 0;
    for (PeerStats p : run.outcome().peers()) {
      long[] c = p.completions();
      for (int i = 0; i + 1 < c.length; i += 2) {
        long packed = c[i + 1];
        long start = c[i] - Completions.latencyNanos(packed);
        if (Completions.type(packed) != OpType.LOOKUP || !Completions.issued(packed)
            || start - base < fromNanos || start - base >= untilNanos) {
          continue;
        }
        if (Completions.ok(packed)) {
          ok++;
        } else {
          failed++;
        }
      }
    }
    return new Rate(ok, failed);
  }

  /** Per object of the catalog: how many live peers hold its record at the end. */
  static int[] liveCopies(StructuredRuns.Run run) {
    int[] copies = new int[run.setup().catalog().size()];
    for (PeerNode p : run.peers()) {
      if (p.down()) {
        continue;
      }
      ChordOverlay c = (ChordOverlay) p.overlay();
      for (int o = 0; o < copies.length; o++) {
        if (c.dhtStore().object(run.setup().catalog().id(o)) != null) {
          copies[o]++;
        }
      }
    }
    return copies;
  }

  /** Closed-loop lookups, {@code clients} clients each thinking {@code think} between ops. */
  static WorkloadSpec lookups(int clients, int opsPerClient, long think) {
    return new WorkloadSpec(LoadMode.CLOSED, clients, clients * opsPerClient, 0, 0, think, 1.0, 0,
        0, 30 * SEC, 1);
  }

  static RunSpec spec(long seed, int peers, int objects, WorkloadSpec w, Object... extra) {
    Object[] settings = new Object[extra.length + 1];
    settings[0] = ChordLookupTest.defaults().withWarmStart(true);
    System.arraycopy(extra, 0, settings, 1, extra.length);
    return StructuredRuns.spec(
        "chord", seed, peers, StructuredRuns.uniformObjects(objects), w, settings);
  }

  /**
   * §6.3, simultaneous failures: N = 2,000, a fraction p of the peers crash at once 1 s into the
   * measured phase; lookups started 30 s later (the successor lists, predecessors and fingers have
   * been repaired by then) fail at rate p with one copy of each entry (tolerance ±0.03, as the
   * issue asks), and at about p^3 with three copies (tolerance ±0.03 absolute: p^3 = 0.125 at p =
   * 0.5; the case p = 0.3, replicas = 3, p^3 = 0.027, passes too and is left out to keep the
   * build short: add {@code "0.3, 3"} to run it). Each case is one N = 2,000 run of about 75 s
   * virtual time (10–40 s wall on a busy 2-core machine).
   */
  @ParameterizedTest(name = "p = {0}, dht.replicas = {1}")
  @CsvSource({"0.1, 1", "0.3, 1", "0.5, 1", "0.5, 3"})
  void massFailure_lookupsFailAtPToTheReplicas(double p, int replicas) {
    StructuredRuns.Run run =
        StructuredRuns.run(
            spec(63, 2_000, 4_000, lookups(400, 45, SEC),
                new FailureSettings(FAILURE_AT, p, List.of(), List.of()),
                new DhtSettings(replicas)),
            nodes -> {});
    Rate early = lookupsFrom(run, FAILURE_AT, FAILURE_AT + STABLE_AFTER);
    Rate r = lookupsFrom(run, FAILURE_AT + STABLE_AFTER, Long.MAX_VALUE);
    double expected = Math.pow(p, replicas);
    System.out.printf("chord mass failure p=%.1f replicas=%d: %d lookups after stabilisation,"
        + " failure rate %.4f (expected %.4f); while repairing %.4f%n", p, replicas,
        r.ok() + r.failed(), r.failure(), expected, early.failure());
    assertThat(r.ok() + r.failed()).isGreaterThan(5_000);
    assertThat(r.failure()).isCloseTo(expected, offset(0.03));
    // The failures are honest answers: the responsible peer holds no entry (not-found), not lost
    // requests; over the whole measured phase at least 90 % of the failed lookups say so.
    Map<String, Long> why = run.result().figures().ops().get("lookup").failures();
    long notFound = why.getOrDefault(Failures.NOT_FOUND, 0L);
    long failedIssued = why.entrySet().stream()
        .filter(e -> !e.getKey().equals(Failures.CLIENT_DOWN))
        .mapToLong(Map.Entry::getValue).sum();
    System.out.printf("  failures by reason: %s%n", why);
    assertThat(notFound).isGreaterThanOrEqualTo((long) (0.9 * failedIssued));
    if (replicas > 1) {
      // Re-replication: every entry that survived is on at least `replicas` live peers again.
      int[] copies = liveCopies(run);
      long survived = Arrays.stream(copies).filter(c -> c > 0).count();
      long full = Arrays.stream(copies).filter(c -> c >= replicas).count();
      System.out.printf("  %d of %d records survived, %d of them on >= %d live peers%n", survived,
          copies.length, full, replicas);
      assertThat(full).isEqualTo(survived);
    }
  }

  /**
   * §6.4, lookups during stabilisation: exponential sessions and dead times of 300 s on 600 peers
   * (about 300 up, so about one crash and one rejoin per second: one failure per mean stabilisation
   * period; all 600 are up when churn starts, so crashes come faster at first), every departure a
   * crash, {@code dht.replicas = 3}. A lookup fails when routing cannot
   * reach the key's current successor in time, or that successor does not hold the entry yet (a
   * rejoined peer before the hand-over, a successor before re-replication). Tolerance: the failure
   * rate of the lookups started after the first 20 s is at most 0.05 ("a few percent").
   */
  @Test
  void continuousChurn_aFewPercentOfLookupsFail() {
    ChurnSettings churn =
        new ChurnSettings(ChurnSettings.Model.EXPONENTIAL, 300 * SEC, 0.5, 300 * SEC, 0.0,
            List.of(), 0);
    StructuredRuns.Run run =
        StructuredRuns.run(
            spec(64, 600, 2_000, lookups(150, 70, SEC), churn, new DhtSettings(3)), nodes -> {});
    Rate r = lookupsFrom(run, 20 * SEC, Long.MAX_VALUE);
    long down = run.peers().stream().filter(PeerNode::down).count();
    System.out.printf("chord continuous churn: %d lookups, failure rate %.4f, %d of 600 down at"
        + " the end, maintenance %s%n", r.ok() + r.failed(), r.failure(), down,
        run.result().figures().maintenance());
    assertThat(r.ok() + r.failed()).isGreaterThan(3_000);
    // Steady state: half of the 600 down (equal session and dead-time means), binomial sd about 12.
    assertThat(down).as("peers down at the end (all up at the start)").isBetween(200L, 400L);
    assertThat(r.failure()).isBetween(0.0, 0.05);
  }

  /**
   * Partition and heal: 300 peers split in two halves from 10 s to 40 s. While split, a lookup
   * whose key's responsible peer is across the partition fails (its entry is on the other side:
   * about half of them; tolerance: failure rate of lookups started in [20 s, 40 s) between 0.3 and
   * 0.7). After the heal the rings merge (ring-merge probes, then stabilisation): lookups started
   * from 80 s on fail at most at 0.01, and at the end the ring is one ring, checked thus: from any
   * peer, following successor pointers visits every peer exactly once and in key order (each
   * peer's successor is its true successor), and the successor's predecessor is the peer itself.
   */
  @Test
  void partitionAndHeal_lookupsAcrossFailThenOneRingAgain() {
    FailureSettings split =
        new FailureSettings(-1, 0.5, List.of(),
            List.of(new FailureSettings.Partition(10 * SEC, 40 * SEC, 0.5)));
    StructuredRuns.Run run =
        StructuredRuns.run(spec(65, 300, 2_000, lookups(100, 110, SEC), split), nodes -> {});
    Rate during = lookupsFrom(run, 20 * SEC, 40 * SEC);
    Rate after = lookupsFrom(run, 80 * SEC, Long.MAX_VALUE);
    System.out.printf("chord partition: failure rate %.4f while split (%d lookups), %.4f after"
        + " the heal (%d lookups)%n", during.failure(), during.ok() + during.failed(),
        after.failure(), after.ok() + after.failed());
    assertThat(during.failure()).isBetween(0.3, 0.7);
    assertThat(after.ok() + after.failed()).isGreaterThan(1_000);
    assertThat(after.failure()).isLessThanOrEqualTo(0.01);
    assertOneRing(run);
  }

  /** Every peer is up: one ring through all of them, in key order, predecessors agreeing. */
  static void assertOneRing(StructuredRuns.Run run) {
    ChordRing ring = ChordRing.of(run.setup().directory());
    List<PeerNode> peers = run.peers();
    Set<Integer> seen = new HashSet<>();
    int at = 0;
    for (int i = 0; i < peers.size(); i++) {
      assertThat(seen.add(at)).as("peer %d visited once", at).isTrue();
      ChordOverlay c = (ChordOverlay) peers.get(at).overlay();
      int next = c.successor();
      assertThat(next).as("successor of %d", at).isEqualTo(ring.step(at, 1));
      assertThat(((ChordOverlay) peers.get(next).overlay()).predecessor())
          .as("predecessor of %d", next).isEqualTo(at);
      at = next;
    }
    assertThat(at).isZero();
    assertThat(seen).hasSize(peers.size());
  }

  /**
   * Hand-over on leave and on join, one copy per entry: 300 peers with exponential sessions and
   * dead times of 100 s. When every departure is a graceful leave, a leaver's entries go to its
   * successor and a rejoining peer gets back from its successor what it is responsible for, so
   * lookups keep finding their entries (tolerance: failure rate at most 0.02 after the first 10 s).
   * When every departure is a crash, each crash loses its entries for good and lookups fail more
   * and more (at least 0.05 over the same window; about 1 - e^(-t/L) of the entries are gone by t).
   */
  @ParameterizedTest(name = "graceful-leave = {0}")
  @CsvSource({"1.0", "0.0"})
  void leaveAndRejoin_handOverKeepsEntries(double graceful) {
    ChurnSettings churn =
        new ChurnSettings(ChurnSettings.Model.EXPONENTIAL, 100 * SEC, 0.5, 100 * SEC, graceful,
            List.of(), 0);
    StructuredRuns.Run run =
        StructuredRuns.run(spec(66, 300, 2_000, lookups(100, 60, SEC), churn), nodes -> {});
    Rate r = lookupsFrom(run, 10 * SEC, Long.MAX_VALUE);
    System.out.printf("chord churn, graceful-leave %.1f, one copy: %d lookups, failure rate %.4f%n",
        graceful, r.ok() + r.failed(), r.failure());
    assertThat(r.ok() + r.failed()).isGreaterThan(2_000);
    if (graceful == 1.0) {
      assertThat(r.failure()).isLessThanOrEqualTo(0.02);
    } else {
      assertThat(r.failure()).isGreaterThanOrEqualTo(0.05);
    }
  }
}
