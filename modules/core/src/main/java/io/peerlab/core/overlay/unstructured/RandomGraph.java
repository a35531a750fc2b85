package io.peerlab.core.overlay.unstructured;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.overlay.common.Upkeep;
import io.peerlab.core.overlay.unstructured.GraphMessage.Beacon;
import io.peerlab.core.overlay.unstructured.GraphMessage.Bye;
import io.peerlab.core.overlay.unstructured.GraphMessage.Link;
import io.peerlab.core.overlay.unstructured.GraphMessage.LinkAck;
import io.peerlab.core.overlay.unstructured.GraphMessage.LinkAnswer;
import io.peerlab.core.overlay.unstructured.GraphMessage.LinkAsk;
import io.peerlab.core.overlay.unstructured.GraphMessage.LinkDeclined;
import io.peerlab.core.overlay.unstructured.GraphMessage.Ping;
import io.peerlab.core.overlay.unstructured.GraphMessage.Pong;
import io.peerlab.core.overlay.unstructured.GraphMessage.Split;
import io.peerlab.core.overlay.unstructured.GraphMessage.SplitAccepted;
import io.peerlab.core.overlay.unstructured.GraphMessage.SplitRefused;
import io.peerlab.core.overlay.unstructured.GraphMessage.Walk;
import io.peerlab.core.overlay.unstructured.GraphMessage.WalkFailed;
import io.peerlab.core.util.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One member's view of a random d-regular overlay graph, built without global knowledge by edge
 * splitting (Law and Siu, "Distributed construction of random expander networks", INFOCOM 2003;
 * Cooper, Dyer and Greenhill's SWAN): the first {@code d + 1} members (the bootstrap peers, well
 * known like Gnutella's host caches) start as a clique; every other member joins by sending
 * {@code d / 2} random walks of {@code joinWalkLength} steps from a random bootstrap peer. Where a
 * walk ends, that peer U picks a random neighbour V and asks it to split their edge: U–V becomes
 * U–X–V. Every old member keeps its degree and the newcomer gets two links per split, so the graph
 * stays d-regular and connected, and the walks make it a random expander.
 *
 * <p>Concurrent joins. A peer that is itself still joining splits edges only for joiners that
 * {@linkplain #precedes precede} it in a fixed tournament (for any two peers exactly one precedes
 * the other), so two joiners never split for each other, which would link them twice and lose an
 * edge; settled members split for anyone. (Ordering by address instead would also be safe but
 * starves high addresses: at 10^4 simultaneous joins it cost ten times the messages.) U locks the
 * edge U–V until V answers; V refuses if the edge is gone, if V may not act for this joiner, if V
 * already links to (or is splitting for) the joiner, or if V has locked the same edge itself and
 * has the lower address (so of two crossing requests on one edge exactly one wins). A walk that
 * ends where no edge can be split walks on one step at a time ({@code extra}), up to {@link
 * #EXTENSION_FACTOR} times its length, so joins spread over the graph as it grows; past that the
 * joiner hears of it and sends a new walk. Without loss every joiner thus ends with exactly {@code
 * d} links.
 *
 * <p>Losses. Every step is retried after {@code joinTimeout}: the joiner sends a new walk when no
 * link came for one (at most {@link #WALK_ATTEMPTS} walks per split), U repeats its split request
 * (V answers a repeat from memory), a link is repeated until acknowledged (both at most {@link
 * #ATTEMPTS} times). When a walk the joiner gave up on completes after all, the joiner takes it
 * only if it has no other walk out and fewer than {@code d} links; otherwise it declines both links
 * and U and V link to each other again. Under loss a member may still end with fewer links than
 * {@code d}.
 *
 * <p>Connectivity check and repair. After joining (the PUBLISH phase), the first bootstrap peer
 * floods one {@link Beacon}; every member forwards it once. A member that has not heard it within
 * {@code joinTimeout} is cut off from the bootstrap peer's component and rejoins with one more
 * split through a bootstrap peer (up to {@link #REPAIR_ATTEMPTS} walks), which links it back to
 * that component.
 *
 * <p>Upkeep under churn (runs with {@code peerlab.churn} or {@code peerlab.faults} failures only,
 * so the figures of runs without them stay as they were; docs/overlays/flooding.md, "Churn and
 * repair"). Once joined, a member pings each neighbour every {@code joinTimeout / 2}; a neighbour
 * answers with a {@link Pong} that lists its own neighbours, which the member remembers as known
 * peers (at most {@link #KNOWN} of them). A neighbour not heard for {@link #MISSED_PINGS} ping
 * intervals is dropped (a member that does not know the pinger as its neighbour does not answer,
 * so one-sided links go too). A member with fewer than {@code d} links asks one peer at a time to
 * link to it ({@link LinkAsk}), first the other neighbours of the neighbour it found dead (from
 * that one's last pong); the peer links if it is short of links itself, which is the common case
 * after a crash, since all {@code d} neighbours of the crashed member lost one link each. A member
 * two or more links short with no such peer left to ask splits an edge again as a joiner does
 * (every other walk starts at a random neighbour, or, for a member with none, at a random peer of
 * the directory, as a host cache would name one, since bootstrap peers may be down too); a member
 * one link short asks its other known peers. So a member ends with {@code d - 1} to {@code d + 1}
 * links (a split on top of a late link may overshoot by one). A member that leaves gracefully
 * says {@link Bye} to its neighbours, naming the others, so they drop it at once and pair up
 * without waiting for silence. A peer that comes back joins afresh.
 *
 * <p>Used by {@code flooding} and {@code random-walk} over all peers and by {@code super-peer} over
 * its super-peers. Messages are {@link GraphMessage}s; timers come back through {@link #onTimer}.
 */
public final class RandomGraph {

  /** Tries of a one-hop step (a split request, a link) before giving up. */
  public static final int ATTEMPTS = 5;

  /** Walks a joiner sends for one split before it gives up on it (a walk is many hops). */
  public static final int WALK_ATTEMPTS = 10;

  /** Walks a cut-off member sends, one after another, to rejoin. */
  public static final int REPAIR_ATTEMPTS = 2 * WALK_ATTEMPTS;

  /** A walk that found no edge to split walks on for at most this many times its length. */
  public static final int EXTENSION_FACTOR = 20;

  /** Known peers (from neighbours' pongs) a member remembers for repair. */
  public static final int KNOWN = 64;

  /** Ping intervals without an answer after which a neighbour is dropped. */
  public static final int MISSED_PINGS = 3;

  enum TimerKind {
    SLOT,
    SPLIT,
    LINK,
    BEACON,
    PING
  }

  /** A timer of this graph; owners hand every timer key to {@link #onTimer}, which takes these. */
  record Timer(TimerKind kind, long id) {}

  /** A walk this member sent as a joiner, waiting for the links of its split. */
  private static final class Slot {
    final int attempt;
    final Set<Integer> links = new HashSet<>();
    long timer;

    Slot(int attempt) {
      this.attempt = attempt;
    }
  }

  /** A split this member asked for at the end of a walk: it has locked the edge to {@code far}. */
  private static final class Attempt {
    final long id;
    final int joiner;
    final int extra;
    final Set<Integer> tried;
    int far;
    int sends;
    long timer;

    Attempt(long id, int joiner, int extra, Set<Integer> tried) {
      this.id = id;
      this.joiner = joiner;
      this.extra = extra;
      this.tried = tried;
    }
  }

  /** A link announced to a joiner and not yet acknowledged; {@code replaced} is the old end. */
  private static final class LinkOut {
    final int joiner;
    final int replaced;
    int sends;
    long timer;

    LinkOut(int joiner, int replaced) {
      this.joiner = joiner;
      this.replaced = replaced;
    }
  }

  private final NodeContext ctx;
  private final GraphSettings settings;
  private final int[] seeds;
  private final boolean isSeed;
  private final LinkedHashSet<Integer> neighbours = new LinkedHashSet<>();
  /** Not joining (or rejoining): a settled member splits edges for any joiner. */
  private boolean settled;

  // At the end of a walk (U): splits in progress, by id; neighbours whose edge is locked; joiners.
  private final Map<Long, Attempt> attempts = new HashMap<>();
  private final Set<Integer> locked = new HashSet<>();
  private final Map<Integer, Integer> splittingFor = new HashMap<>();

  // At the far end (V): splits accepted, by id, to answer a repeated request the same way.
  private final Set<Long> accepted = new HashSet<>();
  private final Map<Long, LinkOut> linksOut = new HashMap<>();

  // As a joiner.
  private final Map<Long, Slot> slots = new LinkedHashMap<>();
  /** Splits of closed slots: taken (true) or declined (false), so both links go the same way. */
  private final Map<Long, Boolean> decided = new HashMap<>();
  /** Links taken, by split, so that a repeated link is acknowledged but not taken again. */
  private final Map<Long, Set<Integer>> taken = new HashMap<>();
  private int nextSplit;
  private int slotsOpen;
  private Runnable whenJoined;

  // The connectivity check.
  private boolean beaconHeard;
  private boolean repairing;
  private long beaconTimer;
  private Runnable whenConnected;

  // Upkeep under churn.
  private final boolean upkeep;
  private boolean pinging;
  private long round;
  /** neighbour -> when it was last heard (linked, pinged us, answered a ping). */
  private final Map<Integer, Long> lastHeard = new HashMap<>();
  private final LinkedHashSet<Integer> known = new LinkedHashSet<>();
  /** neighbour -> its neighbours, from its last pong. */
  private final Map<Integer, int[]> theirs = new HashMap<>();
  /** The other neighbours of neighbours found dead: one link short like this one; asked first. */
  private final LinkedHashSet<Integer> orphans = new LinkedHashSet<>();
  private int asking = -1;
  private long askedAt;

  /**
   * @param seeds the bootstrap peers (the first {@code degree + 1} members, or all of them when
   *     there are fewer); they start as a clique
   */
  public RandomGraph(NodeContext ctx, GraphSettings settings, int[] seeds) {
    if (seeds.length == 0) {
      throw new IllegalArgumentException("a graph needs at least one bootstrap peer");
    }
    this.ctx = ctx;
    this.settings = settings;
    this.seeds = seeds.clone();
    boolean seed = false;
    for (int s : seeds) {
      seed |= s == ctx.self();
    }
    this.isSeed = seed;
    this.settled = seed;
    this.upkeep = Upkeep.on(ctx);
    if (isSeed) {
      for (int s : seeds) {
        if (s != ctx.self()) {
          neighbours.add(s);
        }
      }
    }
  }

  /** The bootstrap set of a graph over peers 0..peers-1: peers 0..degree (or all, if fewer). */
  public static int[] firstPeers(int peers, int degree) {
    int[] out = new int[Math.min(peers, degree + 1)];
    for (int i = 0; i < out.length; i++) {
      out[i] = i;
    }
    return out;
  }

  /** This member's neighbours, in the order it linked them. */
  public Set<Integer> neighbours() {
    return Collections.unmodifiableSet(neighbours);
  }

  public int degree() {
    return neighbours.size();
  }

  /**
   * The link to {@code neighbour} is gone (its connection failed); nothing is sent. The other end
   * is expected to drop it too. The connectivity check repairs a member cut off this way.
   */
  public void dropLink(int neighbour) {
    neighbours.remove(neighbour);
  }

  public boolean isSeed() {
    return isSeed;
  }

  /** A uniformly random neighbour other than {@code except} when there is one, or -1 if none. */
  public int randomNeighbour(int except) {
    if (neighbours.isEmpty()) {
      return -1;
    }
    List<Integer> list = new ArrayList<>(neighbours);
    if (list.size() > 1) {
      list.remove(Integer.valueOf(except));
    }
    return list.get(ctx.random().nextInt(list.size()));
  }

  // ---- joining ----

  /** Join the graph; {@code done} runs once this member has its links (or gave up trying). */
  public void join(Runnable done) {
    whenJoined = done;
    if (isSeed) {
      reportJoined();
      return;
    }
    for (int i = 0; i < settings.degree() / 2; i++) {
      openSlot(1);
    }
  }

  private void openSlot(int attempt) {
    long id = ((long) ctx.self() << 32) | (nextSplit++ & 0xFFFF_FFFFL);
    Slot slot = new Slot(attempt);
    slots.put(id, slot);
    slotsOpen++;
    int seed = seeds[ctx.random().nextInt(seeds.length)];
    if (seed == ctx.self() && seeds.length > 1) {
      int shift = 1 + ctx.random().nextInt(seeds.length - 1);
      seed = seeds[(indexOf(seeds, seed) + shift) % seeds.length];
    }
    if (upkeep && attempt % 2 == 0) {
      seed = churnEntry(seed); // a bootstrap peer may be down: every other walk elsewhere
    }
    slot.timer = ctx.startTimer(settings.joinTimeoutNanos(), new Timer(TimerKind.SLOT, id));
    ctx.send(seed, new Walk(id, ctx.self(), settings.joinWalkLength(), 0));
  }

  /**
   * Under churn, where a walk starts when the bootstrap peer may be down: a random neighbour when
   * this member has one (a repair), else a random peer of the directory, as a Gnutella host cache
   * would name one (a member that came back knows no one else).
   */
  private int churnEntry(int seed) {
    if (!neighbours.isEmpty()) {
      return randomNeighbour(-1);
    }
    int n = ctx.directory().size();
    int a = ctx.random().nextInt(n);
    return a == ctx.self() ? seed : a;
  }

  private static int indexOf(int[] xs, int x) {
    for (int i = 0; i < xs.length; i++) {
      if (xs[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private void closeSlot(long id, Slot slot) {
    ctx.cancelTimer(slot.timer);
    slots.remove(id);
    if (!slot.links.isEmpty()) {
      decided.put(id, true);
    }
    slotsOpen--;
    if (slotsOpen == 0) {
      settled = true;
      reportJoined();
      if (repairing) {
        repairing = false;
        reportConnected();
      }
    }
  }

  /** The walk of slot {@code id} failed (or timed out): walk again if no link came. */
  private void retrySlot(long id) {
    Slot slot = slots.get(id);
    if (slot == null) {
      return;
    }
    boolean retry =
        slot.links.isEmpty() && slot.attempt < (repairing ? REPAIR_ATTEMPTS : WALK_ATTEMPTS);
    int attempt = slot.attempt;
    if (retry) {
      // Open the next before closing this one, so the count of open slots does not touch zero.
      openSlot(attempt + 1);
    }
    closeSlot(id, slot);
  }

  private void reportJoined() {
    startUpkeep();
    if (whenJoined != null) {
      Runnable r = whenJoined;
      whenJoined = null;
      r.run();
    }
  }

  // ---- the walk and the split ----

  private void onWalk(Walk w) {
    if (w.steps() > 0) {
      int next = randomNeighbour(-1);
      if (next >= 0) {
        ctx.send(next, new Walk(w.split(), w.joiner(), w.steps() - 1, w.extra()));
      }
      return;
    }
    trySplit(w.split(), w.joiner(), w.extra(), new HashSet<>());
  }

  private void trySplit(long id, int joiner, int extra, Set<Integer> tried) {
    if (!actsFor(joiner) || joiner == ctx.self() || neighbours.contains(joiner)
        || splittingFor.containsKey(joiner) || attempts.containsKey(id)) {
      walkOn(id, joiner, extra);
      return;
    }
    List<Integer> candidates = new ArrayList<>();
    for (int v : neighbours) {
      if (v != joiner && !locked.contains(v) && !tried.contains(v)) {
        candidates.add(v);
      }
    }
    if (candidates.isEmpty()) {
      walkOn(id, joiner, extra);
      return;
    }
    Attempt a = new Attempt(id, joiner, extra, tried);
    a.far = candidates.get(ctx.random().nextInt(candidates.size()));
    attempts.put(id, a);
    locked.add(a.far);
    splittingFor.merge(joiner, 1, Integer::sum);
    sendSplit(a);
  }

  private void sendSplit(Attempt a) {
    a.sends++;
    a.timer = ctx.startTimer(settings.joinTimeoutNanos(), new Timer(TimerKind.SPLIT, a.id));
    ctx.send(a.far, new Split(a.id, a.joiner));
  }

  /** Whether this member may split one of its edges for {@code joiner}. */
  private boolean actsFor(int joiner) {
    return settled || precedes(joiner, ctx.self());
  }

  /**
   * A tournament on peers: for a != b exactly one of precedes(a, b) and precedes(b, a) holds, so
   * two joiners never act for each other. The order of each pair is a coin flip of the pair (not
   * the address order), so no joiner waits longer than others for willing peers.
   */
  static boolean precedes(int a, int b) {
    long lo = Math.min(a, b);
    long hi = Math.max(a, b);
    boolean flip = (Seeds.mix((lo << 32) ^ hi) & 1) == 1;
    return (a < b) != flip;
  }

  /** No edge here can be split for this joiner: take one more random step, within the limit. */
  private void walkOn(long id, int joiner, int extra) {
    if (extra >= EXTENSION_FACTOR * Math.max(1, settings.joinWalkLength())) {
      ctx.send(joiner, new WalkFailed(id));
      return;
    }
    int next = randomNeighbour(-1);
    if (next >= 0) {
      ctx.send(next, new Walk(id, joiner, 0, extra + 1));
    }
  }

  private Attempt release(long id) {
    Attempt a = attempts.remove(id);
    if (a != null) {
      ctx.cancelTimer(a.timer);
      locked.remove(a.far);
      splittingFor.computeIfPresent(a.joiner, (k, n) -> n == 1 ? null : n - 1);
    }
    return a;
  }

  private void onSplit(int from, Split s) {
    if (accepted.contains(s.split())) {
      ctx.send(from, new SplitAccepted(s.split()));
      return;
    }
    int joiner = s.joiner();
    boolean ok =
        actsFor(joiner)
            && neighbours.contains(from)
            && joiner != ctx.self()
            && !neighbours.contains(joiner)
            && !splittingFor.containsKey(joiner)
            && (!locked.contains(from) || from < ctx.self());
    if (!ok) {
      ctx.send(from, new SplitRefused(s.split()));
      return;
    }
    neighbours.remove(from);
    neighbours.add(joiner);
    accepted.add(s.split());
    ctx.send(from, new SplitAccepted(s.split()));
    sendLink(s.split(), joiner, from);
  }

  private void onSplitAccepted(SplitAccepted s) {
    Attempt a = release(s.split());
    if (a == null) {
      return; // a repeated answer
    }
    neighbours.remove(a.far);
    neighbours.add(a.joiner);
    sendLink(a.id, a.joiner, a.far);
  }

  private void onSplitRefused(SplitRefused s) {
    Attempt a = release(s.split());
    if (a == null) {
      return;
    }
    a.tried.add(a.far);
    trySplit(a.id, a.joiner, a.extra, a.tried);
  }

  private void onSplitTimer(long id) {
    Attempt a = attempts.get(id);
    if (a == null) {
      return;
    }
    if (a.sends < ATTEMPTS) {
      sendSplit(a);
    } else {
      release(id); // the joiner tries again after its own timeout
    }
  }

  // ---- links to the joiner ----

  private void sendLink(long id, int joiner, int replaced) {
    LinkOut l = new LinkOut(joiner, replaced);
    linksOut.put(id, l);
    resendLink(id, l);
  }

  private void resendLink(long id, LinkOut l) {
    l.sends++;
    l.timer = ctx.startTimer(settings.joinTimeoutNanos(), new Timer(TimerKind.LINK, id));
    ctx.send(l.joiner, new Link(id));
  }

  private void onLinkTimer(long id) {
    LinkOut l = linksOut.get(id);
    if (l == null) {
      return;
    }
    if (l.sends < ATTEMPTS && neighbours.contains(l.joiner)) {
      resendLink(id, l);
    } else {
      linksOut.remove(id);
    }
  }

  private void onLink(int from, Link l) {
    long id = l.split();
    Set<Integer> links = taken.computeIfAbsent(id, k -> new HashSet<>(2));
    if (links.contains(from)) {
      // A repeat (our ack was lost): acknowledge, but do not link again; the edge may have been
      // split since.
      ctx.send(from, new LinkAck(id));
      return;
    }
    Slot slot = slots.get(id);
    if (slot == null
        && !decided.computeIfAbsent(
            id, k -> slotsOpen == 0 && neighbours.size() < settings.degree())) {
      ctx.send(from, new LinkDeclined(id));
      return;
    }
    ctx.send(from, new LinkAck(id));
    links.add(from);
    if (from != ctx.self()) {
      neighbours.add(from);
    }
    if (slot != null) {
      slot.links.add(from);
      if (slot.links.size() >= 2) {
        closeSlot(id, slot);
      }
    }
  }

  /** The joiner declined: undo this end of the split. */
  private void onLinkDeclined(LinkDeclined d) {
    LinkOut l = linksOut.remove(d.split());
    if (l != null) {
      ctx.cancelTimer(l.timer);
      neighbours.remove(l.joiner);
      neighbours.add(l.replaced);
    }
  }

  private void onLinkAck(LinkAck a) {
    LinkOut l = linksOut.remove(a.split());
    if (l != null) {
      ctx.cancelTimer(l.timer);
    }
  }

  // ---- connectivity check and repair ----

  /**
   * Check that this member is connected to the first bootstrap peer; {@code done} runs once it is
   * (at once for the bootstrap peer, which starts the beacon; on the beacon for the others; after
   * a rejoin for a member that did not hear the beacon within the join timeout).
   */
  public void checkConnectivity(Runnable done) {
    whenConnected = done;
    if (ctx.self() == seeds[0] && !beaconHeard) {
      beaconHeard = true;
      for (int n : neighbours) {
        ctx.send(n, new Beacon(0));
      }
    }
    if (beaconHeard) {
      reportConnected();
      return;
    }
    beaconTimer = ctx.startTimer(settings.joinTimeoutNanos(), new Timer(TimerKind.BEACON, 0));
  }

  private void onBeacon(int from, Beacon b) {
    if (beaconHeard) {
      return;
    }
    beaconHeard = true;
    for (int n : neighbours) {
      if (n != from) {
        ctx.send(n, b);
      }
    }
    if (beaconTimer != 0) {
      ctx.cancelTimer(beaconTimer);
      beaconTimer = 0;
    }
    reportConnected();
  }

  private void onBeaconTimer() {
    beaconTimer = 0;
    if (beaconHeard || whenConnected == null) {
      return;
    }
    repairing = true;
    settled = false;
    openSlot(1);
  }

  private void reportConnected() {
    if (whenConnected != null) {
      Runnable r = whenConnected;
      whenConnected = null;
      r.run();
    }
  }

  /** True once this member has heard the beacon (or started it). */
  public boolean beaconHeard() {
    return beaconHeard;
  }

  // ---- upkeep under churn ----

  private long pingInterval() {
    return Math.max(1, settings.joinTimeoutNanos() / 2);
  }

  /** Starts the ping rounds once this member has joined (runs with churn or failures only). */
  private void startUpkeep() {
    if (upkeep && !pinging) {
      pinging = true;
      ctx.startTimer(pingInterval(), new Timer(TimerKind.PING, 0));
    }
  }

  /** True when this member keeps its links up by pings (a run with churn or failures). */
  public boolean upkeep() {
    return upkeep;
  }

  private void onPingTimer() {
    long now = ctx.now();
    long deadline = MISSED_PINGS * pingInterval();
    for (int n : new ArrayList<>(neighbours)) {
      long heard = lastHeard.computeIfAbsent(n, k -> now);
      if (now - heard >= deadline && !locked.contains(n)) {
        neighbours.remove(n);
        known.remove(n);
        int[] its = theirs.get(n);
        if (its != null) {
          for (int o : its) {
            orphans.add(o);
          }
        }
      }
    }
    lastHeard.keySet().retainAll(neighbours);
    theirs.keySet().retainAll(neighbours);
    round++;
    for (int n : neighbours) {
      ctx.send(n, new Ping(round));
    }
    repair(now);
    ctx.startTimer(pingInterval(), new Timer(TimerKind.PING, 0));
  }

  /** Short of links: ask a known peer to link, or split an edge again through a bootstrap peer. */
  private void repair(long now) {
    if (asking >= 0 && now - askedAt >= pingInterval()) {
      known.remove(asking); // no answer: presumably gone
      orphans.remove(asking);
      asking = -1;
    }
    int d = settings.degree();
    if (neighbours.size() >= d || asking >= 0 || slotsOpen > 0) {
      return;
    }
    orphans.removeIf(o -> o == ctx.self() || neighbours.contains(o));
    int ask = orphans.isEmpty() ? -1 : orphans.iterator().next();
    if (ask < 0 && neighbours.size() <= d - 2) {
      settled = false; // two links short: one edge split gives two
      openSlot(1);
      return;
    }
    if (ask < 0) {
      for (int k : known) {
        if (k != ctx.self() && !neighbours.contains(k)) {
          ask = k;
          break;
        }
      }
    }
    if (ask >= 0) {
      asking = ask;
      askedAt = now;
      ctx.send(ask, new LinkAsk(round));
    }
  }

  /**
   * This member leaves gracefully: each neighbour hears a {@link Bye} naming the others, drops the
   * link at once and links with one of them (they are each one link short).
   */
  public void leave() {
    int[] mine = neighbourArray();
    for (int n : mine) {
      ctx.send(n, new Bye(mine));
    }
  }

  private int[] neighbourArray() {
    int[] mine = new int[neighbours.size()];
    int i = 0;
    for (int n : neighbours) {
      mine[i++] = n;
    }
    return mine;
  }

  private void onBye(int from, Bye b) {
    if (!neighbours.remove(from)) {
      return;
    }
    lastHeard.remove(from);
    theirs.remove(from);
    known.remove(from);
    for (int o : b.neighbours()) {
      if (o != ctx.self()) {
        orphans.add(o);
      }
    }
  }

  private void onPing(int from) {
    if (!neighbours.contains(from)) {
      return; // not (or no longer) a neighbour: silence makes the pinger drop the link
    }
    lastHeard.put(from, ctx.now());
    ctx.send(from, new Pong(neighbourArray()));
  }

  private void onPong(int from, Pong p) {
    if (!neighbours.contains(from)) {
      return;
    }
    lastHeard.put(from, ctx.now());
    theirs.put(from, p.neighbours());
    for (int k : p.neighbours()) {
      if (k != ctx.self() && !neighbours.contains(k)) {
        known.remove(k);
        known.add(k); // most recent last
      }
    }
    while (known.size() > KNOWN) {
      known.remove(known.iterator().next());
    }
  }

  private void onLinkAsk(int from, LinkAsk a) {
    boolean link =
        neighbours.contains(from)
            || (pinging && from != ctx.self() && neighbours.size() < settings.degree());
    if (link && neighbours.add(from)) {
      lastHeard.put(from, ctx.now());
    }
    ctx.send(from, new LinkAnswer(a.round(), link));
  }

  private void onLinkAnswer(int from, LinkAnswer a) {
    boolean late = from != asking;
    if (!late) {
      asking = -1;
    }
    known.remove(from);
    orphans.remove(from);
    // A late yes (after this member gave up waiting) is taken while there is room; otherwise the
    // other end drops the one-sided link when its pings go unanswered.
    if (a.linked() && (!late || neighbours.size() < settings.degree()) && neighbours.add(from)) {
      lastHeard.put(from, ctx.now());
    }
  }

  // ---- dispatch ----

  public void onMessage(int from, GraphMessage m) {
    if (m instanceof Walk w) {
      onWalk(w);
    } else if (m instanceof WalkFailed f) {
      Slot slot = slots.get(f.split());
      if (slot != null && slot.links.isEmpty()) {
        retrySlot(f.split());
      }
    } else if (m instanceof Split s) {
      onSplit(from, s);
    } else if (m instanceof SplitAccepted s) {
      onSplitAccepted(s);
    } else if (m instanceof SplitRefused s) {
      onSplitRefused(s);
    } else if (m instanceof Link l) {
      onLink(from, l);
    } else if (m instanceof LinkDeclined d) {
      onLinkDeclined(d);
    } else if (m instanceof LinkAck a) {
      onLinkAck(a);
    } else if (m instanceof Beacon b) {
      onBeacon(from, b);
    } else if (m instanceof Bye b) {
      onBye(from, b);
    } else if (m instanceof Ping) {
      onPing(from);
    } else if (m instanceof Pong p) {
      onPong(from, p);
    } else if (m instanceof LinkAsk a) {
      onLinkAsk(from, a);
    } else if (m instanceof LinkAnswer a) {
      onLinkAnswer(from, a);
    }
  }

  /** Handles a timer of this graph; returns false for keys that are not {@link Timer}s. */
  public boolean onTimer(Object key) {
    if (!(key instanceof Timer t)) {
      return false;
    }
    switch (t.kind()) {
      case SLOT -> retrySlot(t.id());
      case SPLIT -> onSplitTimer(t.id());
      case LINK -> onLinkTimer(t.id());
      case BEACON -> onBeaconTimer();
      case PING -> onPingTimer();
    }
    return true;
  }
}
