package io.peerlab.core.overlay.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.ReferenceSettings;
import io.peerlab.core.api.AdversarySettings;
import io.peerlab.core.api.AdversarySettings.Behaviour;
import io.peerlab.core.api.AdversarySettings.Placement;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.StructuredRuns;
import org.junit.jupiter.api.Test;

/**
 * Chord under attack (issue 16; docs/overlays/chord.md, "Under attack"), on the sim host, seeded:
 * 1,000 peers on a warm-started ring (the ring stabilisation would build), 400 lookups of
 * uniformly popular objects from 50 clients. Success of a lookup: ok and answered by an honest
 * peer (not {@code attacked}).
 */
class ChordAdversaryTest {
  static final int PEERS = 1_000;
  static final int LOOKUPS = 400;

  static RunResult.OpSummary run(long seed, ChordSettings s, AdversarySettings a) {
    StructuredRuns.Run r = StructuredRuns.run(
        StructuredRuns.spec("chord", seed, PEERS, StructuredRuns.uniformObjects(200),
            StructuredRuns.lookups(50, LOOKUPS), s, a),
        nodes -> {});
    return r.result().figures().ops().get("lookup");
  }

  static double success(RunResult.OpSummary o) {
    long attacked = o.attacked() == null ? 0 : o.attacked();
    return (double) (o.ok() - attacked) / o.count();
  }

  static void print(String what, RunResult.OpSummary o) {
    System.out.printf("chord %s: success %.3f (ok %d, attacked %s of %d), hops %.2f, messages per "
        + "lookup %.1f, latency mean %.0f ms %s%n", what, success(o), o.ok(), o.attacked(),
        o.count(), o.hops().mean(), o.messages().mean(), o.latencyMs().mean(), o.failures());
  }

  static AdversarySettings misroute(double m) {
    return new AdversarySettings(m, Placement.RANDOM, 1, Behaviour.MISROUTE, false);
  }

  /**
   * Misrouting peers at random (m = 0.1, 0.2, 0.3): a recursive lookup that meets one anywhere on
   * its path gets the colluders as the key's successors, so success falls fast (0.59, 0.39, 0.20 in
   * this seed). With check-progress the origin rejects a mid-path liar (its claimed successor is
   * many peer gaps away) and routes around it; a liar within a few gaps of the key still passes, so
   * success rises by about 0.2 (0.78, 0.62, 0.41) and stays below the ceiling 1 - m (the key's own
   * successor is malicious). Asserted: a rise of at least 0.12 (about 5 binomial standard
   * deviations of the difference of two shares of 400 lookups) and at most 1 - m + 0.05. Without
   * an adversary check-progress loses no lookup to a false alarm (asserted: all 400 ok). The cost:
   * about 4 times the messages per lookup (iterative: a request and an answer per hop, and the
   * hops routed around), printed.
   */
  @Test
  void checkProgress_raisesLookupSuccess_underMisrouting() {
    ChordSettings off = ReferenceSettings.chord().withWarmStart(true);
    ChordSettings on = off.withCheckProgress(true);
    print("no adversary, check-progress off", run(21, off, AdversarySettings.none()));
    RunResult.OpSummary honest = run(21, on, AdversarySettings.none());
    print("no adversary, check-progress on", honest);
    assertThat(honest.ok()).as("no false alarm loses a lookup").isEqualTo(LOOKUPS);
    for (double m : new double[] {0.1, 0.2, 0.3}) {
      RunResult.OpSummary recursive = run(21, off, misroute(m));
      RunResult.OpSummary checked = run(21, on, misroute(m));
      print("misroute m=" + m + " check-progress off", recursive);
      print("misroute m=" + m + " check-progress on", checked);
      assertThat(success(checked)).as("m=%.1f: check-progress raises success", m)
          .isGreaterThanOrEqualTo(success(recursive) + 0.12)
          .isLessThanOrEqualTo(1 - m + 0.05);
    }
  }

  /**
   * Black holes (drop, 20 % at random): no lookup waits forever, with or without check-progress
   * (asserted: every one of the 400 ends, ok or failed no-answer/not-found, inside the run's
   * deadline), and most succeed (asserted: at least 70 %; a key whose only copy sits on a black
   * hole cannot be found, about 20 % of them).
   */
  @Test
  void blackHoles_everyLookupEnds_withAndWithoutCheckProgress() {
    AdversarySettings drop = new AdversarySettings(0.2, Placement.RANDOM, 1, Behaviour.DROP, false);
    ChordSettings off = ReferenceSettings.chord().withWarmStart(true);
    for (ChordSettings s : new ChordSettings[] {off, off.withCheckProgress(true)}) {
      RunResult.OpSummary o = run(21, s, drop);
      print("drop m=0.2 check-progress " + (s.checkProgress() ? "on" : "off"), o);
      assertThat(o.ok() + o.failed()).as("every lookup ended").isEqualTo(LOOKUPS);
      assertThat(o.failures().keySet()).as("failures").isSubsetOf("no-answer", "not-found");
      assertThat((double) o.ok() / LOOKUPS).as("most lookups succeed").isGreaterThanOrEqualTo(0.7);
      assertThat(o.attacked()).as("a black hole answers nothing").isZero();
    }
  }
}
