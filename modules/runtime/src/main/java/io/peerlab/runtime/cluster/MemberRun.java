package io.peerlab.runtime.cluster;

import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.metrics.MemberFigures;
import io.peerlab.runtime.DeliveryScheduler;
import io.peerlab.runtime.PeerActor;
import io.peerlab.runtime.RunCoordinator;
import io.peerlab.runtime.serialization.CborSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One run on one node: hosts the node's share of the peers ({@link Assignment}) as {@link
 * PeerActor}s over a {@link ClusterFabric}, begins phases when the coordinator says, batches the
 * peers' phase reports and progress to it every few milliseconds, and at the end hands in every
 * peer's stats (encoded, {@link StatsCodec}) and this member's figures, then stops with its peers.
 * It also stops if the coordinator goes away or the run outlives its deadline by a margin, so a
 * node never keeps a dead run.
 *
 * <p>Lifecycle: created by {@link NodeGuardian} on {@code Prepare} (builds the run's setup, replies
 * {@code Prepared}) -> {@link Start} (spawns the peers, wires the fabric) -> {@link BeginPhase}... ->
 * {@link Collect} -> stopped.
 */
public final class MemberRun extends AbstractBehavior<MemberRun.Command> {

  public sealed interface Command {}

  /** A member's inbound actors, as the coordinator lists them. */
  public record MemberRefs(
      String address, ActorRef<Inbound.Command> inbound, ActorRef<Inbound.Command> bulk) {}

  /**
   * Every member is prepared: spawn the peers and start the clock.
   *
   * @param originNanos time 0 of the run in this member's {@code System.nanoTime()}
   */
  public record Start(long originNanos, List<MemberRefs> members) implements Command, CborSerializable {
    public Start {
      members = List.copyOf(members);
    }
  }

  public record BeginPhase(Phase phase) implements Command, CborSerializable {}

  /** The run's caller asked to stop: the peers here stop issuing ops (RunCoordinator.GRACE). */
  public record Drain(long runId) implements Command, CborSerializable {}

  /** Stop the peers and hand in their stats. */
  public record Collect(long runId) implements Command, CborSerializable {}

  /** Member {@code member} was lost: stop sending to it. */
  public record MemberLost(int member) implements Command, CborSerializable {}

  /** The coordinator gives up on the run. */
  public record Abort(String why) implements Command, CborSerializable {}

  /**
   * {@link PeerStream}, to the receiving member: tell {@code ackTo} {@link Expecting} now, and
   * tell {@code sender} {@link StreamHandled} once {@code total} peer messages in all have arrived
   * from other members and every peer here has handled what reached it.
   */
  public record Expect(long total, ActorRef<Command> sender, ActorRef<RunCoordinator.Command> ackTo)
      implements Command, CborSerializable {}

  /**
   * {@link PeerStream}, to the sending member: send {@code messages} {@link StreamMessage}s with
   * {@code pad} bytes of padding, round robin from the peers here to {@code receivers}, each
   * through its sender's {@code PeerActor}, without waiting for anything (the {@link Outbox}es'
   * credit windows pace them), and reply {@link PeerStream.Streamed} to {@code replyTo} when the
   * receiving member says they have all been handled.
   */
  public record Stream(long messages, int pad, int[] receivers, ActorRef<RunCoordinator.Command> replyTo)
      implements Command, CborSerializable {}

  /** The receiving member's answer to the stream: {@code total} messages handled in all. */
  public record StreamHandled(long total) implements Command, CborSerializable {}

  private record AllArrived(long total) implements Command, NoSerializationVerificationNeeded {}

  private record Probed(long total) implements Command, NoSerializationVerificationNeeded {}

  private record PeerFinished(PeerActor.Finished finished) implements Command, NoSerializationVerificationNeeded {}

  private enum Local implements Command {
    TICK,
    COORDINATOR_GONE,
    GIVE_UP,
    COLLECT_TIMEOUT
  }

