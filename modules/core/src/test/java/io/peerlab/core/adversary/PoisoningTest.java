package io.peerlab.core.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.SimRuns;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.AdversarySettings;
import io.peerlab.core.api.AdversarySettings.Behaviour;
import io.peerlab.core.api.AdversarySettings.Placement;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.metrics.OpStats;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.chord.Chord;
import io.peerlab.core.overlay.flooding.Flooding;
import io.peerlab.core.overlay.index.CentralIndex;
import io.peerlab.core.overlay.kademlia.Kademlia;
import io.peerlab.core.overlay.randomwalk.RandomWalk;
import io.peerlab.core.overlay.superpeer.SuperPeer;
import io.peerlab.core.workload.ClientScript;
import io.peerlab.core.workload.Op;
import io.peerlab.core.workload.OpType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Index poisoning and its defence (issue 16; docs/adversary.md, docs/overlays/*.md "Under
 * attack"): 20 % of the peers ({@code poison}) announce forged manifests of the 5 most popular
 * objects and serve junk that matches them. Each topology that answers searches runs the same
 * seeded workload three times: without an adversary, with poisoners and no verification, and
 * with poisoners and {@code fetch.verify-manifests}.
 */
class PoisoningTest {
  static final int PEERS = 41;
  static final int TARGETS = 5;

  static RunSpec spec(String topology, double fraction, boolean verify) {
    RunSpec base =
        TestSpecs.spec(topology, PEERS, 1, TestSpecs.closed(PEERS / 2, 12 * PEERS, 0));
    return new RunSpec(
        base.scenario(), base.seed(), base.topology(), base.transfer(), base.peers(), base.servers(),
        base.network(), base.objects(), base.workload(), base.deadlineNanos(),
        base.phaseTimeoutNanos(),
        base.settings().with(
            new AdversarySettings(fraction, Placement.RANDOM, TARGETS, Behaviour.POISON, verify)));
  }

  /**
   * The model's share of poisoned search results when every search finds every matching object
   * once and, for each matching target, one forged copy besides (the poisoners collude: one
   * forgery per object): Σ targets matched / Σ (objects matched + targets matched) over the
   * measured searches.
   */
  static double predictedShare(SimRuns.Run run) {
    Catalog catalog = run.setup().catalog();
    long hits = 0;
    long poisoned = 0;
    for (ClientScript c : run.setup().workload().scripts()) {
      for (Op op : c.measured()) {
        if (op.type() == OpType.SEARCH) {
          for (int o : catalog.matching(op.keywords())) {
            hits++;
            if (o < TARGETS) {
              hits++;
              poisoned++;
            }
          }
        }
      }
    }
    return (double) poisoned / hits;
  }

  /** Fetches that ended ok with a forged manifest, over every peer (PeerNode marks them). */
  static long forgedAccepted(SimRuns.Run run) {
    long n = 0;
    for (PeerStats p : run.outcome().peers()) {
      OpStats s = p.opOrNull(OpType.FETCH);
      n += s == null ? 0 : s.marked(OpStats.FORGED_ACCEPTED);
    }
    return n;
  }

  @ParameterizedTest
  @ValueSource(strings = {CentralIndex.NAME, SuperPeer.NAME, Flooding.NAME, RandomWalk.NAME})
  void poisonedResults_areCaughtByManifestVerification_andForgedContentIsNeverAccepted(
      String topology) {
    RunResult honest = SimRuns.run(spec(topology, 0.0, false)).result();
    SimRuns.Run open = SimRuns.run(spec(topology, 0.2, false));
    SimRuns.Run verified = SimRuns.run(spec(topology, 0.2, true));
    RunResult o = open.result();
    RunResult v = verified.result();
    double model = predictedShare(open);
    RunResult.OpSummary os = o.figures().ops().get("search");
    RunResult.OpSummary vs = v.figures().ops().get("search");
    RunResult.OpSummary of = o.figures().ops().get("fetch");
    RunResult.OpSummary vf = v.figures().ops().get("fetch");
    RunResult.OpSummary hf = honest.figures().ops().get("fetch");
    System.out.printf(
        "%s poison 20%%, 5 targets: search poisonedResults %.3f (model %.3f) attacked %d/%d;"
            + " verified %.3f attacked %d/%d%n",
        topology, os.poisonedResults(), model, os.attacked(), os.count(), vs.poisonedResults(),
        vs.attacked(), vs.count());
    System.out.printf(
        "%s fetch: honest ok %d/%d msgs/op %.1f bytes/op %.0f; open ok %d/%d attacked %d %s"
            + " wasted %d B msgs/op %.1f bytes/op %.0f; verified ok %d/%d attacked %d %s"
            + " wasted %d B msgs/op %.1f bytes/op %.0f; search msgs/op honest %.1f open %.1f"
            + " verified %.1f%n",
        topology, hf.ok(), hf.count(), hf.messages().mean(), hf.messages().bytesMean(),
        of.ok(), of.count(), of.attacked(), of.failures(), o.figures().adversary().wastedBytes(),
        of.messages().mean(), of.messages().bytesMean(),
        vf.ok(), vf.count(), vf.attacked(), vf.failures(), v.figures().adversary().wastedBytes(),
        vf.messages().mean(), vf.messages().bytesMean(),
        honest.figures().ops().get("search").messages().mean(), os.messages().mean(),
        vs.messages().mean());

    // Without verification the poisoners' forgeries reach searches and fetches...
    assertThat(os.poisonedResults()).isPositive();
    assertThat(os.attacked()).isPositive();
    assertThat(of.attacked()).isPositive();
    assertThat(of.failures()).containsKey("poisoned");
    assertThat(o.figures().adversary().wastedBytes()).isPositive();
    // ... at most as often as the model's (every forgery reached), which the index reaches.
    assertThat(os.poisonedResults()).isLessThanOrEqualTo(model + 0.05);
    if (topology.equals(CentralIndex.NAME)) {
      assertThat(os.poisonedResults()).isCloseTo(model, org.assertj.core.data.Offset.offset(0.05));
    }
    // With verification no forged hit or manifest is used, and nothing is downloaded in vain.
    assertThat(vs.poisonedResults()).isZero();
    assertThat(vs.attacked()).isZero();
    assertThat(vf.attacked()).isZero();
    assertThat(vf.failures()).doesNotContainKey("poisoned");
    assertThat(v.figures().adversary().wastedBytes()).isZero();
    // Never, in either run, does a fetch end ok with a forged manifest.
    assertThat(forgedAccepted(open)).isZero();
    assertThat(forgedAccepted(verified)).isZero();
    // The check itself sends nothing: messages per op stay within 40 % (the blacklist skips
    // peers, a verified locate may wait for a later, genuine hit), and fetches move fewer bytes.
    assertThat(vs.messages().mean() / os.messages().mean()).isBetween(0.6, 1.4);
    assertThat(vf.messages().mean() / of.messages().mean()).isBetween(0.6, 1.4);
    assertThat(vf.messages().bytesMean()).isLessThan(of.messages().bytesMean());
    if (topology.equals(CentralIndex.NAME)) {
      assertThat(vs.messages().mean()).isEqualTo(os.messages().mean()); // one round trip each
    }
  }

  /**
   * The DHTs keep one manifest per object record, first come first kept ({@code DhtStore}), and
   * their posting lists carry ids only: a search cannot be poisoned, a fetch is poisoned when a
   * forgery reached the responsible peer first. With verification every peer checks manifests,
   * the responsible peer too: it refuses a forged record when it is stored (and blacklists the
   * poisoner), so the genuine holders' record is the one answered and no fetch meets a forgery.
   */
  @ParameterizedTest
  @ValueSource(strings = {Chord.NAME, Kademlia.NAME})
  void dhtRecords_arePoisonedFirstComeFirstKept_andVerifyingNodesRefuseForgedRecords(String topology) {
    SimRuns.Run open = SimRuns.run(spec(topology, 0.2, false));
    SimRuns.Run verified = SimRuns.run(spec(topology, 0.2, true));
    RunResult o = open.result();
    RunResult v = verified.result();
    RunResult.OpSummary os = o.figures().ops().get("search");
    RunResult.OpSummary of = o.figures().ops().get("fetch");
    RunResult.OpSummary vf = v.figures().ops().get("fetch");
    System.out.printf(
        "%s poison 20%%, 5 targets: search poisonedResults %.3f; fetch open ok %d/%d attacked %d"
            + " %s wasted %d B msgs/op %.1f bytes/op %.0f; verified ok %d/%d attacked %d %s"
            + " wasted %d B msgs/op %.1f bytes/op %.0f%n",
        topology, os.poisonedResults(), of.ok(), of.count(), of.attacked(), of.failures(),
        o.figures().adversary().wastedBytes(), of.messages().mean(), of.messages().bytesMean(),
        vf.ok(), vf.count(), vf.attacked(), vf.failures(), v.figures().adversary().wastedBytes(),
        vf.messages().mean(), vf.messages().bytesMean());
    assertThat(os.poisonedResults()).isZero();
    assertThat(v.figures().ops().get("search").poisonedResults()).isZero();
    assertThat(of.attacked()).isPositive();
    assertThat(of.failures()).containsKey("poisoned");
    assertThat(o.figures().adversary().wastedBytes()).isPositive();
    // A node that checks manifests refuses a forged record when it is stored, so the genuine
    // holders' record is the one answered: no fetch meets a forgery, and more complete than open.
    // (Kademlia: a poisoner among the k peers that store the record answers its own forgery; a
    // verifying FIND_VALUE goes on past it, to the peers that store the genuine record.)
    assertThat(vf.failures()).doesNotContainKeys("forged-manifest", "poisoned");
    assertThat(vf.attacked()).isZero();
    assertThat(vf.ok()).isGreaterThan(of.ok());
    assertThat(v.figures().adversary().wastedBytes()).isZero();
    assertThat(forgedAccepted(open)).isZero();
    assertThat(forgedAccepted(verified)).isZero();
  }
}
