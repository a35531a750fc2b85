package io.peerlab.core.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.SimRuns;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Adversaries;
import io.peerlab.core.api.AdversarySettings;
import io.peerlab.core.api.AdversarySettings.Behaviour;
import io.peerlab.core.api.AdversarySettings.Placement;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.id.Key;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.chord.Chord;
import io.peerlab.core.overlay.index.CentralIndex;
import io.peerlab.core.overlay.index.ClientServer;
import io.peerlab.core.workload.ClientScript;
import io.peerlab.core.workload.Op;
import io.peerlab.core.workload.OpType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every topology shares of the adversary (issue 16; docs/adversary.md): who is malicious,
 * targeted ids, the generic black hole, and the results that tell an adversary's answers apart.
 */
class AdversaryTest {

  static RunSpec spec(String topology, int peers, AdversarySettings adversary) {
    RunSpec base = TestSpecs.spec(topology, peers, 1, TestSpecs.closed(peers / 2, 20 * peers, 0));
    return new RunSpec(
        base.scenario(), base.seed(), base.topology(), base.transfer(), base.peers(), base.servers(),
        base.network(), base.objects(), base.workload(), base.deadlineNanos(),
        base.phaseTimeoutNanos(), base.settings().with(adversary));
  }

  static AdversarySettings adversary(double fraction, Placement placement, Behaviour behaviour) {
    return new AdversarySettings(fraction, placement, 5, behaviour, false);
  }

  @Test
  void theMaliciousPeers_areASeededShareOfTheNonServerPeers_theSameForEveryTopology() {
    AdversarySettings a = adversary(0.2, Placement.RANDOM, Behaviour.DROP);
    Adversaries cs = Adversaries.of(RunSetup.of(spec(ClientServer.NAME, 101, a)));
    Adversaries chord = Adversaries.of(RunSetup.of(spec(Chord.NAME, 101, a)));
    assertThat(cs.count()).isEqualTo(20); // round(0.2 × 100 non-server peers)
    assertThat(cs.addresses()).isEqualTo(chord.addresses()).doesNotContain(0);
    assertThat(cs.targets()).hasSize(5);
  }

  @Test
  void aLargerFraction_addsPeersToTheSetOfASmallerOne() {
    int[] small = Adversaries.of(RunSetup.of(spec(Chord.NAME, 101,
        adversary(0.1, Placement.RANDOM, Behaviour.DROP)))).addresses();
    int[] large = Adversaries.of(RunSetup.of(spec(Chord.NAME, 101,
        adversary(0.3, Placement.RANDOM, Behaviour.DROP)))).addresses();
    assertThat(large).hasSize(30).contains(small);
  }

  @Test
  void freeRideBehaviour_makesTheMaliciousPeersFreeRiders() {
    RunSetup s = RunSetup.of(spec(Chord.NAME, 101, adversary(0.2, Placement.RANDOM, Behaviour.FREE_RIDE)));
    java.util.BitSet riders = io.peerlab.core.transfer.swarm.FreeRiders.of(s);
    assertThat(riders.stream().toArray()).containsExactly(Adversaries.of(s).addresses());
  }

  @Test
  void targetedPlacement_putsTheSybilsJustAfterTheAttackedKeys() {
    RunSetup s = RunSetup.of(spec(Chord.NAME, 101, adversary(0.1, Placement.TARGETED, Behaviour.DROP)));
    Adversaries a = Adversaries.of(s);
    Key[] targets = a.targets();
    int[] sybils = a.addresses();
    for (int n = 0; n < sybils.length; n++) {
      Key key = s.directory().get(sybils[n]).key();
      Key target = targets[n % targets.length];
      assertThat(key).isEqualTo(target.add(Key.of(1L + n / targets.length)));
    }
    // Honest peers keep the ids they have without an adversary.
    RunSetup plain = RunSetup.of(spec(Chord.NAME, 101, AdversarySettings.none()));
    assertThat(s.directory().get(1).key()).isEqualTo(plain.directory().get(1).key());
  }

