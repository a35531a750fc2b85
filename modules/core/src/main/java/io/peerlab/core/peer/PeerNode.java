package io.peerlab.core.peer;

import io.peerlab.core.api.Adversaries;
import io.peerlab.core.api.AdversarySettings;
import io.peerlab.core.api.Directory;
import io.peerlab.core.api.Failures;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.ObjectStore;
import io.peerlab.core.api.Offer;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.PeerInfo;
import io.peerlab.core.api.Phase;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.SwarmEvent;
import io.peerlab.core.api.Transfer;
import io.peerlab.core.api.TransferMessage;
import io.peerlab.core.churn.ChurnPlan;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.metrics.OpStats;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.metrics.UpkeepSeries;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.util.Seeds;
import io.peerlab.core.workload.ClientScript;
import io.peerlab.core.workload.Op;
import io.peerlab.core.workload.OpType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One peer's logic, whatever hosts it: its store, its overlay, its transfer strategy and, if it is
 * a client, the driver of its op script. It takes one event at a time from its host ({@link
 * #begin}, {@link #deliver}, {@link #fire}) and acts only through its {@link Port}. It reads no
 * clock but the port's and no randomness but its own seeded stream, so on the sim host a run is a
 * function of its seed.
 *
 * <p>Counting conventions (see docs/results.md): during the measured phase the node counts every
 * message it sends (per op type, by the message's op token) and every message it handles; a
 * client records, per op type, latency (from the op's intended start in open loop, from its actual
 * start in closed loop), hops to the answering peer, bytes and recall.
 */
public final class PeerNode {

  /** A protocol error of an op start, thrown once the ops due with it have started. */
  private ProtocolError deferred;

  private enum Owner {
    DRIVER,
    OVERLAY,
    TRANSFER
  }

  private static final Owner[] OWNERS = Owner.values();

  /** The ops in flight of every peer that has started none (never written). */
  private static final OpsInFlight<?> NO_OPS = new OpsInFlight<>();

  @SuppressWarnings("unchecked")
  private static OpsInFlight<Running> noOps() {
    return (OpsInFlight<Running>) NO_OPS;
  }

  private record OpTimeout(long token) {}

  private enum DriverTick {
    NEXT,
    /** This peer's next churn event is due. */
    CHURN
  }

  /** An op in flight. */
  private static final class Running {
    final Op op;
    final long token;
    final long intendedStart;
    final boolean measured;
    final Consumer<OpResult> whenDone; // null for the script's ops
    long timeoutHandle;
    int hops;
    double recall;
    Manifest manifest;
    int[] peers;
    Collection<Key> found;
    long bytes;
    boolean attacked; // the answer came from an adversary (results: attacked)

    Running(Op op, long token, long intendedStart, boolean measured, Consumer<OpResult> whenDone) {
      this.op = op;
      this.token = token;
      this.intendedStart = intendedStart;
      this.measured = measured;
      this.whenDone = whenDone;
    }

    OpResult result(boolean ok, String reason, long now) {
      return new OpResult(token, op.type(), ok, reason, now - intendedStart, hops, peers,
          found == null ? null : List.copyOf(found), recall, bytes, attacked);
    }
  }

  private final PeerInfo info;
  private final RunSetup setup;
  private final Port port;
  private final ObjectStore store;
  private final SplittableRandom random;
  private final PeerStats stats;
  private Overlay overlay; // replaced when the peer comes back after churn
  private Transfer transfer;
  private final ClientScript script;
  private final FetchSettings fetchSettings;
  private final Adversaries adversaries;
  /** {@code fetch.verify-manifests}: check every manifest received against its content id. */
  private final boolean verifyManifests;
  /** Peers caught announcing a forged manifest: never asked again in this run (verification on). */
  private java.util.BitSet blacklist; // made on the first forged manifest caught
  /** This peer is a {@code drop} adversary: it serves no one else's op. */
  private final boolean blackHole;
  /** Live timers by handle (a handle names a slot of the table; no map, no boxing). */
  private final TimerTable timers = new TimerTable();
  /** Ops in flight; a shared empty table until this peer starts its first op. */
  private OpsInFlight<Running> running;
  private int nextSeq;
  private int submitted; // ops in `running` that came from submit(), not the script
  private Phase phase;
  private boolean measuring;
  private boolean finished;

  // Driver state for the current phase.
  private List<Op> phaseOps = List.of();
  private int nextOp;
  private int endedOps;
  private long phaseStart;
  private boolean phaseReported;
  private boolean starting;
  private boolean startAgain;

  // Churn (docs/churn.md): this peer's events, whether it is down, and when its measured phase
  // began (the plan's times count from there).
  private ChurnPlan plan;
  private ChurnPlan.Life life;
  private boolean down;
  private boolean rejoining;
  private long churnBase;
  private UpkeepSeries upkeep;

  public PeerNode(int address, RunSetup setup, Port port) {
    this.info = setup.directory().get(address);
    this.setup = setup;
    this.port = port;
    this.store = setup.topology().initialStore(address, setup);
    this.random = Seeds.random(setup.spec().seed(), "peer", address);
    this.stats = new PeerStats(address, info.role());
    this.script = info.role().issues() ? setup.scriptAt(address) : null;
    this.running = script != null ? new OpsInFlight<>() : noOps();
    this.fetchSettings = setup.settings().get(FetchSettings.class);
    this.adversaries = Adversaries.of(setup);
    this.blackHole = adversaries.is(address, AdversarySettings.Behaviour.DROP);
    this.verifyManifests = AdversarySettings.of(setup.settings()).verifyManifests();
    this.overlay = setup.topology().overlay(new Ctx(Owner.OVERLAY));
    this.transfer = setup.spec().transfer().create(new Ctx(Owner.TRANSFER));
  }

  public int address() {
    return info.address();
  }

  public PeerInfo info() {
    return info;
  }

  public ObjectStore store() {
    return store;
  }

  /** For tests and observers: the overlay this node runs. */
  public Overlay overlay() {
    return overlay;
  }

  public Phase phase() {
    return phase;
  }

  /** True while this peer has ops in flight or not yet started in the current phase. */
  public boolean busy() {
    return !running.isEmpty() || nextOp < phaseOps.size();
  }

  // ---- events from the host ----

  /**
   * Start an op that is not in this peer's script: the entry point for ops issued from outside the
   * run (benchmarks, interactive and teaching use; see the runtime's LiveSystem). It runs through
   * the same overlay and transfer code as scripted ops, with the run's op timeout, and {@code
   * whenDone} gets its result on the node's thread when it ends, or a failure ("unfinished") when
   * the node finishes first. Submitted ops are not recorded in the op stats and do not hold up
   * the script. Tokens come from the same sequence as the script's, so on a deterministic host the
   * same submissions in the same order give the same run.
   *
   * @return the op's token
   */
  public long submit(Op op, Consumer<OpResult> whenDone) {
    if (finished || down) {
      whenDone.accept(new OpResult(OpToken.NONE, op.type(), false,
          finished ? Failures.UNFINISHED : Failures.CLIENT_DOWN, 0, 0, null, null, 0, 0, false));
      return OpToken.NONE;
    }
    submitted++;
    long token = OpToken.of(op.type(), info.address(), nextSeq);
    long started;
    try {
      started = startOp(op, port.now(), whenDone);
    } catch (RuntimeException e) {
      // whenDone runs exactly once: if the overlay threw before the op could end, end it here.
      Running r = running.get(token);
      if (r != null) {
        end(token, false, "error: " + e.getClass().getSimpleName());
      } else {
        submitted--;
        whenDone.accept(new OpResult(token, op.type(), false, "error: " + e.getClass().getSimpleName(),
            0, 0, null, null, 0, 0, false));
      }
      throw e;
    }
    throwDeferred();
    return started;
  }

  /** Start a phase on this peer. */
  public void begin(Phase p) {
    if (finished) {
      return;
    }
    phase = p;
    measuring = p == Phase.MEASURE;
    if (measuring) {
      startChurn();
    }
    try {
      switch (p) {
        case JOIN -> overlay.join();
        case PUBLISH -> overlay.publish();
        case WARMUP, MEASURE -> beginOps(p);
      }
    } catch (RuntimeException e) {
      throw protocolError(overlay, OpToken.NONE, e);
    }
  }

  /** A message from {@code from} has arrived. */
  public void deliver(int from, Message message) {
    if (finished || down) {
      return; // a peer that is down answers nothing
    }
    if (plan != null && plan.hasPartitions()
        && plan.partitioned(from, info.address(), port.now() - churnBase)) {
      return; // lost between the two sides of a partition
    }
    if (measuring) {
      stats.countHandled();
    }
    if (blackHole && message.op() != OpToken.NONE && OpToken.client(message.op()) != info.address()) {
      return; // a black hole: it keeps up its links (maintenance) but serves no one else's op
    }
    Object component = message instanceof TransferMessage ? transfer : overlay;
    try {
      if (component == transfer) {
        transfer.onMessage(from, message);
      } else {
        overlay.onMessage(from, message);
      }
    } catch (RuntimeException e) {
      throw protocolError(component, message.op(), e);
    }
  }

  /**
   * A component's exception, wrapped with its class for the host's note; the op it worked for (if
   * this peer runs it) fails with {@link Failures#PLUGIN_ERROR}. The peer carries on.
   */
  private ProtocolError protocolError(Object component, long op, RuntimeException e) {
    if (op != OpToken.NONE && running.containsKey(op)) {
      try {
        overlay.cancel(op);
        transfer.cancel(op);
      } catch (RuntimeException ignored) {
        // the error being reported is the first one
      }
      end(op, false, Failures.PLUGIN_ERROR);
    }
    Object part = component == transfer ? setup.spec().transfer() : setup.topology();
    return e instanceof ProtocolError pe ? pe : new ProtocolError(part, e);
  }

  /**
   * Whether the timer {@code handle} is still wanted: started and neither fired nor cancelled
   * (a host that cancels lazily skips the others).
   */
  public boolean timerPending(long handle) {
    return !finished && timers.contains(handle);
  }

  /** A timer started through the port has fired. */
  public void fire(long handle) {
    if (finished) {
      return;
    }
    if (!timers.contains(handle)) {
      return;
    }
    Owner owner = OWNERS[timers.owner(handle)];
    Object key = timers.key(handle);
    timers.remove(handle);
    try {
      switch (owner) {
        case OVERLAY -> overlay.onTimer(key);
        case TRANSFER -> transfer.onTimer(key);
        case DRIVER -> onDriverTimer(key);
      }
    } catch (RuntimeException e) {
      throw protocolError(owner == Owner.TRANSFER ? transfer : overlay, OpToken.NONE, e);
    }
  }

  /**
   * Stop this peer and return what it counted. Ops still in flight, and measured ops never
   * started, count as failed: a run that ends early reports what did not happen.
   */
  public PeerStats finish() {
    if (!finished) {
      finished = true;
      if (script != null) {
        if (phase == Phase.MEASURE) {
          for (Running r : running.values()) { // a copy
            if (r.measured) {
              recordFailure(r.op.type(), Failures.UNFINISHED, r.intendedStart);
            }
          }
          for (int i = nextOp; i < phaseOps.size(); i++) {
            recordFailure(phaseOps.get(i).type(), Failures.NOT_STARTED, -1);
          }
        } else {
          for (Op op : script.measured()) {
            recordFailure(op.type(), Failures.NOT_STARTED, -1);
          }
        }
      }
      for (Running r : running.values()) {
        if (r.whenDone != null) {
          r.whenDone.accept(r.result(false, Failures.UNFINISHED, port.now()));
        }
      }
      running.clear();
      timers.clear();
      measuring = false;
      if (plan != null) {
        stats.endState(!down, down ? null : heldObjects());
      }
      if (upkeep != null && upkeep.claim()) {
        stats.upkeep(upkeep.packed());
      }
    }
    return stats;
  }

  public PeerStats stats() {
    return stats;
  }

  // ---- the client driver ----

  private void beginOps(Phase p) {
    phaseOps = script == null ? List.of() : (p == Phase.WARMUP ? script.warmup() : script.measured());
    nextOp = 0;
    endedOps = 0;
    // The measured phase's ops and its churn plan count from one instant, so that which ops fall due
    // while the client is down does not depend on the time between two clock reads.
    phaseStart = p == Phase.MEASURE && measuring ? churnBase : port.now();
    phaseReported = false;
    if (phaseOps.isEmpty()) {
      reportPhase();
      return;
    }
    startDue();
  }

  private boolean openLoop() {
    return !phaseOps.isEmpty() && phaseOps.get(0).at() >= 0;
  }

  /**
   * Starts every op that is due now. Closed loop: the next op if none is running. Open loop: every
   * op whose intended start has passed, then a timer for the next. Trampolined, so ops that
   * complete synchronously do not recurse.
   */
  private void startDue() {
    if (down || rejoining) {
      return; // resumed when the peer is back and has joined
    }
    if (starting) {
      startAgain = true;
      return;
    }
    starting = true;
    try {
      do {
        startAgain = false;
        if (openLoop()) {
          long now = port.now();
          long departure = nextDeparture();
          while (nextOp < phaseOps.size() && phaseStart + phaseOps.get(nextOp).at() <= now
              && phaseStart + phaseOps.get(nextOp).at() < departure) {
            Op op = phaseOps.get(nextOp++);
            startOp(op, phaseStart + op.at(), null);
          }
          if (nextOp < phaseOps.size()
              && phaseStart + phaseOps.get(nextOp).at() < departure) {
            long due = phaseStart + phaseOps.get(nextOp).at();
            startTimer(Owner.DRIVER, due - now, DriverTick.NEXT);
          }
        } else if (running.size() == submitted && nextOp < phaseOps.size()) {
          startOp(phaseOps.get(nextOp++), port.now(), null);
        }
      } while (startAgain);
    } finally {
      starting = false;
    }
    throwDeferred();
  }

  /** The first protocol error of ops started in one go, reported once they have all started. */
  private void throwDeferred() {
    ProtocolError e = deferred;
    if (e != null && !starting) {
      deferred = null;
      throw e;
    }
  }

  private void onDriverTimer(Object key) {
    if (key instanceof OpTimeout t) {
      Running r = running.get(t.token);
      if (r != null) {
        r.timeoutHandle = 0;
        overlay.cancel(t.token);
        transfer.cancel(t.token);
        end(t.token, false, Failures.TIMEOUT);
      }
    } else if (key == DriverTick.NEXT) {
      startDue();
    } else if (key == DriverTick.CHURN) {
      ChurnPlan.Event e = life.peek();
      if (e != null && e.kind() != ChurnPlan.Kind.JOIN) {
        issueDueBefore(churnBase + e.atNanos());
      }
      e = life.next();
      if (e != null) {
        switch (e.kind()) {
          case CRASH -> goDown(Failures.PEER_CRASHED);
          case LEAVE -> leave();
          case JOIN -> comeBack();
        }
      }
      scheduleChurn();
    }
  }

  // ---- churn ----

  /**
   * When this peer's plan next takes it down (run clock), or never. Which ops are issued and which
   * fall due while the client is down is decided by these planned times, not by the order in
   * which a real host's timers happen to fire, so that {@code notIssued} is the same on every host.
   */
  private long nextDeparture() {
    if (life == null || down || phase != Phase.MEASURE) {
      return Long.MAX_VALUE;
    }
    ChurnPlan.Event e = life.peek();
    return e == null || e.kind() == ChurnPlan.Kind.JOIN ? Long.MAX_VALUE : churnBase + e.atNanos();
  }

  /**
   * A planned departure at {@code at} is being applied: open-loop ops due before it whose timers
   * have not fired yet (a real host's timers run a little late) are issued first, as they would
   * have been on time; the departure then ends them as it ends every op in flight.
   */
  private void issueDueBefore(long at) {
    if (down || rejoining || phase != Phase.MEASURE || !openLoop()) {
      return;
    }
    while (nextOp < phaseOps.size() && phaseStart + phaseOps.get(nextOp).at() < at) {
      Op op = phaseOps.get(nextOp++);
      startOp(op, phaseStart + op.at(), null);
    }
  }

  /** The measured phase begins: schedule this peer's first churn event, if it has any. */
  private void startChurn() {
    churnBase = port.now();
    upkeep = setup.derived(UpkeepSeries.class, s -> new UpkeepSeries());
    ChurnPlan p = ChurnPlan.of(setup);
    if (!p.active()) {
      return;
    }
    plan = p;
    life = p.life(info.address());
    scheduleChurn();
  }

  private void scheduleChurn() {
    ChurnPlan.Event next = life.peek();
    if (next != null) {
      startTimer(Owner.DRIVER, churnBase + next.atNanos() - port.now(), DriverTick.CHURN);
    }
  }

  /** A graceful leave: the overlay and the transfer hand over what they hold, then the peer stops. */
  private void leave() {
    if (down) {
      return;
    }
    try {
      overlay.leave();
      transfer.leave();
    } catch (RuntimeException e) {
      goDown(Failures.PEER_LEFT);
      throw protocolError(overlay, OpToken.NONE, e);
    }
    goDown(Failures.PEER_LEFT);
  }

  /**
   * The peer stops: its ops in flight fail with {@code reason}, its timers and its overlay's and
   * transfer's state are gone (its stored objects stay, as files on a disk would), and the ops of
   * its script that fall due before it comes back are not issued. A closed-loop script pauses
   * until the peer comes back; if it never does, its remaining ops are not issued.
   */
  private void goDown(String reason) {
    if (down) {
      return;
    }
    down = true;
    for (Running r : running.values()) {
      end(r.token, false, reason);
    }
    timers.clear();
    if (phase == Phase.MEASURE && script != null) {
      ChurnPlan.Event back = life == null ? null : life.peek();
      boolean returns = back != null && back.kind() == ChurnPlan.Kind.JOIN;
      if (returns && !openLoop()) {
        return; // closed loop: the script pauses while the client is down and goes on after
      }
      skipOps(returns ? churnBase + back.atNanos() : Long.MAX_VALUE, Failures.CLIENT_DOWN);
    }
  }

  /**
   * The peer comes back: a new overlay and transfer (what the old ones knew is lost) join through
   * the protocol; once the overlay says it has joined, it publishes the store and the script goes
   * on.
   */
  private void comeBack() {
    if (!down) {
      return;
    }
    down = false;
    rejoining = true;
    overlay = setup.topology().overlay(new Ctx(Owner.OVERLAY));
    transfer = setup.spec().transfer().create(new Ctx(Owner.TRANSFER));
    try {
      overlay.join();
    } catch (RuntimeException e) {
      throw protocolError(overlay, OpToken.NONE, e);
    }
  }

  /** The overlay has joined again after coming back: publish, then resume the script. */
  private void rejoined() {
    rejoining = false;
    try {
      overlay.publish();
    } catch (RuntimeException e) {
      throw protocolError(overlay, OpToken.NONE, e);
    }
    startDue();
  }

  private int[] heldObjects() {
    List<Integer> objects = store.objects();
    int[] held = new int[objects.size()];
    for (int i = 0; i < held.length; i++) {
      held[i] = objects.get(i);
    }
    return held;
  }

  /**
   * Stop issuing ops (the run's caller asked to stop: SIGINT, SIGTERM): the measured ops not yet
   * started count as {@code not-started}; those in flight may still end, and the phase is done
   * once they have. Call it on the node's thread, as every event.
   */
  public void drain() {
    if (!finished && script != null && (phase == Phase.WARMUP || phase == Phase.MEASURE)) {
      skipOps(Long.MAX_VALUE, Failures.NOT_STARTED);
    }
  }

  /**
   * Ends, unstarted, the script's ops of this phase due before {@code until} (run clock): measured
   * ones count as failed with {@code reason} ({@code client-down} apart from the timeline, as never
   * issued); the phase is done once nothing is left.
   */
  private void skipOps(long until, String reason) {
    while (nextOp < phaseOps.size() && phaseStart + phaseOps.get(nextOp).at() < until) {
      Op op = phaseOps.get(nextOp++);
      if (phase == Phase.MEASURE) {
        if (Failures.CLIENT_DOWN.equals(reason)) {
          stats.op(op.type()).recordFailed(reason);
        } else {
          recordFailure(op.type(), reason, -1);
        }
      }
      endedOps++;
    }
    if (endedOps == phaseOps.size()) {
      reportPhase();
    }
  }

  /**
   * Crash this peer now, outside the run's churn plan, exactly as a planned crash does (its ops in
   * flight fail with {@code peer-crashed}, its overlay's state is lost): for interactive and
   * teaching use, such as the demo's "kill". Call it on the node's thread, as every event.
   */
  public void crash() {
    if (!finished) {
      goDown(Failures.PEER_CRASHED);
    }
  }

  /**
   * Bring a crashed peer back now: a new overlay joins through the protocol, publishes, and the
   * script goes on, as a planned rejoin does. Nothing happens if the peer is up.
   */
  public void restart() {
    if (!finished && down) {
      comeBack();
    }
  }

  /** True while this peer is down (churn, a mass failure, an outage). */
  public boolean down() {
    return down;
  }

  private long startOp(Op op, long intendedStart, Consumer<OpResult> whenDone) {
    long token = OpToken.of(op.type(), info.address(), nextSeq++);
    Running r =
        new Running(op, token, intendedStart, whenDone == null && phase == Phase.MEASURE, whenDone);
    if (running == NO_OPS) {
      running = new OpsInFlight<>(); // a peer without a script gets its first op by submit()
    }
    running.put(token, r);
    if (whenDone == null) {
      port.started(op, r.measured); // the script's ops only, as for port.complete
    }
    r.timeoutHandle =
        startTimer(Owner.DRIVER, setup.spec().workload().opTimeoutNanos(), new OpTimeout(token));
    Key id = setup.catalog().id(op.object());
    try {
      switch (op.type()) {
        case LOOKUP -> overlay.lookup(token, id);
        case SEARCH -> overlay.search(token, op.keywords());
        case FETCH -> overlay.locate(token, id);
        default -> throw new IllegalStateException("not an op: " + op.type());
      }
    } catch (RuntimeException e) {
      // The op has failed; the ops after it still start, and the error surfaces after them.
      ProtocolError pe = protocolError(overlay, token, e);
      if (deferred == null) {
        deferred = pe;
      }
    }
    return token;
  }

  /** A measured op failed; {@code start} is its intended start, -1 if it never started. */
  private void recordFailure(OpType type, String reason, long start) {
    stats.completed(port.now(), type, false, start);
    OpStats s = stats.op(type);
    s.recordFailed(reason);
    if (type == OpType.SEARCH) {
      s.recordRecall(0);
    }
  }

  private void end(long token, boolean ok, String reason) {
    Running r = running.remove(token);
    if (r == null) {
      return;
    }
    if (r.timeoutHandle != 0) {
      cancelTimer(r.timeoutHandle);
    }
    long now = port.now();
    if (r.whenDone != null) {
      submitted--;
      r.whenDone.accept(r.result(ok, reason, now));
      return;
    }
    if (r.measured) {
      OpStats s = stats.op(r.op.type());
      if (r.attacked) {
        s.mark(OpStats.ATTACKED, 1);
      }
      if (ok && r.manifest != null && adversaries.active() && !genuine(setup.catalog(), r.manifest)) {
        s.mark(OpStats.FORGED_ACCEPTED, 1); // must never happen: fetched() rejects forged objects
      }
      if (ok) {
        stats.completed(now, r.op.type(), true, r.intendedStart);
        s.recordOk(now - r.intendedStart, r.hops);
        stats.span(r.intendedStart, now);
        if (r.op.type() == OpType.SEARCH) {
          s.recordRecall(r.recall);
        }
      } else {
        recordFailure(r.op.type(), reason, r.intendedStart);
      }
    }
    port.complete(token, ok, r.measured);
    endedOps++;
    if (endedOps == phaseOps.size()) {
      reportPhase();
    } else if (!openLoop()) {
      long think = setup.spec().workload().thinkTimeNanos();
      if (think > 0) {
        startTimer(Owner.DRIVER, think, DriverTick.NEXT);
      } else {
        startDue();
      }
    }
  }

  private void reportPhase() {
    if (!phaseReported) {
      phaseReported = true;
      port.phaseDone(phase);
    }
  }

  private void succeed(long token, int hops) {
    Running r = running.get(token);
    if (r != null) {
      r.hops = hops;
      end(token, true, null);
    }
  }

  // ---- timers ----

  private long startTimer(Owner owner, long delayNanos, Object key) {
    long handle = timers.add(owner.ordinal(), key);
    port.startTimer(Math.max(0, delayNanos), handle);
    return handle;
  }

  private void cancelTimer(long handle) {
    if (timers.remove(handle)) {
      port.cancelTimer(handle);
    }
  }

  private void send(int to, Message m) {
    if (to < 0 || to >= setup.peers()) {
      throw new IllegalArgumentException(
          "sent " + m.getClass().getName() + " to peer " + to + ", which does not exist (addresses 0.."
              + (setup.peers() - 1) + ")");
    }
    if (measuring) {
      OpType type = OpToken.type(m.op());
      int wire = m.wireSize();
      stats.countSent(type, wire, m.contentBytes());
      if (type == OpType.OTHER && upkeep != null) {
        upkeep.add(port.now(), wire);
      }
    }
    port.send(to, m);
  }

  /**
   * True when {@code m} is the object's own manifest: its content id is the one the catalog's
   * object has (the id a fetch or a search result names is trusted; a manifest is checked against
   * it). Judges answers for results; a peer's own check is {@code fetch.verify-manifests}.
   */
  private static boolean genuine(Catalog catalog, Manifest m) {
    int i = catalog.indexOf(m.id());
    if (i < 0 || i != m.index()) {
      return false;
    }
    Manifest real = catalog.manifest(i);
    return m == real || m.contentId().equals(real.contentId());
  }

  /**
   * Whether naming {@code peer} in a lookup's answer for {@code object} is an adversary's doing:
   * in a DHT, the lookup ended at a malicious peer (it answers for the key, whatever it says); where
   * a lookup names holders, a lying (poison or misroute) malicious peer named as a holder of an
   * object it did not hold at the start. (One that downloaded the object since is counted too: a
   * liar's copy is not told from its claim.)
   */
  private boolean lie(int peer, int object) {
    if (!adversaries.malicious(peer)) {
      return false;
    }
    if (!setup.topology().lookupNamesHolders()) {
      return true;
    }
    AdversarySettings.Behaviour b = adversaries.behaviour();
    return (b == AdversarySettings.Behaviour.POISON || b == AdversarySettings.Behaviour.MISROUTE)
        && !setup.topology().initialStore(peer, setup).has(object);
  }

  /** The context one component sees; timers it starts come back to it. */
  private final class Ctx implements NodeContext {
    private final Owner owner;

    Ctx(Owner owner) {
      this.owner = owner;
    }

    @Override
    public int self() {
      return info.address();
    }

    @Override
    public Key key() {
      return info.key();
    }

    @Override
    public boolean rejoining() {
      return rejoining;
    }

    @Override
    public Role role() {
      return info.role();
    }

    @Override
    public Directory directory() {
      return setup.directory();
    }

    @Override
    public RunSetup setup() {
      return setup;
    }

    @Override
    public ObjectStore store() {
      return store;
    }

    @Override
    public SplittableRandom random() {
      return random;
    }

    @Override
    public long now() {
      return port.now();
    }

    @Override
    public void send(int to, Message message) {
      PeerNode.this.send(to, message);
    }

    @Override
    public long startTimer(long delayNanos, Object key) {
      return PeerNode.this.startTimer(owner, delayNanos, key);
    }

    @Override
    public void cancelTimer(long handle) {
      PeerNode.this.cancelTimer(handle);
    }

    @Override
    public void joined() {
      if (phase == Phase.JOIN) {
        port.phaseDone(Phase.JOIN);
      } else if (rejoining && !down) {
        rejoined();
      }
    }

    @Override
    public void published() {
      if (phase == Phase.PUBLISH) {
        port.phaseDone(Phase.PUBLISH);
      }
    }

    @Override
    public void lookupDone(long op, int[] responsible, int hops) {
      Running r = running.get(op);
      if (r == null) {
        return;
      }
      r.peers = responsible;
      if (responsible.length == 0) {
        end(op, false, Failures.NOT_FOUND);
      } else {
        r.attacked = adversaries.active() && lie(responsible[0], r.op.object());
        succeed(op, hops);
      }
    }

    @Override
    public List<Offer> verify(List<Offer> offers, boolean keepEmpty) {
      if (!verifyManifests) {
        return offers;
      }
      Catalog catalog = setup.catalog();
      boolean[] forged = new boolean[offers.size()];
      for (int i = 0; i < forged.length; i++) {
        Offer o = offers.get(i);
        forged[i] = !genuine(catalog, o.manifest());
        if (forged[i]) {
          for (int h : o.holders()) {
            if (h != info.address()) {
              if (blacklist == null) {
                blacklist = new java.util.BitSet();
              }
              blacklist.set(h);
            }
          }
        }
      }
      // Every forger is blacklisted first, so that none stays among a genuine offer's holders.
      List<Offer> kept = new ArrayList<>(offers.size());
      for (int i = 0; i < forged.length; i++) {
        Offer o = offers.get(i);
        if (forged[i]) {
          continue;
        }
        int[] holders = o.holders();
        int n = 0;
        for (int h : holders) {
          if (!blacklisted(h)) {
            holders[n++] = h;
          }
        }
        if (n > 0 || keepEmpty) {
          kept.add(n == holders.length ? o : new Offer(o.manifest(), java.util.Arrays.copyOf(holders, n)));
        }
      }
      return kept;
    }

    @Override
    public boolean blacklisted(int peer) {
      return blacklist != null && blacklist.get(peer);
    }

    @Override
    public void searchHits(long op, List<Manifest> hits, int hops) {
      Running r = running.get(op);
      if (r == null) {
        return;
      }
      Set<Key> found = new java.util.LinkedHashSet<>();
      int poisoned = 0;
      Catalog catalog = setup.catalog();
      for (Manifest m : hits) {
        if (!genuine(catalog, m)) {
          poisoned++;
        } else {
          found.add(m.id());
        }
      }
      poisonedHits(r, hits.size(), poisoned);
      search(r, op, found, hops);
    }

    @Override
    public void searchDone(long op, Collection<Key> found, int hops) {
      Running r = running.get(op);
      if (r == null) {
        return;
      }
      if (adversaries.active()) {
        int poisoned = 0;
        for (Key k : found) {
          if (setup.catalog().indexOf(k) < 0) {
            poisoned++; // an id no object has: a decoy
          }
        }
        poisonedHits(r, found.size(), poisoned);
      }
      search(r, op, found, hops);
    }

    private void poisonedHits(Running r, int hits, int poisoned) {
      if (poisoned > 0) {
        r.attacked = true;
      }
      if (r.measured && adversaries.active()) {
        OpStats s = stats.op(OpType.SEARCH);
        s.mark(OpStats.HITS, hits);
        s.mark(OpStats.POISONED_HITS, poisoned);
      }
    }

    private void search(Running r, long op, Collection<Key> found, int hops) {
      Catalog catalog = setup.catalog();
      int[] expected = catalog.matching(r.op.keywords());
      Set<Integer> got = new HashSet<>();
      for (Key k : found) {
        got.add(catalog.indexOf(k));
      }
      int hit = 0;
      for (int e : expected) {
        if (got.contains(e)) {
          hit++;
        }
      }
      r.recall = expected.length == 0 ? 1.0 : (double) hit / expected.length;
      r.found = found;
      if (found.isEmpty()) {
        r.hops = hops;
        end(op, false, Failures.NOT_FOUND);
      } else {
        succeed(op, hops);
      }
    }

    @Override
    public void located(long op, Manifest manifest, int[] holders, int hops) {
      Running r = running.get(op);
      if (r == null) {
        return;
      }
      r.hops = hops;
      if (adversaries.active() && !genuine(setup.catalog(), manifest)) {
        r.attacked = true; // a forged manifest reached this fetch
      }
      if (verifyManifests && verify(List.of(new Offer(manifest, holders)), true).isEmpty()) {
        // The overlay passed on a forged manifest unchecked (the DHTs' records): refused here,
        // before a byte is downloaded; its holders are blacklisted by verify().
        end(op, false, Failures.FORGED);
        return;
      }
      r.manifest = manifest;
      List<Integer> others = new ArrayList<>(holders.length);
      for (int h : holders) {
        if (h != info.address() && !blacklisted(h) && !others.contains(h)) {
          others.add(h);
        }
      }
      r.peers = others.stream().mapToInt(Integer::intValue).toArray();
      if (others.isEmpty()) {
        if (store.has(manifest.index())) {
          fetched(op, 0);
        } else {
          end(op, false, Failures.NOT_FOUND);
        }
        return;
      }
      transfer.fetch(op, manifest, r.peers.clone());
    }

    @Override
    public void fetched(long op, long bytes) {
      Running r = running.get(op);
      if (r == null) {
        return;
      }
      Manifest m = r.manifest;
      if (m != null && adversaries.active() && !genuine(setup.catalog(), m)) {
        // The whole object is checked against the id the fetch started from: content that only
        // matches a forged manifest is thrown away, never accepted as good.
        if (measuring) {
          stats.countWasted(bytes);
        }
        transfer.cancel(op);
        end(op, false, Failures.POISONED);
        return;
      }
      r.bytes = bytes;
      if (r.measured) {
        stats.op(OpType.FETCH).recordFetch(bytes, port.now() - r.intendedStart);
      }
      end(op, true, null);
      if (m != null && fetchSettings.shareDownloads() && info.role().serves()
          && !store.has(m.index())
          && !adversaries.is(info.address(), AdversarySettings.Behaviour.FREE_RIDE)) {
        store.add(m.index());
        overlay.announce(m);
      }
    }

    @Override
    public void failed(long op, String reason) {
      end(op, false, reason);
    }

    @Override
    public void chunkRejected() {
      chunkRejected(0);
    }

    @Override
    public void chunkRejected(long bytes) {
      if (measuring) {
        stats.countRejectedChunk();
        stats.countWasted(bytes);
      }
    }

    @Override
    public void announceSwarm(long op, Key objectId, SwarmEvent event, int want) {
      overlay.announceSwarm(op, objectId, event, want);
    }

    @Override
    public void swarmMembers(long op, Key objectId, int[] members) {
      transfer.onSwarmMembers(objectId, members);
    }
  }
}
