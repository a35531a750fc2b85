package io.peerlab.runtime;

import static io.peerlab.core.TestSpecs.SEC;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.metrics.OpStats;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.overlay.index.ClientServer;
import io.peerlab.core.workload.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** PeerActor wiring with real actors: phases in, messages between actors, stats out. */
class PeerActorTest {
  private static final ActorTestKit KIT = ActorTestKit.create(PekkoConfig.local());

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  record PhaseReport(int peer, Phase phase) {}

  /** Routes messages straight to actors; reports phases and ops to probes. */
  static final class ProbeFabric implements Fabric {
    final ActorRef<PhaseReport> phases;
    final List<Integer> opsEnded = new ArrayList<>();
    volatile List<ActorRef<PeerActor.Command>> peers = List.of();
    final long origin = System.nanoTime();

    ProbeFabric(ActorRef<PhaseReport> phases) {
      this.phases = phases;
    }

    @Override
    public long now() {
      return System.nanoTime() - origin;
    }

    @Override
    public void send(int from, int to, Message message) {
      peers.get(to).tell(new PeerActor.Deliver(from, message));
    }

    @Override
    public void timer(int peer, long delayNanos, long handle) {
      // Op timeouts of 30 s never fire within this test.
    }

    @Override
    public void phaseDone(int peer, Phase phase) {
      phases.tell(new PhaseReport(peer, phase));
    }

    @Override
    public synchronized void opEnded(int peer, boolean ok, boolean measured) {
      opsEnded.add(peer);
    }

    @Override
    public void failure(int peer, Throwable error) {
      throw new AssertionError("peer " + peer + " threw", error);
    }
  }

  @Test
  void peersRunThroughEveryPhase_exchangeMessages_andHandInTheirStats() {
    RunSpec base = TestSpecs.spec(ClientServer.NAME, 4, 1, TestSpecs.closed(2, 20, 4));
    RunSpec spec =
        base.edit(e -> {
          e.network = NetworkSpec.off();
          e.deadlineNanos = 60 * SEC;
          e.phaseTimeoutNanos = 60 * SEC;
        });
    RunSetup setup = RunSetup.of(spec);
    TestProbe<PhaseReport> phases = KIT.createTestProbe();
    ProbeFabric fabric = new ProbeFabric(phases.getRef());
    List<ActorRef<PeerActor.Command>> refs = new ArrayList<>();
    for (int a = 0; a < 4; a++) {
      refs.add(KIT.spawn(PeerActor.create(a, setup, fabric)));
    }
    fabric.peers = List.copyOf(refs);

    for (Phase p : Phase.values()) {
      refs.forEach(r -> r.tell(new PeerActor.Begin(p)));
      List<PhaseReport> reports = phases.receiveSeveralMessages(4, Duration.ofSeconds(20));
      assertThat(reports).extracting(PhaseReport::phase).containsOnly(p);
      assertThat(reports).extracting(PhaseReport::peer).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    TestProbe<PeerActor.Finished> finished = KIT.createTestProbe();
    refs.forEach(r -> r.tell(new PeerActor.Finish(finished.getRef())));
    List<PeerActor.Finished> all = finished.receiveSeveralMessages(4, Duration.ofSeconds(10));
    long ok = 0;
    for (PeerActor.Finished f : all) {
      for (OpType t : OpType.OPS) {
        OpStats s = f.stats().opOrNull(t);
        if (s != null) {
          ok += s.ok();
          assertThat(s.failed()).isZero();
        }
      }
    }
    assertThat(ok).isEqualTo(20);
    // Clients 0 and 1 sit at addresses 1 and 2; peer 3 runs no script.
    synchronized (fabric) {
      assertThat(fabric.opsEnded).hasSize(24).containsOnly(1, 2);
    }
    long serverHandled = all.stream().filter(f -> f.address() == 0).findFirst().orElseThrow().stats().messagesHandled();
    assertThat(serverHandled).isPositive();
  }
}
