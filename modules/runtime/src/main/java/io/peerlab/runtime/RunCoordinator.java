package io.peerlab.runtime;

import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.metrics.MemberFigures;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.run.Outcomes;
import io.peerlab.core.run.PhaseSequencer;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.ReceiveBuilder;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The coordinator of one run, on the local and the cluster runtime alike: drives the run's phases
 * with the core's {@link PhaseSequencer}, enforces the deadline, gathers progress, errors and
 * every peer's stats, and completes {@code result} with one {@link RunOutcome}. Then it stops
 * itself (and, on the local runtime, its peers).
 *
 * <p>Where the peers live, how a phase reaches them and how their stats come back is the part of
 * its {@link Peers}: {@link LocalPeers} spawns them in this ActorSystem; the cluster runtime's
 * {@code ClusterPeers} prepares them on the nodes and counts the peers of a lost member as lost.
 */
public final class RunCoordinator extends AbstractBehavior<RunCoordinator.Command> {

  /** What the coordinator accepts: its own messages and those of its {@link Peers}. */
  public interface Command {}

  /**
   * Where the peers of a run live. Called on the coordinator's thread only; its messages (added by
   * {@link #receive}) reach it there too.
   */
  public interface Peers {
    /**
     * Starts or prepares the peers; calls {@link RunCoordinator#peersReady} once they can begin
     * (at once, or later from one of its own messages).
     */
    void start(RunCoordinator run);

    /** Adds this host's own messages to the coordinator's. */
    default void receive(ReceiveBuilder<Command> builder) {}

    /** Run time now, in nanoseconds since the run's origin. */
    long now();

    /** Every peer starts {@code phase}. */
    void begin(Phase phase);

    /** Asks every peer for its stats; they come back through {@link RunCoordinator#collected}. */
    void collect();

    /** True once every peer has handed in its stats or is lost. */
    boolean allIn();

    /** The peers did not all hand in their stats in time: note who is missing. */
    void collectTimedOut(Duration timeout);

    /**
     * The caller asked to stop (SIGINT, SIGTERM) during the measured phase: every peer stops
     * issuing ops (those not yet started count as not-started) and lets the ones in flight end.
     */
    default void drain() {}

    /** The run will not start: stops what was prepared; returns the outcome's reason. */
    String abort(String why);

    /** The run is over: stops delivering and counts (may add notes). */
    Tally end(PeerStats[] collected);
  }

  /** What the {@link Peers} counted at the end of a run. */
  public record Tally(List<PeerStats> stats, long messagesLost, long events, List<MemberFigures> members) {}

  private record Step(Runnable step) implements Command, NoSerializationVerificationNeeded {}

  private enum Timeout implements Command, NoSerializationVerificationNeeded {
    DEADLINE,
    COLLECT,
    /** Time to poll {@link RunControl#abort()} (SIGINT/SIGTERM in the CLI). */
    ABORT_POLL,
    /** The grace of ops in flight after a stop is over. */
    GRACE
  }

  /** How long ops in flight may still end after the caller asked to stop. */
  public static final Duration GRACE = Duration.ofSeconds(2);

  /** How often the run asks its caller whether to stop (SIGINT, SIGTERM). */
  private static final Duration ABORT_POLL = Duration.ofMillis(100);

  /** The note of a run its caller stopped; the scenario runner knows why (interrupted). */
  public static final String STOPPED = "run stopped by its caller";

  /** How long peers get to hand in their stats once the run has ended. */
  private static final Duration COLLECT_TIMEOUT = Duration.ofSeconds(30);

  private static final int MAX_ERROR_NOTES = 5;

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final RunSetup setup;
  private final RunControl control;
  private final CompletableFuture<RunOutcome> result;
  private final Peers peers;
  private final PhaseSequencer sequencer;
  private final PeerStats[] collected;
  private final List<String> notes = new ArrayList<>();
  private final List<String> errorNotes = new ArrayList<>();
  private long errors;
  private int collectedCount;
  private boolean started;
  private boolean collecting;
  private boolean deadlineHit;
  private boolean completed;

  public static Behavior<Command> create(
      RunSetup setup, RunControl control, CompletableFuture<RunOutcome> result, Peers peers) {
    return Behaviors.setup(
        ctx -> Behaviors.withTimers(
            timers -> new RunCoordinator(ctx, timers, setup, control, result, peers)));
  }

  private RunCoordinator(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      RunSetup setup,
      RunControl control,
      CompletableFuture<RunOutcome> result,
      Peers peers) {
    super(ctx);
    this.ctx = ctx;
    this.timers = timers;
    this.setup = setup;
    this.control = control;
    this.result = result;
    this.peers = peers;
    this.collected = new PeerStats[setup.peers()];
    this.sequencer =
        new PhaseSequencer(
            new SequencerHost(), setup.peers(), setup.topology().settleNanos(setup),
            setup.spec().phaseTimeoutNanos());
    timers.startSingleTimer(Timeout.DEADLINE, Duration.ofNanos(setup.spec().deadlineNanos()));
    timers.startTimerWithFixedDelay(Timeout.ABORT_POLL, ABORT_POLL);
    peers.start(this);
  }