  private static final Duration TICK = Duration.ofMillis(10);
  private static final Duration COLLECT_TIMEOUT = Duration.ofSeconds(20);
  /** How long past the run's deadline a node keeps a run whose coordinator went silent. */
  private static final Duration GIVE_UP_MARGIN = Duration.ofSeconds(120);
  /** Stats batches stay well under Artery's 256 KiB frame. */
  private static final int BATCH_BYTES = 96 * 1024;

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final long runId;
  private final int member;
  private final int members;
  private final RunSetup setup;
  private final boolean networkModel;
  private final double clockOffsetMs;
  private final ActorRef<RunCoordinator.Command> coordinator;
  private final ActorRef<Inbound.Command> inbound;
  private final ActorRef<Inbound.Command> bulk;
  private final List<Integer> hosted;
  private final List<ActorRef<PeerActor.Command>> peers = new ArrayList<>();
  private ClusterFabric fabric;
  private DeliveryScheduler scheduler;
  private final List<StatsCodec.WirePeerStats> batch = new ArrayList<>();
  private int batchBytes;
  private int finished;
  private boolean collecting;
  private String address;
  // PeerStream: the sender's stream in progress, and the receiver's probes of its peers.
  private Stream stream;
  private long streamStart;
  private long streamed;
  private int probed;
  private ActorRef<Command> streamSender;

  static Behavior<Command> create(
      long runId, RunSetup setup, int member, int members, boolean networkModel, double clockOffsetMs,
      ActorRef<RunCoordinator.Command> coordinator) {
    return Behaviors.setup(
        ctx -> Behaviors.withTimers(
            timers -> new MemberRun(ctx, timers, runId, setup, member, members, networkModel, clockOffsetMs, coordinator)));
  }

  private MemberRun(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      long runId,
      RunSetup setup,
      int member,
      int members,
      boolean networkModel,
      double clockOffsetMs,
      ActorRef<RunCoordinator.Command> coordinator) {
    super(ctx);
    this.ctx = ctx;
    this.timers = timers;
    this.runId = runId;
    this.member = member;
    this.members = members;
    this.setup = setup;
    this.networkModel = networkModel && setup.spec().network().enabled();
    this.clockOffsetMs = clockOffsetMs;
    this.coordinator = coordinator;
    this.hosted = new Assignment(members).peersOf(member, setup.peers());
    this.inbound = ctx.spawn(Inbound.create(false), "inbound");
    this.bulk = ctx.spawn(Inbound.create(true), "bulk");
    this.address = HostPort.of(ctx.getSystem().address());
    ctx.watchWith(coordinator, Local.COORDINATOR_GONE);
    timers.startSingleTimer(
        Local.GIVE_UP, Duration.ofNanos(setup.spec().deadlineNanos()).plus(GIVE_UP_MARGIN));
    coordinator.tell(new ClusterPeers.Prepared(runId, member, ctx.getSelf(), inbound, bulk));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, this::onStart)
        .onMessage(BeginPhase.class, this::onBegin)
        .onMessage(Drain.class, d -> onDrain())
        .onMessage(Collect.class, c -> onCollect())
        .onMessage(MemberLost.class, this::onMemberLost)
        .onMessage(Abort.class, a -> Behaviors.stopped())
        .onMessage(PeerFinished.class, this::onPeerFinished)
        .onMessage(Expect.class, this::onExpect)
        .onMessage(AllArrived.class, this::onAllArrived)
        .onMessage(Probed.class, this::onProbed)
        .onMessage(Stream.class, this::onStream)
        .onMessage(StreamHandled.class, this::onStreamHandled)
        .onMessageEquals(Local.TICK, this::onTick)
        .onMessageEquals(Local.COLLECT_TIMEOUT, this::done)
        .onMessageEquals(Local.COORDINATOR_GONE, Behaviors::stopped)
        .onMessageEquals(Local.GIVE_UP, Behaviors::stopped)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> onStart(Start s) {
    if (fabric != null) {
      return this;
    }
    if (s.members().size() != members) {
      return Behaviors.stopped();
    }
    address = s.members().get(member).address();
    ActorRef<PeerActor.Command>[] byAddress = new ActorRef[setup.peers()];
    List<ActorRef<Inbound.Command>> control = new ArrayList<>();
    List<ActorRef<Inbound.Command>> bulks = new ArrayList<>();
    for (MemberRefs m : s.members()) {
      control.add(m.inbound());
      bulks.add(m.bulk());
    }
    // The peers' refs are known before they exist, so the fabric is complete when the first
    // peer starts; spawning happens right below, before any Begin reaches them.
    fabric = new ClusterFabric(member, new Assignment(members), networkModel, byAddress, control, bulks);
    scheduler = new DeliveryScheduler(setup.newNetworkModel(), fabric, s.originNanos(), "peerlab-delivery-" + runId);
    fabric.wire(scheduler);
    for (int a : hosted) {
      ActorRef<PeerActor.Command> p = ctx.spawn(PeerActor.create(a, setup, fabric), "peer-" + a);
      byAddress[a] = p;
      peers.add(p);
    }
    inbound.tell(new Inbound.Wired(fabric));
    bulk.tell(new Inbound.Wired(fabric));
    timers.startTimerWithFixedDelay(Local.TICK, TICK);
    return this;
  }

