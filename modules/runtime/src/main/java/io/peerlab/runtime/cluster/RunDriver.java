package io.peerlab.runtime.cluster;

import io.peerlab.core.metrics.MemberFigures;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.api.Phase;
import io.peerlab.core.run.Outcomes;
import io.peerlab.core.run.PhaseSequencer;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.workload.ClientScript;
import io.peerlab.core.workload.Op;
import io.peerlab.core.workload.OpType;
import io.peerlab.runtime.serialization.CborSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The coordinator of one run on the cluster, in the run process: prepares the run on every node
 * (each hosts a share of the peers, {@link Assignment}), starts the members' clocks, drives the
 * core's {@link PhaseSequencer} from the members' batched reports, enforces the deadline, and at
 * the end gathers every peer's stats and every member's figures into one {@link RunOutcome} -- the
 * same outcome the local runtime produces, plus per-member figures.
 *
 * <p>A member that becomes unreachable, leaves or stops during the run is lost for the rest of it:
 * its peers count as done for every phase (so the run goes on), their measured ops count as failed
 * ({@value #MEMBER_LOST}), the others stop sending to it, and the run still ends by its deadline.
 */
public final class RunDriver extends AbstractBehavior<RunDriver.Command> {

  /** The failure reason of the measured ops of peers on a lost member. */
  public static final String MEMBER_LOST = "member-lost";

  public sealed interface Command {}

  /** A node has built its share of the run. */
  public record Prepared(
      long runId, int member, ActorRef<MemberRun.Command> run, ActorRef<Inbound.Command> inbound,
      ActorRef<Inbound.Command> bulk)
      implements Command, CborSerializable {}

  public record PrepareFailed(long runId, int member, String reason) implements Command, CborSerializable {}

  /** Peers of one phase that reported it done. */
  public record PhaseReport(Phase phase, int[] peers) {}

  /** What a member's peers reported since its last batch. */
  public record Reports(
      long runId, int member, List<PhaseReport> phases, long okMeasured, long failedMeasured,
      long okOther, long failedOther, long errors, List<String> errorNotes)
      implements Command, CborSerializable {
    public Reports {
      phases = List.copyOf(phases);
      errorNotes = List.copyOf(errorNotes);
    }
  }

  public record StatsBatch(long runId, int member, List<StatsCodec.WirePeerStats> stats)
      implements Command, CborSerializable {
    public StatsBatch {
      stats = List.copyOf(stats);
    }
  }

  /** The member has handed in every stats batch; these are its figures. */
  public record MemberDone(long runId, int member, MemberFigures figures) implements Command, CborSerializable {}

  private record Step(Runnable step) implements Command, NoSerializationVerificationNeeded {}

  private record MemberGone(Address address, String how) implements Command, NoSerializationVerificationNeeded {}

  private record RunStopped(int member) implements Command, NoSerializationVerificationNeeded {}

  private record LostPeersDone(Phase phase) implements Command, NoSerializationVerificationNeeded {}

  private enum Timeout implements Command {
    DEADLINE,
    PREPARE,
    COLLECT
  }

  /** A node the run uses, as the runtime found it. */
  public record Node(String address, Address pekkoAddress, ActorRef<NodeGuardian.Command> guardian, long clockOffsetNanos) {}

  private static final Duration COLLECT_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_ERROR_NOTES = 5;

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final RunSetup setup;
  private final RunControl control;
  private final CompletableFuture<RunOutcome> result;
  private final long runId;
  private final List<Node> nodes;
  private final Assignment assignment;
  private final PhaseSequencer sequencer;
  private final List<ActorRef<MemberRun.Command>> runs = new ArrayList<>();
  private final List<MemberRun.MemberRefs> refs = new ArrayList<>();
  private final boolean[] lost;
  private final boolean[] done;
  private final MemberFigures[] figures;
  private final PeerStats[] collected;
  private final List<String> notes = new ArrayList<>();
  private final List<String> errorNotes = new ArrayList<>();
  private long errors;
  private int prepared;
  private long origin;
  private boolean started;
  private boolean collecting;
  private boolean deadlineHit;
  private boolean completed;

  public static Behavior<Command> create(
      RunSetup setup, RunControl control, CompletableFuture<RunOutcome> result, long runId,
      List<Node> nodes, boolean networkModel, List<String> notes) {
    return Behaviors.setup(
        ctx -> Behaviors.withTimers(
            timers -> new RunDriver(ctx, timers, setup, control, result, runId, nodes, networkModel, notes)));
  }

  private RunDriver(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      RunSetup setup,
      RunControl control,
      CompletableFuture<RunOutcome> result,
      long runId,
      List<Node> nodes,
      boolean networkModel,
      List<String> notes) {
    super(ctx);
    this.ctx = ctx;
    this.timers = timers;
    this.setup = setup;
    this.control = control;
    this.result = result;
    this.runId = runId;
    this.nodes = List.copyOf(nodes);
    this.assignment = new Assignment(nodes.size());
    this.lost = new boolean[nodes.size()];
    this.done = new boolean[nodes.size()];
    this.figures = new MemberFigures[nodes.size()];
    this.collected = new PeerStats[setup.peers()];
    this.notes.addAll(notes);
    if (control.observer() != null) {
      this.notes.add("the cluster runtime does not show deliveries to message observers");
    }
    for (int i = 0; i < nodes.size(); i++) {
      runs.add(null);
      refs.add(null);
    }
    this.sequencer =
        new PhaseSequencer(
            new SequencerHost(), setup.peers(), setup.topology().settleNanos(setup),
            setup.spec().phaseTimeoutNanos());

    ActorRef<ClusterEvent.ReachabilityEvent> reach =
        ctx.messageAdapter(ClusterEvent.ReachabilityEvent.class,
            e -> e instanceof ClusterEvent.UnreachableMember u
                ? new MemberGone(u.member().address(), "became unreachable")
                : new MemberGone(null, null));
    ActorRef<ClusterEvent.MemberEvent> members =
        ctx.messageAdapter(ClusterEvent.MemberEvent.class,
            e -> e instanceof ClusterEvent.MemberRemoved || e instanceof ClusterEvent.MemberExited
                    || e instanceof ClusterEvent.MemberLeft || e instanceof ClusterEvent.MemberDowned
                ? new MemberGone(e.member().address(), "left the cluster")
                : new MemberGone(null, null));
    Cluster cluster = Cluster.get(ctx.getSystem());
    cluster.subscriptions().tell(Subscribe.create(reach, ClusterEvent.ReachabilityEvent.class));
    cluster.subscriptions().tell(Subscribe.create(members, ClusterEvent.MemberEvent.class));

    timers.startSingleTimer(Timeout.DEADLINE, Duration.ofNanos(setup.spec().deadlineNanos()));
    timers.startSingleTimer(
        Timeout.PREPARE,
        Duration.ofNanos(Math.min(setup.spec().phaseTimeoutNanos(), setup.spec().deadlineNanos())));
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      n.guardian().tell(
          new NodeGuardian.Prepare(runId, setup.spec(), i, nodes.size(), networkModel,
              n.clockOffsetNanos() / 1e6, ctx.getSelf()));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Prepared.class, this::onPrepared)
        .onMessage(PrepareFailed.class, f -> abort(f.reason()))
        .onMessage(Reports.class, this::onReports)
        .onMessage(StatsBatch.class, this::onStats)
        .onMessage(MemberDone.class, this::onMemberDone)
        .onMessage(Step.class, this::onStep)
        .onMessage(MemberGone.class, this::onMemberGone)
        .onMessage(RunStopped.class, this::onRunStopped)
        .onMessage(LostPeersDone.class, this::onLostPeersDone)
        .onMessageEquals(Timeout.DEADLINE, this::onDeadline)
        .onMessageEquals(Timeout.PREPARE, this::onPrepareTimeout)
        .onMessageEquals(Timeout.COLLECT, this::onCollectTimeout)
        .build();
  }

  // ---- preparing ----

  private Behavior<Command> onPrepared(Prepared p) {
    if (p.runId() != runId || started || runs.get(p.member()) != null) {
      return this;
    }
    runs.set(p.member(), p.run());
    refs.set(p.member(), new MemberRun.MemberRefs(nodes.get(p.member()).address(), p.inbound(), p.bulk()));
    ctx.watchWith(p.run(), new RunStopped(p.member()));
    if (++prepared == nodes.size()) {
      timers.cancel(Timeout.PREPARE);
      started = true;
      origin = System.nanoTime();
      for (int i = 0; i < nodes.size(); i++) {
        runs.get(i).tell(new MemberRun.Start(origin + nodes.get(i).clockOffsetNanos(), refs));
      }
      sequencer.start();
    }
    return this;
  }

  private Behavior<Command> onPrepareTimeout() {
    if (started) {
      return this;
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (runs.get(i) == null) {
        missing.add(nodes.get(i).address());
      }
    }
    return abort("nodes " + missing + " did not prepare the run in time");
  }

  private Behavior<Command> abort(String why) {
    if (completed) {
      return Behaviors.stopped();
    }
    for (ActorRef<MemberRun.Command> r : runs) {
      if (r != null) {
        r.tell(new MemberRun.Abort(why));
      }
    }
    completed = true;
    result.complete(Outcomes.notRun(setup, "cluster run not started: " + why));
    return Behaviors.stopped();
  }

  // ---- running ----

  private Behavior<Command> onReports(Reports r) {
    if (r.runId() != runId || lost[r.member()] || completed) {
      return this;
    }
    for (PhaseReport p : r.phases()) {
      for (int peer : p.peers()) {
        sequencer.phaseDone(peer, p.phase());
      }
    }
    for (long i = 0; i < r.okMeasured(); i++) {
      control.progress().opEnded(true, true);
    }
    for (long i = 0; i < r.failedMeasured(); i++) {
      control.progress().opEnded(false, true);
    }
    for (long i = 0; i < r.okOther(); i++) {
      control.progress().opEnded(true, false);
    }
    for (long i = 0; i < r.failedOther(); i++) {
      control.progress().opEnded(false, false);
    }
    errors += r.errors();
    for (String e : r.errorNotes()) {
      if (errorNotes.size() < MAX_ERROR_NOTES) {
        errorNotes.add(e);
      }
    }
    return this;
  }

  private Behavior<Command> onStep(Step s) {
    if (!collecting && !completed) {
      s.step().run();
    }
    return this;
  }

  private Behavior<Command> onLostPeersDone(LostPeersDone d) {
    if (sequencer.current() == d.phase()) {
      reportLostPeers();
    }
    return this;
  }

  private void reportLostPeers() {
    Phase phase = sequencer.current();
    if (phase == null) {
      return;
    }
    for (int m = 0; m < lost.length; m++) {
      if (lost[m]) {
        for (int peer : assignment.peersOf(m, setup.peers())) {
          sequencer.phaseDone(peer, phase);
        }
      }
    }
  }

  /**
   * A member's share of the run stopped. While collecting this is how every member ends (and its
   * death notice may overtake its last message), so only earlier stops count as a loss; a crash
   * while collecting shows as unreachability or, at worst, the collect timeout.
   */
  private Behavior<Command> onRunStopped(RunStopped s) {
    return collecting ? this : lose(s.member(), "stopped its share of the run");
  }

  private Behavior<Command> onMemberGone(MemberGone g) {
    if (g.address() == null) {
      return this;
    }
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).pekkoAddress().equals(g.address())) {
        return lose(i, g.how());
      }
    }
    return this;
  }

  private Behavior<Command> lose(int m, String how) {
    if (lost[m] || done[m] || completed) {
      return this;
    }
    lost[m] = true;
    int peers = assignment.peersOf(m, setup.peers()).size();
    Phase phase = sequencer.current();
    notes.add(String.format(Locale.ROOT, "member %s %s during the %s; its %d peers count as lost",
        nodes.get(m).address(), how,
        collecting ? "collection of stats" : phase == null ? "preparation" : phase.name().toLowerCase(Locale.ROOT) + " phase",
        peers));
    if (!started) {
      return abort("member " + nodes.get(m).address() + " " + how + " while the run was being prepared");
    }
    for (int i = 0; i < runs.size(); i++) {
      if (i != m && !lost[i] && runs.get(i) != null) {
        runs.get(i).tell(new MemberRun.MemberLost(m));
      }
    }
    if (collecting) {
      return completeIfAllIn();
    }
    reportLostPeers();
    return this;
  }

  private Behavior<Command> onDeadline() {
    if (!started) {
      deadlineHit = true;
      return abort("the deadline of " + Duration.ofNanos(setup.spec().deadlineNanos())
          + " passed while the nodes prepared the run");
    }
    if (!collecting) {
      deadlineHit = true;
      sequencer.cutShort("deadline of " + Duration.ofNanos(setup.spec().deadlineNanos()) + " reached");
      collect();
    }
    return this;
  }

  private void collect() {
    collecting = true;
    timers.cancel(Timeout.DEADLINE);
    for (int i = 0; i < runs.size(); i++) {
      if (!lost[i]) {
        // Members stop once they have handed in their stats; no need to hear about it.
        ctx.unwatch(runs.get(i));
        runs.get(i).tell(new MemberRun.Collect(runId));
      }
    }
    timers.startSingleTimer(Timeout.COLLECT, COLLECT_TIMEOUT);
  }

  // ---- collecting ----

  private Behavior<Command> onStats(StatsBatch b) {
    if (b.runId() != runId || lost[b.member()] || completed) {
      return this;
    }
    for (StatsCodec.WirePeerStats w : b.stats()) {
      if (w.address() >= 0 && w.address() < collected.length) {
        collected[w.address()] = StatsCodec.decode(w);
      }
    }
    return this;
  }

  private Behavior<Command> onMemberDone(MemberDone d) {
    if (d.runId() != runId || lost[d.member()] || completed) {
      return this;
    }
    done[d.member()] = true;
    figures[d.member()] = d.figures();
    return collecting ? completeIfAllIn() : this;
  }

  private Behavior<Command> onCollectTimeout() {
    for (int i = 0; i < nodes.size(); i++) {
      if (!lost[i] && !done[i]) {
        lost[i] = true;
        notes.add("member " + nodes.get(i).address() + " did not hand in its stats within "
            + COLLECT_TIMEOUT.toSeconds() + " s; its peers count as lost");
      }
    }
    return completeIfAllIn();
  }

  private Behavior<Command> completeIfAllIn() {
    for (int i = 0; i < nodes.size(); i++) {
      if (!lost[i] && !done[i]) {
        return this;
      }
    }
    completed = true;
    List<PeerStats> stats = new ArrayList<>();
    int missing = 0;
    for (int a = 0; a < collected.length; a++) {
      if (collected[a] != null) {
        stats.add(collected[a]);
      } else {
        stats.add(lostPeer(a));
        missing++;
      }
    }
    if (missing > 0) {
      notes.add(missing + " peers lost with their members; their measured ops count as failed ("
          + MEMBER_LOST + ")");
    }
    List<MemberFigures> members = new ArrayList<>();
    long messagesLost = 0;
    long events = 0;
    for (int i = 0; i < nodes.size(); i++) {
      MemberFigures f = figures[i];
      if (f == null || lost[i]) {
        f = new MemberFigures(
            nodes.get(i).address(), assignment.peersOf(i, setup.peers()).size(), 0, 0, 0, 0, 0, 0, 0, 0,
            nodes.get(i).clockOffsetNanos() / 1e6, true);
      }
      members.add(f);
      messagesLost += f.messagesLost();
      events += f.events();
    }
    List<String> all = new ArrayList<>(sequencer.notes());
    all.addAll(notes);
    if (errors > 0) {
      all.add(errors + " errors in peer logic; first: " + String.join("; ", errorNotes));
    }
    result.complete(
        new RunOutcome(
            stats, sequencer.measureStart(), sequencer.measureEnd(), deadlineHit, sequencer.current(),
            messagesLost, events, all, (int) Math.min(Integer.MAX_VALUE, errors), members));
    return Behaviors.stopped();
  }

  /** The stats of a peer whose member was lost: every measured op of its script failed. */
  private PeerStats lostPeer(int address) {
    PeerStats s = new PeerStats(address, setup.directory().get(address).role());
    ClientScript script = s.role().issues() ? setup.scriptAt(address) : null;
    if (script != null) {
      for (Op op : script.measured()) {
        s.op(op.type()).recordFailed(MEMBER_LOST);
        if (op.type() == OpType.SEARCH) {
          s.op(op.type()).recordRecall(0);
        }
      }
    }
    return s;
  }

  private final class SequencerHost implements PhaseSequencer.Host {
    @Override
    public long now() {
      return System.nanoTime() - origin;
    }

    @Override
    public void beginAll(Phase phase) {
      control.progress().phaseStarted(phase, setup.opsIn(phase));
      for (int i = 0; i < runs.size(); i++) {
        if (!lost[i]) {
          runs.get(i).tell(new MemberRun.BeginPhase(phase));
        }
      }
      ctx.getSelf().tell(new LostPeersDone(phase));
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
