package io.peerlab.runtime;

import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.api.Phase;
import io.peerlab.core.run.PhaseSequencer;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.api.RunSetup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Runs one topology on the local runtime: spawns a {@link PeerActor} per peer, drives the run's
 * phases with the core's {@link PhaseSequencer}, enforces the deadline, collects every peer's
 * stats and completes {@code result}. Then it stops itself (and its peers).
 */
public final class RunCoordinator extends AbstractBehavior<RunCoordinator.Command> {

  /** What the coordinator accepts; local-only, never serialised. */
  public sealed interface Command extends NoSerializationVerificationNeeded {}

  record PhaseDone(int peer, Phase phase) implements Command {}

  record Step(Runnable step) implements Command {}

  record Failure(int peer, Throwable error) implements Command {}

  record Collected(PeerActor.Finished finished) implements Command {}

  enum Deadline implements Command {
    INSTANCE
  }

  enum CollectTimeout implements Command {
    INSTANCE
  }

  /** How long peers get to hand in their stats once the run has ended. */
  private static final Duration COLLECT_TIMEOUT = Duration.ofSeconds(30);

  private static final int MAX_ERROR_NOTES = 5;

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final RunSetup setup;
  private final RunControl control;
  private final CompletableFuture<RunOutcome> result;
  private final LocalFabric fabric;
  private final DeliveryScheduler scheduler;
  private final List<ActorRef<PeerActor.Command>> peers;
  private final PhaseSequencer sequencer;
  private final PeerStats[] collected;
  private final List<String> errorNotes = new ArrayList<>();
  private int errors;
  private int collectedCount;
  private boolean collecting;
  private boolean deadlineHit;

  /**
   * @param originNanos the {@link System#nanoTime()} that is time 0 of the run
   */
  public static Behavior<Command> create(
      RunSetup setup, RunControl control, CompletableFuture<RunOutcome> result, long originNanos) {
    return Behaviors.setup(
        ctx -> Behaviors.withTimers(
            timers -> new RunCoordinator(ctx, timers, setup, control, result, originNanos)));
  }

  private RunCoordinator(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      RunSetup setup,
      RunControl control,
      CompletableFuture<RunOutcome> result,
      long originNanos) {
    super(ctx);
    this.ctx = ctx;
    this.timers = timers;
    this.setup = setup;
    this.control = control;
    this.result = result;
    ActorRef<Command> self = ctx.getSelf();
    this.fabric =
        new LocalFabric(
            setup.spec().network().enabled(),
            control.progress(),
            control.observer(),
            (peer, phase) -> self.tell(new PhaseDone(peer, phase)),
            (peer, error) -> self.tell(new Failure(peer, error)));
    this.scheduler =
        new DeliveryScheduler(setup.newNetworkModel(), fabric, originNanos, "peerlab-delivery");
    List<ActorRef<PeerActor.Command>> refs = new ArrayList<>(setup.peers());
    for (int a = 0; a < setup.peers(); a++) {
      refs.add(ctx.spawn(PeerActor.create(a, setup, fabric), "peer-" + a));
    }
    this.peers = List.copyOf(refs);
    fabric.wire(peers, scheduler);
    this.collected = new PeerStats[setup.peers()];
    this.sequencer =
        new PhaseSequencer(
            new SequencerHost(), setup.peers(), setup.topology().settleNanos(setup),
            setup.spec().phaseTimeoutNanos());
    timers.startSingleTimer(
        Deadline.INSTANCE, Duration.ofNanos(setup.spec().deadlineNanos()));
    sequencer.start();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PhaseDone.class, this::onPhaseDone)
        .onMessage(Step.class, this::onStep)
        .onMessage(Failure.class, this::onFailure)
        .onMessage(Collected.class, this::onCollected)
        .onMessageEquals(Deadline.INSTANCE, this::onDeadline)
        .onMessageEquals(CollectTimeout.INSTANCE, this::onCollectTimeout)
        .build();
  }

  private Behavior<Command> onPhaseDone(PhaseDone d) {
    sequencer.phaseDone(d.peer(), d.phase());
    return this;
  }

  private Behavior<Command> onStep(Step s) {
    if (!collecting) {
      s.step().run();
    }
    return this;
  }

  private Behavior<Command> onFailure(Failure f) {
    errors++;
    if (errorNotes.size() < MAX_ERROR_NOTES) {
      errorNotes.add("peer " + f.peer() + " threw " + f.error());
    }
    return this;
  }

  private Behavior<Command> onDeadline() {
    if (!collecting) {
      deadlineHit = true;
      sequencer.cutShort("deadline of " + Duration.ofNanos(setup.spec().deadlineNanos()) + " reached");
      collect();
    }
    return this;
  }

  private void collect() {
    collecting = true;
    timers.cancel(Deadline.INSTANCE);
    ActorRef<PeerActor.Finished> replyTo = ctx.messageAdapter(PeerActor.Finished.class, Collected::new);
    for (ActorRef<PeerActor.Command> p : peers) {
      p.tell(new PeerActor.Finish(replyTo));
    }
    timers.startSingleTimer(CollectTimeout.INSTANCE, COLLECT_TIMEOUT);
  }

  private Behavior<Command> onCollected(Collected c) {
    PeerActor.Finished f = c.finished();
    if (collected[f.address()] == null) {
      collected[f.address()] = f.stats();
      collectedCount++;
    }
    if (collectedCount == collected.length) {
      return complete(List.of());
    }
    return this;
  }

  private Behavior<Command> onCollectTimeout() {
    return complete(
        List.of((collected.length - collectedCount) + " peers did not hand in their stats within "
            + COLLECT_TIMEOUT.toSeconds() + " s"));
  }

  private Behavior<Command> complete(List<String> extraNotes) {
    scheduler.close();
    List<PeerStats> stats = new ArrayList<>();
    for (PeerStats s : collected) {
      if (s != null) {
        stats.add(s);
      }
    }
    List<String> notes = new ArrayList<>(sequencer.notes());
    if (errors > 0) {
      notes.add(errors + " errors in peer logic; first: " + String.join("; ", errorNotes));
    }
    notes.addAll(extraNotes);
    result.complete(
        new RunOutcome(
            stats, sequencer.measureStart(), sequencer.measureEnd(), deadlineHit, sequencer.current(),
            scheduler.lost(), fabric.events(), notes, errors));
    return Behaviors.stopped();
  }

  private final class SequencerHost implements PhaseSequencer.Host {
    @Override
    public long now() {
      return scheduler.now();
    }

    @Override
    public void beginAll(Phase phase) {
      control.progress().phaseStarted(phase, setup.opsIn(phase));
      for (ActorRef<PeerActor.Command> p : peers) {
        p.tell(new PeerActor.Begin(phase));
      }
    }

    @Override
    public void schedule(long delayNanos, Runnable step) {
      if (delayNanos <= 0) {
        ctx.getSelf().tell(new Step(step));
      } else {
        timers.startSingleTimer(new Step(step), Duration.ofNanos(delayNanos));
      }
    }

    @Override
    public void finished() {
      collect();
    }
  }
}
