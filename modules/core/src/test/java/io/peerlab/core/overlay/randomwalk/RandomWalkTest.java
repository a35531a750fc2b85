package io.peerlab.core.overlay.randomwalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.ReferenceSettings;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.content.Replication;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.Runs;
import io.peerlab.core.overlay.UnstructuredSpecs;
import io.peerlab.core.overlay.flooding.Flooding;
import io.peerlab.core.overlay.flooding.FloodingSettings;
import io.peerlab.core.overlay.randomwalk.WalkMessage.Hit;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.sim.SimHost;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Random walks (Lv et al., ICS 2002) against flooding, in whole runs on the sim host. */
class RandomWalkTest {

  static RandomWalkSettings walkers(int k, int ttl, int checkInterval) {
    return ReferenceSettings.randomWalk().withWalkers(k, ttl, checkInterval);
  }

  static RunResult run(int peers, long seed, ObjectsSpec objects, WorkloadSpec w, Object s) {
    return Runs.sim(
        UnstructuredSpecs.spec(
            s instanceof RandomWalkSettings ? RandomWalk.NAME : Flooding.NAME, peers, seed,
            TestSpecs.network(), objects, w, s));
  }

  @Test
  void successRate_risesWithTheNumberOfWalkers() {
    ObjectsSpec objects = UnstructuredSpecs.objects(50, 0.8, 5);
    WorkloadSpec lookups = UnstructuredSpecs.workload(25, 200, 1, 0, 0);
    double last = -1;
    for (int k : new int[] {1, 2, 4, 8, 16}) {
      RunResult r = run(500, 2, objects, lookups, walkers(k, 16, 0));
      double success = Runs.success(r, "lookup");
      assertThat(success).as("success with %d walkers", k).isGreaterThan(last);
      last = success;
    }
    assertThat(last).isGreaterThan(0.8);
  }

  @Test
  void checkBack_stopsWalkersOnceTheQueryIsAnswered_andHitsGoStraightToTheAsker() {
    ObjectsSpec objects = UnstructuredSpecs.objects(50, 0.8, 5);
    WorkloadSpec lookups = UnstructuredSpecs.workload(25, 200, 1, 0, 0);
    RunResult without = run(500, 2, objects, lookups, walkers(16, 256, 0));
    RunSpec spec =
        UnstructuredSpecs.spec(
            RandomWalk.NAME, 500, 2, TestSpecs.network(), objects, lookups, walkers(16, 256, 4));
    RunSetup setup = UnstructuredSpecs.setup(spec);
    List<String> misrouted = new ArrayList<>();
    RunControl control =
        new RunControl(
            RunControl.quiet().progress(),
            (t, from, to, m) -> {
              if (m instanceof Hit h && to != OpToken.client(h.op())) {
                misrouted.add(from + "->" + to);
              }
            },
            () -> false);
    RunResult with = Summaries.summarize(setup, "sim", new SimHost().run(setup, control), null);

    assertThat(Runs.success(with, "lookup")).isEqualTo(1.0);
    assertThat(Runs.success(without, "lookup")).isEqualTo(1.0);
    double ratio = Runs.messagesPerOp(without, "lookup") / Runs.messagesPerOp(with, "lookup");
    System.out.printf(
        Locale.ROOT, "random-walk TTL 256, 16 walkers: %.1f msgs/lookup without check-back, %.1f"
            + " with (ratio %.1f)%n",
        Runs.messagesPerOp(without, "lookup"), Runs.messagesPerOp(with, "lookup"), ratio);
    assertThat(ratio).isGreaterThan(3);
    assertThat(misrouted).isEmpty();
  }

  /**
   * Lv et al.: random walks with check-back resolve queries about as often as flooding with far
   * fewer messages. 10^4 peers, every object on 1% of them: flooding needs TTL 6 to succeed as
   * often as 16 walkers do.
   */
  @Test
  void messagesPerQuery_farBelowFloodingAtTheSameSuccess() {
    ObjectsSpec objects = UnstructuredSpecs.objects(100, 0.8, 100);
    WorkloadSpec lookups = UnstructuredSpecs.workload(25, 100, 1, 0, 0);
    RunResult walk = run(10_000, 3, objects, lookups, walkers(16, 1024, 4));
    FloodingSettings f = ReferenceSettings.flooding().withTtl(5);
    RunResult flood5 = run(10_000, 3, objects, lookups, f);
    RunResult flood6 = run(10_000, 3, objects, lookups, f.withTtl(6));

    double success = Runs.success(walk, "lookup");
    assertThat(success).isEqualTo(1.0);
    assertThat(Runs.success(flood5, "lookup")).as("flooding at TTL 5").isLessThan(success);
    assertThat(Runs.success(flood6, "lookup")).as("flooding at TTL 6").isEqualTo(success);
    double ratio = Runs.messagesPerOp(flood6, "lookup") / Runs.messagesPerOp(walk, "lookup");
    System.out.printf(
        Locale.ROOT, "10^4 peers, 1%% replication: random walk %.1f msgs/lookup (%.0f%% ok),"
            + " flooding TTL 5 %.1f (%.0f%% ok), TTL 6 %.1f (%.0f%% ok): ratio %.1f%n",
        Runs.messagesPerOp(walk, "lookup"), 100 * success, Runs.messagesPerOp(flood5, "lookup"),
        100 * Runs.success(flood5, "lookup"), Runs.messagesPerOp(flood6, "lookup"),
        100 * Runs.success(flood6, "lookup"), ratio);
    assertThat(ratio).isGreaterThan(4);
  }

  /**
   * Cohen and Shenker: for random search, square-root replication minimises the expected search
   * size; uniform and proportional give the same, larger, size. Same total number of copies.
   */
  @Test
  void squareRootReplication_needsFewerMessagesThanUniformOrProportional() {
    WorkloadSpec lookups = UnstructuredSpecs.workload(25, 300, 1, 0, 0);
    double[] msgs = new double[3];
    for (Replication policy : Replication.values()) {
      ObjectsSpec objects = UnstructuredSpecs.objects(200, 1.0, 3).withReplication(policy);
      RunResult r = run(1000, 5, objects, lookups, walkers(16, 1024, 4));
      assertThat(Runs.success(r, "lookup")).isEqualTo(1.0);
      msgs[policy.ordinal()] = Runs.messagesPerOp(r, "lookup");
    }
    System.out.printf(
        Locale.ROOT, "random-walk msgs/lookup, 1000 peers, 200 objects x 3 copies, Zipf 1.0:"
            + " uniform %.1f, proportional %.1f, square-root %.1f%n", msgs[0], msgs[1], msgs[2]);
    assertThat(msgs[Replication.SQUARE_ROOT.ordinal()])
        .isLessThan(0.85 * msgs[Replication.UNIFORM.ordinal()])
        .isLessThan(0.85 * msgs[Replication.PROPORTIONAL.ordinal()]);
  }
}