  private Behavior<Command> onDrain() {
    for (ActorRef<PeerActor.Command> p : peers) {
      p.tell(new PeerActor.WithNode(io.peerlab.core.peer.PeerNode::drain));
    }
    return this;
  }

  private Behavior<Command> onBegin(BeginPhase b) {
    if (fabric == null || collecting) {
      return this;
    }
    if (b.phase() == Phase.MEASURE) {
      fabric.measuring(true);
    }
    for (ActorRef<PeerActor.Command> p : peers) {
      p.tell(new PeerActor.Begin(b.phase()));
    }
    return this;
  }

  private Behavior<Command> onMemberLost(MemberLost l) {
    if (fabric != null) {
      fabric.lose(l.member());
    }
    return this;
  }

  private Behavior<Command> onTick() {
    if (fabric == null) {
      return this;
    }
    Map<Phase, List<Integer>> byPhase = new EnumMap<>(Phase.class);
    long[] r;
    while ((r = fabric.phaseReports.poll()) != null) {
      byPhase.computeIfAbsent(Phase.values()[(int) r[1]], k -> new ArrayList<>()).add((int) r[0]);
    }
    long okM = fabric.okMeasured.sumThenReset();
    long failM = fabric.failedMeasured.sumThenReset();
    long okO = fabric.okOther.sumThenReset();
    long failO = fabric.failedOther.sumThenReset();
    long errors = fabric.errorCount.sumThenReset();
    List<String> notes = new ArrayList<>();
    String e;
    while ((e = fabric.errors.poll()) != null) {
      notes.add(e);
    }
    if (byPhase.isEmpty() && okM + failM + okO + failO + errors == 0) {
      return this;
    }
    List<ClusterPeers.PhaseReport> reports = new ArrayList<>();
    byPhase.forEach(
        (phase, list) -> reports.add(
            new ClusterPeers.PhaseReport(phase, list.stream().mapToInt(Integer::intValue).toArray())));
    coordinator.tell(new ClusterPeers.Reports(runId, member, reports, okM, failM, okO, failO, errors, notes));
    return this;
  }

  // ---- PeerStream ----

  private Behavior<Command> onExpect(Expect e) {
    if (fabric == null) {
      return this;
    }
    streamSender = e.sender();
    ActorRef<Command> self = ctx.getSelf();
    fabric.whenArrived(e.total(), () -> self.tell(new AllArrived(e.total())));
    e.ackTo().tell(new PeerStream.Expecting(e.total()));
    return this;
  }