  @Override
  public Receive<Command> createReceive() {
    ReceiveBuilder<Command> b =
        newReceiveBuilder()
            .onMessage(Step.class, this::onStep)
            .onMessageEquals(Timeout.DEADLINE, this::onDeadline)
            .onMessageEquals(Timeout.COLLECT, this::onCollectTimeout)
            .onMessageEquals(Timeout.ABORT_POLL, this::onAbortPoll)
            .onMessageEquals(Timeout.GRACE, this::onGraceOver);
    peers.receive(b);
    return b.build();
  }

  // ---- for the Peers ----

  public ActorContext<Command> context() {
    return ctx;
  }

  public TimerScheduler<Command> timers() {
    return timers;
  }

  public RunSetup setup() {
    return setup;
  }

  public RunControl control() {
    return control;
  }

  /** The phase the peers are in; null before the first. */
  public Phase phase() {
    return sequencer.current();
  }

  public boolean started() {
    return started;
  }

  public boolean collecting() {
    return collecting;
  }

  public boolean completed() {
    return completed;
  }

  /** The peers can begin: the run's first phase starts. */
  public void peersReady() {
    started = true;
    sequencer.start();
  }

  /** Peer {@code peer} finished {@code phase}. */
  public void phaseDone(int peer, Phase phase) {
    sequencer.phaseDone(peer, phase);
  }

  /** Peer logic threw {@code count} times; {@code first} says how, the first few times. */
  public void errors(long count, List<String> first) {
    errors += count;
    for (String e : first) {
      if (errorNotes.size() < MAX_ERROR_NOTES) {
        errorNotes.add(e);
      }
    }
  }

  /** A line for the outcome's notes. */
  public void note(String note) {
    notes.add(note);
  }

  /** The stats of the peer at {@code address}; the first copy counts. */
  public void collected(int address, PeerStats stats) {
    if (address >= 0 && address < collected.length && collected[address] == null) {
      collected[address] = stats;
      collectedCount++;
    }
  }

  /** How many peers have handed in their stats. */
  public int collectedCount() {
    return collectedCount;
  }

  /** Completes the run if every peer has handed in its stats or is lost. */
  public Behavior<Command> completeIfAllIn() {
    return peers.allIn() ? complete() : this;
  }

  /** The run will not start: its outcome says why, with every op failed. */
  public Behavior<Command> abort(String why) {
    if (completed) {
      return Behaviors.stopped();
    }
    String reason = peers.abort(why);
    completed = true;
    result.complete(Outcomes.notRun(setup, reason));
    return Behaviors.stopped();
  }

  // ---- the run ----

  private Behavior<Command> onStep(Step s) {
    if (!collecting && !completed) {
      s.step().run();
    }
    return this;
  }

  /** The caller asked to stop: no new phase, no new op; what the peers have is collected now. */
  private Behavior<Command> onAbortPoll() {
    if (!control.abort().getAsBoolean()) {
      return this;
    }
    timers.cancel(Timeout.ABORT_POLL);
    if (!started) {
      return abort(STOPPED + " before it started");
    }
    if (!collecting) {
      if (sequencer.current() == Phase.MEASURE) {
        // No new op; the ops in flight get a short grace, so the measured phase ends as it would
        // (and the run collects at once) if they all end in time.
        peers.drain();
        timers.startSingleTimer(Timeout.GRACE, GRACE);
        return this;
      }
      sequencer.cutShort(STOPPED);
      collect();
    }
    return this;
  }

  private Behavior<Command> onGraceOver() {
    if (!collecting) {
      sequencer.cutShort(STOPPED);
      collect();
    }
    return this;
  }

  private Behavior<Command> onDeadline() {
    String deadline = Durations.human(setup.spec().deadlineNanos());
    if (!started) {
      deadlineHit = true;
      return abort("the deadline of " + deadline + " passed while the nodes prepared the run");
    }
    if (!collecting) {
      deadlineHit = true;
      sequencer.cutShort("deadline of " + deadline + " reached");
      collect();
    }
    return this;
  }

  private void collect() {
    collecting = true;
    timers.cancel(Timeout.GRACE);
    timers.cancel(Timeout.DEADLINE);
    timers.cancel(Timeout.ABORT_POLL);
    peers.collect();
    timers.startSingleTimer(Timeout.COLLECT, COLLECT_TIMEOUT);
  }

  private Behavior<Command> onCollectTimeout() {
    peers.collectTimedOut(COLLECT_TIMEOUT);
    return complete();
  }

  private Behavior<Command> complete() {
    completed = true;
    Tally t = peers.end(collected);
    List<String> all = new ArrayList<>(sequencer.notes());
    all.addAll(notes);
    if (errors > 0) {
      all.add(errors + " errors in peer logic; first: " + String.join("; ", errorNotes));
    }
    result.complete(
        new RunOutcome(
            t.stats(), sequencer.measureStart(), sequencer.measureEnd(), deadlineHit, sequencer.current(),
            t.messagesLost(), t.events(), all, (int) Math.min(Integer.MAX_VALUE, errors), t.members(),
            sequencer.phases()));
    return Behaviors.stopped();
  }

  private final class SequencerHost implements PhaseSequencer.Host {
    @Override
    public long now() {
      return peers.now();
    }

    @Override
    public void beginAll(Phase phase) {
      control.progress().phaseStarted(phase, setup.opsIn(phase));
      peers.begin(phase);
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
