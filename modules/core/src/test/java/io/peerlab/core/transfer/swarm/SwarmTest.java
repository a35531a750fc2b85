package io.peerlab.core.transfer.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.FaultSettings;
import io.peerlab.core.api.ForwardingOverlay;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.ObjectStore;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.SwarmEvent;
import io.peerlab.core.api.Topology;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.index.CentralIndex;
import io.peerlab.core.overlay.index.IndexMessage.SwarmAnnounce;
import io.peerlab.core.overlay.index.IndexMessage.SwarmMembers;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.sim.SimHost;
import io.peerlab.core.transfer.ChunkMessage.ChunkData;
import io.peerlab.core.transfer.ChunkMessage.ChunkRequest;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.transfer.FlashCrowd;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The swarm protocol end to end on the sim host (see {@link FlashCrowd} for the setting). */
class SwarmTest {

  @Test
  void corruptPeers_neverGetAChunkAccepted_areBanned_andEveryoneCompletes() {
    int n = 40;
    FaultSettings faults = FaultSettings.corruptFraction(0.25, 42, 1, n + 1);
    FlashCrowd fc =
        FlashCrowd.of(n).with(faults).with(FetchSettings.forTests().withMaterialize(true));
    Manifest manifest = fc.catalog("client-server", "swarm").manifest(0);
    int[] honestBad = {0};
    int[] corruptSent = {0};
    Set<Long> banned = new HashSet<>();
    int[] requestsAfterBan = {0};
    RunResult r = fc.run("client-server", "swarm", (t, from, to, m) -> {
      if (m instanceof ChunkData p) {
        boolean ok = manifest.verify(p.chunk(), p.data());
        if (faults.corrupt(from)) {
          corruptSent[0]++;
          assertThat(ok).isFalse();
          banned.add(((long) to << 32) | from);
        } else if (!ok) {
          honestBad[0]++; // an honest peer re-serving bytes it should have rejected
        }
      } else if (m instanceof ChunkRequest && banned.contains(((long) from << 32) | to)) {
        requestsAfterBan[0]++;
      }
    });
    assertThat(faults.corruptPeers()).hasSize(10);
    assertThat(r.figures().ops().get("fetch").ok()).isEqualTo(n);
    assertThat(corruptSent[0]).isPositive();
    assertThat(r.figures().load().chunksRejected()).isPositive().isLessThanOrEqualTo(corruptSent[0]);
    assertThat(honestBad[0]).isZero();
    // A request already on the wire may still arrive; none is sent after the bad chunk arrives.
    assertThat(requestsAfterBan[0]).isLessThanOrEqualTo(banned.size());
  }

  @Test
  void seedTimeZero_membersLeaveTheTrackerOnCompletion_longSeedTime_theyStay() {
    int n = 20;
    FlashCrowd fc = FlashCrowd.of(n);
    int[] stopped = {0};
    RunResult gone =
        fc.with(SwarmSettings.forTests().withSeedTime(0))
            .run("client-server", "swarm", (t, from, to, m) -> {
              if (m instanceof SwarmAnnounce a && a.event() == SwarmEvent.STOPPED) {
                stopped[0]++;
              }
            });
    assertThat(gone.figures().ops().get("fetch").ok()).isEqualTo(n);
    assertThat(stopped[0]).isGreaterThanOrEqualTo(n / 2);
    int[] stayed = {0};
    RunResult seeding =
        fc.run("client-server", "swarm", (t, from, to, m) -> {
          if (m instanceof SwarmAnnounce a && a.event() == SwarmEvent.STOPPED) {
            stayed[0]++;
          }
        });
    assertThat(seeding.figures().ops().get("fetch").ok()).isEqualTo(n);
    assertThat(stayed[0]).isZero();
  }

  @Test
  void centralIndex_theIndexServerTracksTheSwarm_andServesNoContent() {
    int n = 30;
    int[] announces = {0};
    int[] answers = {0};
    int[] piecesFromIndex = {0};
    RunResult r = FlashCrowd.of(n).run("central-index", "swarm", (t, from, to, m) -> {
      if (m instanceof SwarmAnnounce && to == 0) {
        announces[0]++;
      } else if (m instanceof SwarmMembers && from == 0) {
        answers[0]++;
      } else if (m instanceof ChunkData && from == 0) {
        piecesFromIndex[0]++;
      }
    });
    assertThat(r.figures().ops().get("fetch").ok()).isEqualTo(n);
    assertThat(announces[0]).isGreaterThanOrEqualTo(n - 1); // the initial holder need not announce
    assertThat(answers[0]).isGreaterThanOrEqualTo(n - 1);
    assertThat(piecesFromIndex[0]).isZero();
  }

  /**
   * A topology whose overlay keeps no tracker (the Overlay default): members learn of each other
   * only from the located holder and by peer exchange on handshakes.
   */
  @Test
  void withoutATracker_peerExchangeStillSpreadsTheSwarm() {
    int n = 30;
    CentralIndex base = new CentralIndex();
    Topology noTracker = new Topology() {
      @Override
      public String name() {
        return base.name();
      }

      @Override
      public String description() {
        return "central-index without a tracker";
      }

      @Override
      public int minServers() {
        return base.minServers();
      }

      @Override
      public Role role(int address, RunSpec spec) {
        return base.role(address, spec);
      }

      @Override
      public ObjectStore initialStore(int address, RunSetup setup) {
        return base.initialStore(address, setup);
      }

      @Override
      public Overlay overlay(NodeContext ctx) {
        // Everything but the tracker: announceSwarm is the interface's default, which keeps no table.
        return new ForwardingOverlay(base.overlay(ctx)) {
          @Override
          public void announceSwarm(long op, Key objectId, SwarmEvent event, int want) {}
        };
      }
    };
    FlashCrowd fc = FlashCrowd.of(n);
    RunSetup setup = RunSetup.of(fc.spec("central-index", "swarm").withTopology(noTracker));
    int[] announces = {0};
    Set<Integer> uploaders = new HashSet<>();
    RunOutcome out = new SimHost().run(setup, RunControl.quiet().withObserver((t, from, to, m) -> {
      if (m instanceof SwarmAnnounce) {
        announces[0]++;
      } else if (m instanceof ChunkData) {
        uploaders.add(from);
      }
    }));
    RunResult r = Summaries.summarize(setup, "sim", out, null);
    assertThat(announces[0]).isZero();
    assertThat(r.figures().ops().get("fetch").ok()).isEqualTo(n);
    assertThat(uploaders.size()).isGreaterThan(n / 2);
  }

  @Test
  void withoutOptimisticUnchoke_theSwarmStillCompletes() {
    int n = 20;
    SwarmSettings plain =
        new SwarmSettings(4, false, 250_000_000L, 30, 1_000_000_000L, 30_000_000_000L,
            250_000_000L, 0, false, 0.0, true);
    FlashCrowd fc = FlashCrowd.of(n).with(plain);
    RunResult r = fc.run("client-server", "swarm");
    assertThat(r.figures().ops().get("fetch").ok()).isEqualTo(n);
    assertThat(FlashCrowd.seconds(r)).isGreaterThanOrEqualTo(fc.p2pBound());
  }
}