  /**
   * Every message has reached a peer's mailbox: ask each peer for a probe, which it answers after
   * what is ahead of it in its mailbox; once all have answered, tell the sender.
   */
  private Behavior<Command> onAllArrived(AllArrived a) {
    ActorRef<Command> self = ctx.getSelf();
    probed = 0;
    for (ActorRef<PeerActor.Command> peer : peers) {
      peer.tell(new PeerActor.WithNode(node -> self.tell(new Probed(a.total()))));
    }
    return peers.isEmpty() ? onProbed(new Probed(a.total())) : this;
  }

  private Behavior<Command> onProbed(Probed p) {
    if (++probed >= peers.size()) {
      streamSender.tell(new StreamHandled(p.total()));
    }
    return this;
  }

  private Behavior<Command> onStream(Stream s) {
    if (fabric == null || peers.isEmpty() || s.receivers().length == 0 || stream != null) {
      return this;
    }
    stream = s;
    byte[] pad = new byte[s.pad()];
    streamStart = System.nanoTime();
    for (long i = 0; i < s.messages(); i++) {
      int to = s.receivers()[(int) (i % s.receivers().length)];
      peers.get((int) (i % peers.size())).tell(new PeerActor.Send(to, new StreamMessage(streamed + i, pad)));
    }
    streamed += s.messages();
    return this;
  }

  private Behavior<Command> onStreamHandled(StreamHandled h) {
    if (stream == null || h.total() != streamed) {
      return this;
    }
    long nanos = System.nanoTime() - streamStart;
    int[] r = stream.receivers();
    int frame = Frames.bytes(ctx.getSystem(),
        new Inbound.Transit(hosted.get(0), r[0], -1, -1, false, new StreamMessage(streamed, new byte[stream.pad()])));
    stream.replyTo().tell(new PeerStream.Streamed(stream.messages(), nanos, frame));
    stream = null;
    return this;
  }

  private Behavior<Command> onCollect() {
    if (collecting) {
      return this;
    }
    collecting = true;
    if (fabric == null) {
      return done();
    }
    fabric.measuring(false);
    onTick();
    timers.cancel(Local.TICK);
    ActorRef<PeerActor.Finished> replyTo = ctx.messageAdapter(PeerActor.Finished.class, PeerFinished::new);
    for (ActorRef<PeerActor.Command> p : peers) {
      p.tell(new PeerActor.Finish(replyTo));
    }
    timers.startSingleTimer(Local.COLLECT_TIMEOUT, COLLECT_TIMEOUT);
    if (peers.isEmpty()) {
      return done();
    }
    return this;
  }

  private Behavior<Command> onPeerFinished(PeerFinished f) {
    StatsCodec.WirePeerStats w = StatsCodec.encode(f.finished().stats());
    batch.add(w);
    batchBytes += w.approximateSize();
    if (batchBytes >= BATCH_BYTES) {
      flushBatch();
    }
    finished++;
    return finished == peers.size() ? done() : this;
  }

  private void flushBatch() {
    if (!batch.isEmpty()) {
      coordinator.tell(new ClusterPeers.StatsBatch(runId, member, List.copyOf(batch)));
      batch.clear();
      batchBytes = 0;
    }
  }

  private Behavior<Command> done() {
    flushBatch();
    MemberFigures figures =
        fabric == null
            ? new MemberFigures(address, hosted.size(), 0, 0, 0, 0, 0, 0, 0, 0, clockOffsetMs, false)
            : fabric.figures(address, clockOffsetMs);
    coordinator.tell(new ClusterPeers.MemberDone(runId, member, figures));
    ctx.unwatch(coordinator);
    return Behaviors.stopped();
  }

  private Behavior<Command> onStop() {
    if (scheduler != null) {
      scheduler.close();
    }
    return this;
  }
}