  /** Servers are never malicious: client-server is the reference row, whatever peers do. */
  @ParameterizedTest
  @EnumSource(value = Behaviour.class, names = {"DROP", "MISROUTE", "POISON", "FREE_RIDE"})
  void clientServer_isUnaffectedByMaliciousPeers(Behaviour behaviour) {
    RunResult r = SimRuns.run(spec(ClientServer.NAME, 41, adversary(0.3, Placement.TARGETED, behaviour)))
        .result();
    assertThat(r.figures().adversary().malicious()).isEqualTo(12);
    for (RunResult.OpSummary o : r.figures().ops().values()) {
      assertThat(o.failed()).isZero();
      assertThat(o.attacked()).isZero();
    }
    assertThat(r.figures().adversary().wastedBytes()).isZero();
  }

  /** Free-riders share nothing: they upload no content, and what only they hold is not found. */
  @Test
  void freeRiders_inACentralIndex_uploadNothing_andTheirObjectsAreLost() {
    SimRuns.Run run = SimRuns.run(spec(CentralIndex.NAME, 41, adversary(0.3, Placement.RANDOM,
        Behaviour.FREE_RIDE)));
    Adversaries a = Adversaries.of(run.setup());
    long riderContent = 0;
    long otherContent = 0;
    for (io.peerlab.core.metrics.PeerStats p : run.outcome().peers()) {
      if (a.malicious(p.address())) {
        riderContent += p.contentBytesUploaded();
      } else {
        otherContent += p.contentBytesUploaded();
      }
    }
    RunResult.OpSummary fetch = run.result().figures().ops().get("fetch");
    System.out.printf("central-index, 12 of 40 peers free-riding: fetch %d/%d ok %s%n",
        fetch.ok(), fetch.count(), fetch.failures());
    assertThat(riderContent).isZero();
    assertThat(otherContent).isPositive();
    // One copy of each object: the ones only a free-rider holds cannot be fetched.
    assertThat(fetch.failures()).containsKey("not-found");
    assertThat(fetch.attacked()).isZero();
  }

  @Test
  void targetedSybils_onChord_answerEveryLookupOfAnAttackedKey() {
    RunSpec spec = spec(Chord.NAME, 101, adversary(0.1, Placement.TARGETED, Behaviour.MISROUTE));
    SimRuns.Run run = SimRuns.run(spec);
    RunResult r = run.result();
    assertThat(r.figures().adversary().idsChosen()).isTrue();
    // The Sybil at target + 1 is the key's successor: every measured lookup of a target ends there.
    long targetLookups = 0;
    for (ClientScript c : run.setup().workload().scripts()) {
      for (Op op : c.measured()) {
        if (op.type() == OpType.LOOKUP && op.object() < 5) {
          targetLookups++;
        }
      }
    }
    RunResult.OpSummary lookups = r.figures().ops().get("lookup");
    System.out.printf("chord, 10 Sybils on 5 keys: %d of %d lookups attacked, %d target lookups%n",
        lookups.attacked(), lookups.count(), targetLookups);
    assertThat(targetLookups).isPositive();
    assertThat(lookups.attacked()).isGreaterThanOrEqualTo(targetLookups);
  }

  @Test
  void blackHoles_makeChordLookupsFail_whereNoAdversaryLosesNone() {
    RunResult honest = SimRuns.run(spec(Chord.NAME, 101, AdversarySettings.none())).result();
    RunResult dropped =
        SimRuns.run(spec(Chord.NAME, 101, adversary(0.2, Placement.RANDOM, Behaviour.DROP))).result();
    RunResult.OpSummary h = honest.figures().ops().get("lookup");
    RunResult.OpSummary d = dropped.figures().ops().get("lookup");
    System.out.printf("chord lookups: honest %d/%d ok, 20%% black holes %d/%d ok %s%n",
        h.ok(), h.count(), d.ok(), d.count(), d.failures());
    assertThat(h.failed()).isZero();
    assertThat(h.attacked()).isNull();
    assertThat(d.failed()).isPositive();
    assertThat(d.attacked()).isNotNull();
  }
}
