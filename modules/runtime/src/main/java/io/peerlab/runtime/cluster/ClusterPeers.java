package io.peerlab.runtime.cluster;

import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.metrics.MemberFigures;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.workload.ClientScript;
import io.peerlab.core.workload.Op;
import io.peerlab.core.workload.OpType;
import io.peerlab.runtime.RunCoordinator;
import io.peerlab.runtime.serialization.CborSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.ReceiveBuilder;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The peers of a run on the cluster, as the {@link RunCoordinator} in the run process sees them:
 * prepares the run on every node (each hosts a share of the peers, {@link Assignment}), starts the
 * members' clocks, feeds the coordinator the members' batched reports, and at the end gathers
 * every peer's stats and every member's figures -- the same outcome the local runtime produces,
 * plus per-member figures.
 *
 * <p>A member that becomes unreachable, leaves or stops during the run is lost for the rest of it:
 * its peers count as done for every phase (so the run goes on), their measured ops count as failed
 * ({@value #MEMBER_LOST}), the others stop sending to it, and the run still ends by its deadline.
 */
public final class ClusterPeers implements RunCoordinator.Peers {

  /** The failure reason of the measured ops of peers on a lost member. */
  public static final String MEMBER_LOST = "member-lost";

  /** A node has built its share of the run. */
  public record Prepared(
      long runId, int member, ActorRef<MemberRun.Command> run, ActorRef<Inbound.Command> inbound,
      ActorRef<Inbound.Command> bulk)
      implements RunCoordinator.Command, CborSerializable {}

  public record PrepareFailed(long runId, int member, String reason) implements RunCoordinator.Command, CborSerializable {}

  /** Peers of one phase that reported it done. */
  public record PhaseReport(Phase phase, int[] peers) {}

  /** What a member's peers reported since its last batch. */
  public record Reports(
      long runId, int member, List<PhaseReport> phases, long okMeasured, long failedMeasured,
      long okOther, long failedOther, long errors, List<String> errorNotes)
      implements RunCoordinator.Command, CborSerializable {
    public Reports {
      phases = List.copyOf(phases);
      errorNotes = List.copyOf(errorNotes);
    }
  }

  public record StatsBatch(long runId, int member, List<StatsCodec.WirePeerStats> stats)
      implements RunCoordinator.Command, CborSerializable {
    public StatsBatch {
      stats = List.copyOf(stats);
    }
  }

  /** The member has handed in every stats batch; these are its figures. */
  public record MemberDone(long runId, int member, MemberFigures figures)
      implements RunCoordinator.Command, CborSerializable {}

  private record MemberGone(Address address, String how)
      implements RunCoordinator.Command, NoSerializationVerificationNeeded {}

  private record RunStopped(int member) implements RunCoordinator.Command, NoSerializationVerificationNeeded {}

  private record LostPeersDone(Phase phase) implements RunCoordinator.Command, NoSerializationVerificationNeeded {}

  private enum PrepareTimeout implements RunCoordinator.Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** A node the run uses, as the runtime found it. */
  public record Node(String address, Address pekkoAddress, ActorRef<NodeGuardian.Command> guardian, long clockOffsetNanos) {}

  private final long runId;
  private final List<Node> nodes;
  private final boolean networkModel;
  private final List<String> startNotes;
  private final Assignment assignment;
  private final List<ActorRef<MemberRun.Command>> runs = new ArrayList<>();
  private final List<MemberRun.MemberRefs> refs = new ArrayList<>();
  private final boolean[] lost;
  private final boolean[] done;
  private final MemberFigures[] figures;
  private RunCoordinator run;
  private RunSetup setup;
  private ActorContext<RunCoordinator.Command> ctx;
  private int prepared;
  private long origin;

  /**
   * @param networkModel whether the network model applies on top of the real network
   * @param notes notes for the outcome known before the run (fewer nodes than asked for)
   */
  public ClusterPeers(long runId, List<Node> nodes, boolean networkModel, List<String> notes) {
    this.runId = runId;
    this.nodes = List.copyOf(nodes);
    this.networkModel = networkModel;
    this.startNotes = List.copyOf(notes);
    this.assignment = new Assignment(nodes.size());
    this.lost = new boolean[nodes.size()];
    this.done = new boolean[nodes.size()];
    this.figures = new MemberFigures[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      runs.add(null);
      refs.add(null);
    }
  }

  @Override
  public void start(RunCoordinator run) {
    this.run = run;
    this.setup = run.setup();
    this.ctx = run.context();
    startNotes.forEach(run::note);
    if (run.control().observer() != null) {
      run.note("the cluster runtime does not show deliveries to message observers");
    }
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

    run.timers().startSingleTimer(
        PrepareTimeout.INSTANCE,
        Duration.ofNanos(Math.min(setup.spec().phaseTimeoutNanos(), setup.spec().deadlineNanos())));
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      n.guardian().tell(
          new NodeGuardian.Prepare(runId, setup.spec(), i, nodes.size(), networkModel,
              n.clockOffsetNanos() / 1e6, ctx.getSelf()));
    }
  }

  @Override
  public void receive(ReceiveBuilder<RunCoordinator.Command> builder) {
    builder
        .onMessage(Prepared.class, this::onPrepared)
        .onMessage(PrepareFailed.class, f -> run.abort(f.reason()))
        .onMessage(Reports.class, this::onReports)
        .onMessage(StatsBatch.class, this::onStats)
        .onMessage(MemberDone.class, this::onMemberDone)
        .onMessage(MemberGone.class, this::onMemberGone)
        .onMessage(RunStopped.class, this::onRunStopped)
        .onMessage(LostPeersDone.class, this::onLostPeersDone)
        .onMessageEquals(PrepareTimeout.INSTANCE, this::onPrepareTimeout);
  }

  // ---- preparing ----

  private Behavior<RunCoordinator.Command> onPrepared(Prepared p) {
    if (p.runId() != runId || run.started() || runs.get(p.member()) != null) {
      return run;
    }
    runs.set(p.member(), p.run());
    refs.set(p.member(), new MemberRun.MemberRefs(nodes.get(p.member()).address(), p.inbound(), p.bulk()));
    ctx.watchWith(p.run(), new RunStopped(p.member()));
    if (++prepared == nodes.size()) {
      run.timers().cancel(PrepareTimeout.INSTANCE);
      origin = System.nanoTime();
      for (int i = 0; i < nodes.size(); i++) {
        runs.get(i).tell(new MemberRun.Start(origin + nodes.get(i).clockOffsetNanos(), refs));
      }
      run.peersReady();
    }
    return run;
  }

  private Behavior<RunCoordinator.Command> onPrepareTimeout() {
    if (run.started()) {
      return run;
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (runs.get(i) == null) {
        missing.add(nodes.get(i).address());
      }
    }
    return run.abort("nodes " + missing + " did not prepare the run in time");
  }

  @Override
  public String abort(String why) {
    for (ActorRef<MemberRun.Command> r : runs) {
      if (r != null) {
        r.tell(new MemberRun.Abort(why));
      }
    }
    return "cluster run not started: " + why;
  }

  // ---- running ----

  @Override
  public long now() {
    return System.nanoTime() - origin;
  }

  @Override
  public void drain() {
    for (int i = 0; i < runs.size(); i++) {
      if (!lost[i]) {
        runs.get(i).tell(new MemberRun.Drain(runId));
      }
    }
  }

  @Override
  public void begin(Phase phase) {
    for (int i = 0; i < runs.size(); i++) {
      if (!lost[i]) {
        runs.get(i).tell(new MemberRun.BeginPhase(phase));
      }
    }
    ctx.getSelf().tell(new LostPeersDone(phase));
  }

  private Behavior<RunCoordinator.Command> onReports(Reports r) {
    if (r.runId() != runId || lost[r.member()] || run.completed()) {
      return run;
    }
    for (PhaseReport p : r.phases()) {
      for (int peer : p.peers()) {
        run.phaseDone(peer, p.phase());
      }
    }
    var progress = run.control().progress();
    for (long i = 0; i < r.okMeasured(); i++) {
      progress.opEnded(true, true);
    }
    for (long i = 0; i < r.failedMeasured(); i++) {
      progress.opEnded(false, true);
    }
    for (long i = 0; i < r.okOther(); i++) {
      progress.opEnded(true, false);
    }
    for (long i = 0; i < r.failedOther(); i++) {
      progress.opEnded(false, false);
    }
    run.errors(r.errors(), r.errorNotes());
    return run;
  }

  private Behavior<RunCoordinator.Command> onLostPeersDone(LostPeersDone d) {
    if (run.phase() == d.phase()) {
      reportLostPeers();
    }
    return run;
  }

  private void reportLostPeers() {
    Phase phase = run.phase();
    if (phase == null) {
      return;
    }
    for (int m = 0; m < lost.length; m++) {
      if (lost[m]) {
        for (int peer : assignment.peersOf(m, setup.peers())) {
          run.phaseDone(peer, phase);
        }
      }
    }
  }

  /**
   * A member's share of the run stopped. While collecting this is how every member ends (and its
   * death notice may overtake its last message), so only earlier stops count as a loss; a crash
   * while collecting shows as unreachability or, at worst, the collect timeout.
   */
  private Behavior<RunCoordinator.Command> onRunStopped(RunStopped s) {
    return run.collecting() ? run : lose(s.member(), "stopped its share of the run");
  }

  private Behavior<RunCoordinator.Command> onMemberGone(MemberGone g) {
    if (g.address() == null) {
      return run;
    }
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).pekkoAddress().equals(g.address())) {
        return lose(i, g.how());
      }
    }
    return run;
  }

  private Behavior<RunCoordinator.Command> lose(int m, String how) {
    if (lost[m] || done[m] || run.completed()) {
      return run;
    }
    lost[m] = true;
    int peers = assignment.peersOf(m, setup.peers()).size();
    Phase phase = run.phase();
    run.note(String.format(Locale.ROOT, "member %s %s during the %s; its %d peers count as lost",
        nodes.get(m).address(), how,
        run.collecting() ? "collection of stats"
            : phase == null ? "preparation" : phase.name().toLowerCase(Locale.ROOT) + " phase",
        peers));
    if (!run.started()) {
      return run.abort("member " + nodes.get(m).address() + " " + how + " while the run was being prepared");
    }
    for (int i = 0; i < runs.size(); i++) {
      if (i != m && !lost[i] && runs.get(i) != null) {
        runs.get(i).tell(new MemberRun.MemberLost(m));
      }
    }
    if (run.collecting()) {
      return run.completeIfAllIn();
    }
    reportLostPeers();
    return run;
  }

  // ---- collecting ----

  @Override
  public void collect() {
    for (int i = 0; i < runs.size(); i++) {
      if (!lost[i]) {
        // Members stop once they have handed in their stats; no need to hear about it.
        ctx.unwatch(runs.get(i));
        runs.get(i).tell(new MemberRun.Collect(runId));
      }
    }
  }

  private Behavior<RunCoordinator.Command> onStats(StatsBatch b) {
    if (b.runId() != runId || lost[b.member()] || run.completed()) {
      return run;
    }
    for (StatsCodec.WirePeerStats w : b.stats()) {
      run.collected(w.address(), StatsCodec.decode(w));
    }
    return run;
  }

  private Behavior<RunCoordinator.Command> onMemberDone(MemberDone d) {
    if (d.runId() != runId || lost[d.member()] || run.completed()) {
      return run;
    }
    done[d.member()] = true;
    figures[d.member()] = d.figures();
    return run.collecting() ? run.completeIfAllIn() : run;
  }

  @Override
  public boolean allIn() {
    for (int i = 0; i < nodes.size(); i++) {
      if (!lost[i] && !done[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void collectTimedOut(Duration timeout) {
    for (int i = 0; i < nodes.size(); i++) {
      if (!lost[i] && !done[i]) {
        lost[i] = true;
        run.note("member " + nodes.get(i).address() + " did not hand in its stats within "
            + timeout.toSeconds() + " s; its peers count as lost");
      }
    }
  }

  @Override
  public RunCoordinator.Tally end(PeerStats[] collected) {
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
      run.note(missing + " peers lost with their members; their measured ops count as failed ("
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
    return new RunCoordinator.Tally(stats, messagesLost, events, members);
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
}
