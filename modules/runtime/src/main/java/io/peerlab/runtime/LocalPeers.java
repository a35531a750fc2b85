package io.peerlab.runtime;

import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.metrics.PeerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.ReceiveBuilder;

/**
 * The peers of a run on the local runtime: a {@link PeerActor} per peer, spawned as children of the
 * {@link RunCoordinator} (so they stop with it), messages and timers through a {@link
 * LocalFabric} and its {@link DeliveryScheduler}, stats handed in by each peer.
 */
final class LocalPeers implements RunCoordinator.Peers {

  private record PhaseDone(int peer, Phase phase) implements RunCoordinator.Command, NoSerializationVerificationNeeded {}

  private record Failure(int peer, Throwable error) implements RunCoordinator.Command, NoSerializationVerificationNeeded {}

  private record Collected(PeerActor.Finished finished)
      implements RunCoordinator.Command, NoSerializationVerificationNeeded {}

  private final long originNanos;
  private RunCoordinator run;
  private LocalFabric fabric;
  private DeliveryScheduler scheduler;
  private List<ActorRef<PeerActor.Command>> peers = List.of();

  /** @param originNanos the {@link System#nanoTime()} that is time 0 of the run */
  LocalPeers(long originNanos) {
    this.originNanos = originNanos;
  }

  @Override
  public void start(RunCoordinator run) {
    this.run = run;
    RunSetup setup = run.setup();
    ActorContext<RunCoordinator.Command> ctx = run.context();
    ActorRef<RunCoordinator.Command> self = ctx.getSelf();
    fabric =
        new LocalFabric(
            setup.spec().network().enabled(),
            run.control().progress(),
            run.control().observer(),
            (peer, phase) -> self.tell(new PhaseDone(peer, phase)),
            (peer, error) -> self.tell(new Failure(peer, error)));
    scheduler = new DeliveryScheduler(setup.newNetworkModel(), fabric, originNanos, "peerlab-delivery");
    List<ActorRef<PeerActor.Command>> refs = new ArrayList<>(setup.peers());
    for (int a = 0; a < setup.peers(); a++) {
      refs.add(ctx.spawn(PeerActor.create(a, setup, fabric), "peer-" + a));
    }
    peers = List.copyOf(refs);
    fabric.wire(peers, scheduler);
    run.peersReady();
  }

  @Override
  public void receive(ReceiveBuilder<RunCoordinator.Command> builder) {
    builder
        .onMessage(PhaseDone.class, this::onPhaseDone)
        .onMessage(Failure.class, this::onFailure)
        .onMessage(Collected.class, this::onCollected);
  }

  private Behavior<RunCoordinator.Command> onPhaseDone(PhaseDone d) {
    run.phaseDone(d.peer(), d.phase());
    return run;
  }

  private Behavior<RunCoordinator.Command> onFailure(Failure f) {
    run.errors(1, List.of("peer " + f.peer() + " threw " + f.error()));
    return run;
  }

  private Behavior<RunCoordinator.Command> onCollected(Collected c) {
    run.collected(c.finished().address(), c.finished().stats());
    return run.completeIfAllIn();
  }

  @Override
  public long now() {
    return scheduler.now();
  }

  @Override
  public void begin(Phase phase) {
    for (ActorRef<PeerActor.Command> p : peers) {
      p.tell(new PeerActor.Begin(phase));
    }
  }

  @Override
  public void drain() {
    for (ActorRef<PeerActor.Command> p : peers) {
      p.tell(new PeerActor.WithNode(io.peerlab.core.peer.PeerNode::drain));
    }
  }

  @Override
  public void collect() {
    ActorRef<PeerActor.Finished> replyTo = run.context().messageAdapter(PeerActor.Finished.class, Collected::new);
    for (ActorRef<PeerActor.Command> p : peers) {
      p.tell(new PeerActor.Finish(replyTo));
    }
  }

  @Override
  public boolean allIn() {
    return run.collectedCount() == peers.size();
  }

  @Override
  public void collectTimedOut(Duration timeout) {
    run.note((peers.size() - run.collectedCount()) + " peers did not hand in their stats within "
        + timeout.toSeconds() + " s");
  }

  @Override
  public String abort(String why) {
    return "run not started: " + why;
  }

  @Override
  public RunCoordinator.Tally end(PeerStats[] collected) {
    scheduler.close();
    scheduler.flood().ifPresent(note -> run.errors(1, List.of(note)));
    List<PeerStats> stats = new ArrayList<>();
    for (PeerStats s : collected) {
      if (s != null) {
        stats.add(s);
      }
    }
    return new RunCoordinator.Tally(stats, scheduler.lost(), fabric.events(), List.of());
  }
}
