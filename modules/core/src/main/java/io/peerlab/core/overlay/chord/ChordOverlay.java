package io.peerlab.core.overlay.chord;

import io.peerlab.core.api.Adversaries;
import io.peerlab.core.api.AdversarySettings;
import io.peerlab.core.api.Directory;
import io.peerlab.core.api.Failures;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.api.RequestTracker;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.chord.ChordMessage.FindSuccessor;
import io.peerlab.core.overlay.chord.ChordMessage.GetPredecessor;
import io.peerlab.core.overlay.chord.ChordMessage.HopAck;
import io.peerlab.core.overlay.chord.ChordMessage.HopAnswer;
import io.peerlab.core.overlay.chord.ChordMessage.JoinAnswer;
import io.peerlab.core.overlay.chord.ChordMessage.Leaving;
import io.peerlab.core.overlay.chord.ChordMessage.NextHop;
import io.peerlab.core.overlay.chord.ChordMessage.Notify;
import io.peerlab.core.overlay.chord.ChordMessage.ObjectAnswer;
import io.peerlab.core.overlay.chord.ChordMessage.Ping;
import io.peerlab.core.overlay.chord.ChordMessage.Pong;
import io.peerlab.core.overlay.chord.ChordMessage.PostingsAnswer;
import io.peerlab.core.overlay.chord.ChordMessage.PredecessorIs;
import io.peerlab.core.overlay.chord.ChordMessage.PutObject;
import io.peerlab.core.overlay.chord.ChordMessage.PutPosting;
import io.peerlab.core.overlay.chord.ChordMessage.ReplicateObject;
import io.peerlab.core.overlay.chord.ChordMessage.ReplicatePosting;
import io.peerlab.core.overlay.chord.ChordMessage.Routed;
import io.peerlab.core.overlay.chord.ChordMessage.Stored;
import io.peerlab.core.overlay.chord.ChordMessage.Successors;
import io.peerlab.core.overlay.chord.ChordMessage.Want;
import io.peerlab.core.overlay.dht.DhtOverlay;
import io.peerlab.core.overlay.dht.DhtSettings;
import io.peerlab.core.overlay.dht.DhtStore;
import io.peerlab.core.overlay.dht.JoinSchedule;
import io.peerlab.core.overlay.dht.KeywordSearch;
import io.peerlab.core.overlay.dht.Keywords;
import io.peerlab.core.overlay.dht.Publication.Put;
import io.peerlab.core.overlay.dht.PublishWindow;
import io.peerlab.core.overlay.dht.SortedKeys;
import io.peerlab.core.peer.PeerNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One Chord peer (Stoica, Morris, Karger, Kaashoek, Balakrishnan, SIGCOMM 2001).
 *
 * <p><b>State.</b> A successor list of length r, a predecessor (or nil), a finger table, and the
 * DHT values this peer is responsible for or replicates. Invariants once the ring is stable: the
 * successor list holds the next r peers clockwise, the predecessor is the previous peer, finger i
 * is the first peer at or after {@code self + 2^i}.
 *
 * <p><b>Join and stabilisation</b> (Fig. 6). Peer 0 creates the ring. Every other peer, at the
 * time {@link JoinSchedule} gives it, asks peer 0 to find the successor of its own key; the
 * successor answers with its successor list and its fingers, from which the new peer takes its
 * successor list and first fingers (the §4.4 optimisation of copying a neighbour's table). Then,
 * on a jittered timer: {@code stabilize} asks the successor for its predecessor, adopts it if it
 * lies between, refreshes the successor list from the successor's, and notifies the successor;
 * {@code fix_fingers} refreshes one distinct finger by a lookup (fingers that the answer also
 * covers are set with it, so a full pass costs about log2 N lookups, not 160); {@code
 * check_predecessor} pings the predecessor and clears it when it stays silent past the failure
 * timeout. A successor that does not answer stabilise within the failure timeout is dropped and the
 * next entry of the successor list takes its place.
 *
 * <p><b>Routing and hops.</b> Requests travel recursively: a peer that is not responsible
 * forwards to its closest preceding finger or successor-list entry; the key's predecessor forwards
 * to its successor marked final; the responsible peer answers the origin directly. {@code hops} is
 * the number of messages from the origin to the responsible peer: the forwarding hops to the
 * key's predecessor plus the final message to the successor. Routing decides by (self,
 * successor] only, as Fig. 5 does, so a key the origin is responsible for goes around the ring
 * too. The answer's own message is not a hop. A peer that receives a final request for a key
 * its predecessor is responsible for (a peer joined in between and the sender has not stabilised
 * yet) passes it back to its predecessor.
 *
 * <p><b>DHT.</b> An object record (object id to manifest and holders) lives on the successor of
 * the object id, a posting list (keyword to object ids and holders) on the successor of the
 * keyword's key ({@link Keywords}); the responsible peer copies every put to its next {@code
 * dht.replicas} - 1 successors ({@link DhtSettings}; the successor list's length r only bounds
 * them). A lookup returns the responsible peer and those successors if it holds the key's entry,
 * else nothing (the op fails {@code not-found}); locate reads the object record; search reads one
 * posting list per keyword and intersects them ({@link KeywordSearch}).
 *
 * <p><b>Churn and repair</b> (docs/overlays/chord.md). A request sent again after a timeout is
 * careful: each hop waits a {@link HopAck} and routes around a silent next hop, dropping it from
 * its tables. A new predecessor between the old one and this peer gets the entries it is now
 * responsible for; a graceful {@link #leave()} hands this peer's entries to its successor and
 * relinks its neighbours; changed replica sets get copies again; a rejoining peer joins through
 * any directory peer; and a peer that has seen a failure probes random peers so that rings split
 * by a partition merge again.
 *
 * <p><b>Under attack</b> (docs/overlays/chord.md). A malicious peer with {@code
 * adversary.behaviour = misroute} that receives another peer's lookup op (lookup, locate, search)
 * answers it as if it were the key's predecessor handing it on: the key's successors are the
 * malicious peers that follow the key (they collude), the first of them answers, and a locate or
 * search gets no record. The defence, {@code chord.check-progress}: the origin routes its lookup
 * ops iteratively ({@link Walk}) and checks every answer.
 */
public final class ChordOverlay extends DhtOverlay<ChordOverlay.LookupListener> {

  /** The well-known peer every other peer joins through. */
  public static final int BOOTSTRAP = 0;

  private static final int NONE = ChordMessage.NONE;
  private static final int[] NO_PEERS = new int[0];

  /** Sees every lookup this peer completes, for tests and teaching views. */
  @FunctionalInterface
  public interface LookupListener {
    void lookupDone(int origin, long op, Key key, int[] responsible, int hops);
  }

  private enum TimerKey {
    JOIN,
    MAINTAIN
  }

  private enum Kind {
    JOIN,
    FINGER,
    LOOKUP,
    LOCATE,
    SEARCH,
    PUBLISH,
    /** A ring-merge probe through a random peer ({@link #probe}). */
    PROBE
  }

  /**
   * Once a peer has seen a failure (a timeout), one stabilisation round in this many, on average,
   * also sends a ring-merge probe.
   */
  static final int PROBE_EVERY = 4;

  /** A request this peer originated and waits an answer for; tracked by its {@code req}. */
  private static final class Request {
    final Kind kind;
    final long op;
    Routed message;
    int finger;
    KeywordSearch search;
    /** The iterative walk of a lookup op that checks progress; null when routed recursively. */
    Walk walk;

    Request(Kind kind, long op, Routed message) {
      this.kind = kind;
      this.op = op;
      this.message = message;
    }
  }

  private final ChordSettings settings;
  /** The run's directory, and its keys in flat arrays (shared per run) for routing's tests. */
  private final Directory directory;
  private final SortedKeys sortedKeys;
  /** The run's ring, for position tests in {@link #closestPreceding}; made on first use. */
  private ChordRing ring;
  /** Copies of each entry: this peer when responsible and its next replicas-1 successors. */
  private final int replicas;

  private int[] successors;
  private int successorCount;
  private int predecessor = NONE;
  private FingerTable fingers;
  private int nextFinger;

  private long nextStabilize;
  private long nextFix;
  private long nextCheck;
  private long stabilizeSentAt = -1;
  private long pingSentAt = -1;

  private long nextReq = 1;
  /** Requests waiting for an answer, by {@code req}. */
  private final RequestTracker<Long, Request> pending;
  /** Careful requests this peer forwarded and waits a {@link HopAck} for; made on first use. */
  private RequestTracker<Long, Hop> forwarded;
  /** Steps of iterative walks in flight, by step id; made on first use. */
  private RequestTracker<Long, Walk> steps;
  /** The malicious peers in ring order, when this peer misroutes (they collude); else null. */
  private final int[] colluders;
  /** Whether this instance joins a running ring after churn (not at the run's start). */
  private boolean rejoin;
  /** Successors this peer last copied its entries to, and its predecessor then (re-replication). */
  private int[] replicatedTo = NO_PEERS;
  private int replicatedPred = NONE;
  /** True once this peer has seen a timeout: from then on it probes for other rings. */
  private boolean sawFailure;

  /** A careful request forwarded to {@code to}, kept as this peer received it. */
  private record Hop(Routed message, int to) {}

  /**
   * A hop that says it is the key's predecessor must name a successor within this many mean peer
   * gaps of itself (the gap from this peer's own successor list): the interval around a key spans
   * two gaps on average, and exceeds 8 with probability 9e^-8, about 0.3 % (Castro et al. 2002
   * compare the density of an answer with the querier's own neighbourhood the same way).
   */
  static final double PLAUSIBLE_GAPS = 8;

  /**
   * A lookup op routed iteratively by its origin, which checks every answer ({@code
   * chord.check-progress}; Sit and Morris 2002): the origin asks the closest peer it knows that
   * precedes the key for its next hop. A next hop must lie strictly between the hop and the key; a
   * hop that says it is the key's predecessor must name a successor past the key, within {@link
   * #PLAUSIBLE_GAPS} gaps of itself. A hop that fails a check or stays silent is rejected, and the
   * origin asks the next closest peer it knows (its fingers, its successor list, the next hops it
   * accepted). The accepted predecessor's successor gets the request marked final, as in recursive
   * routing, and answers the origin.
   */
  private static final class Walk {
    final Request request;
    /** Peers whose answer was rejected (kept across the request's retries). */
    final Set<Integer> rejected;
    final Set<Integer> asked = new HashSet<>();
    final Set<Integer> learned = new HashSet<>();
    /** The peer asked now, and the request id of that step. */
    int at = NONE;
    long step;
    int hops;

    Walk(Request request, Set<Integer> rejected) {
      this.request = request;
      this.rejected = rejected;
    }
  }

  public ChordOverlay(NodeContext ctx) {
    super(ctx);
    this.settings = ctx.setup().settings().get(ChordSettings.class);
    this.directory = ctx.directory();
    this.sortedKeys = SortedKeys.of(directory);
    this.replicas =
        ctx.setup().settings().find(DhtSettings.class).orElse(DhtSettings.defaults()).replicas();
    this.successors = new int[settings.successors()];
    this.pending =
        new RequestTracker<>(ctx, settings.requestTimeoutNanos(), this::onRequestTimeout);
    Adversaries adversaries = Adversaries.of(ctx.setup());
    this.colluders =
        adversaries.is(me, AdversarySettings.Behaviour.MISROUTE)
            ? Arrays.stream(adversaries.addresses()).boxed().sorted((a, b) -> keyOf(a).compareTo(keyOf(b)))
                .mapToInt(Integer::intValue).toArray()
            : null;
  }

  // ---- for tests and observers ----

  /** The immediate successor (this peer itself when it is alone). */
  public int successor() {
    return successorCount == 0 ? me : successors[0];
  }

  public int[] successorList() {
    return Arrays.copyOf(successors, successorCount);
  }

  /** The predecessor, or -1 when nil. */
  public int predecessor() {
    return predecessor;
  }

  /** Finger {@code i}: this peer's idea of the successor of {@code key + 2^i}. */
  public int finger(int i) {
    return fingers == null ? NONE : fingers.node(i);
  }

  /** Number of distinct runs of equal fingers (about log2 N in a stable ring). */
  public int fingerRuns() {
    return fingers == null ? 0 : fingers.runs();
  }

  // ---- Overlay ----

  @Override
  public void join() {
    rejoin = ctx.rejoining();
    if (rejoin) {
      // Back after churn: join at once through whichever peer answers (no warm start: that would
      // read the ring from the directory, and the ring has changed).
      send(new Request(Kind.JOIN, OpToken.NONE,
          new FindSuccessor(OpToken.NONE, key, me, nextReq++, 0, NONE, Want.JOIN)));
    } else if (settings.warmStart()) {
      warmStart();
    } else if (me == BOOTSTRAP) {
      fingers = new FingerTable(me);
      becomeMember(true);
    } else {
      ctx.startTimer(JoinSchedule.startNanos(me, settings.joinWaveNanos()), TimerKey.JOIN);
    }
  }

  @Override
  public void announce(Manifest manifest) {
    if (member) {
      route(me, new PutObject(OpToken.NONE, manifest.id(), me, 0, 0, NONE, manifest, me));
    }
  }

  @Override
  public void lookup(long op, Key target) {
    start(Kind.LOOKUP, op, new FindSuccessor(op, target, me, nextReq++, 0, NONE, Want.LOOKUP));
  }

  @Override
  public void locate(long op, Key objectId) {
    start(Kind.LOCATE, op, new FindSuccessor(op, objectId, me, nextReq++, 0, NONE, Want.OBJECT));
  }

  @Override
  public void search(long op, List<String> keywords) {
    KeywordSearch s = new KeywordSearch(op, keywords);
    for (String w : s.keywords()) {
      Request q =
          new Request(Kind.SEARCH, op,
              new FindSuccessor(op, Keywords.key(w), me, nextReq++, 0, NONE, Want.POSTINGS));
      q.search = s;
      send(q);
    }
  }

  @Override
  public void cancel(long op) {
    if (op != OpToken.NONE) {
      pending.closeIf(q -> q.op == op);
    }
  }

  @Override
  public void onMessage(int from, Message message) {
    if (message instanceof Routed r) {
      route(from, r);
    } else if (message instanceof Successors
        || message instanceof JoinAnswer
        || message instanceof ObjectAnswer
        || message instanceof PostingsAnswer
        || message instanceof Stored) {
      onAnswer(message);
    } else if (!member) {
      return;
    } else if (message instanceof GetPredecessor) {
      ctx.send(from, new PredecessorIs(predecessor, successorList()));
    } else if (message instanceof PredecessorIs p) {
      onPredecessorIs(from, p);
    } else if (message instanceof Notify) {
      onNotify(from);
    } else if (message instanceof Ping) {
      ctx.send(from, new Pong());
    } else if (message instanceof Pong) {
      if (from == predecessor) {
        pingSentAt = -1;
      }
    } else if (message instanceof ReplicateObject r) {
      dht().putObject(new DhtStore.ObjectRecord(r.manifest(), r.holders()));
    } else if (message instanceof ReplicatePosting r) {
      dht().putPosting(r.key(), r.object(), r.holder());
    } else if (message instanceof HopAck a) {
      onHopAck(from, a);
    } else if (message instanceof NextHop n) {
      onNextHop(from, n);
    } else if (message instanceof HopAnswer a) {
      onHopAnswer(from, a);
    } else if (message instanceof Leaving l) {
      onLeaving(from, l);
    }
  }

  @Override
  public void onTimer(Object timerKey) {
    if (pending.onTimer(timerKey) || (forwarded != null && forwarded.onTimer(timerKey))
        || (steps != null && steps.onTimer(timerKey))) {
      return;
    }
    if (timerKey == TimerKey.MAINTAIN) {
      maintain();
    } else if (timerKey == TimerKey.JOIN) {
      Request q =
          new Request(Kind.JOIN, OpToken.NONE,
              new FindSuccessor(OpToken.NONE, key, me, nextReq++, 0, NONE, Want.JOIN));
      send(q);
    }
  }

  // ---- joining ----

  /**
   * The warm start's working arrays (a whole finger table's runs before they are compacted), one
   * pair per host thread: a million peers warm-starting would otherwise make 1.3 GB of garbage.
   */
  private static final ThreadLocal<int[][]> WARM_START_SCRATCH =
      ThreadLocal.withInitial(() -> new int[2][FingerTable.SIZE]);

  private void warmStart() {
    ChordRing ring = ChordRing.of(ctx.directory());
    int[] succ = ring.successors(me, settings.successors());
    adoptSuccessors(succ[0], succ);
    predecessor = ring.size() > 1 ? ring.predecessor(me) : NONE;
    int[][] scratch = WARM_START_SCRATCH.get();
    int[] starts = scratch[0];
    int[] nodes = scratch[1];
    fingers = FingerTable.ofRuns(starts, nodes, ring.fingerRuns(me, starts, nodes));
    becomeMember(false);
  }

  private void onJoinAnswer(JoinAnswer a) {
    if (member) {
      return;
    }
    adoptSuccessors(a.successors()[0], a.successors());
    int[] known = Arrays.copyOf(a.successors(), a.successors().length + a.fingers().length);
    System.arraycopy(a.fingers(), 0, known, a.successors().length, a.fingers().length);
    fingers = learnFingers(known);
    becomeMember(true);
  }

  /**
   * A finger table from a set of known peers: finger i is the known peer nearest at or after
   * {@code key + 2^i}, or this peer when none is (the lookup of that start would wrap to us).
   */
  private FingerTable learnFingers(int[] known) {
    int[] cand = Arrays.stream(known).filter(a -> a != me && a >= 0).distinct().toArray();
    Key[] dist = new Key[cand.length];
    Integer[] idx = new Integer[cand.length];
    for (int i = 0; i < cand.length; i++) {
      dist[i] = distance(cand[i]);
      idx[i] = i;
    }
    Arrays.sort(idx, (x, y) -> dist[x].compareTo(dist[y]));
    FingerTable t = new FingerTable(me);
    int from = 0;
    for (int j : idx) {
      int hb = dist[j].highestBit();
      if (hb >= from) {
        t.set(from, hb + 1, cand[j]);
        from = hb + 1;
      }
    }
    return t;
  }

  private void becomeMember(boolean stabilizeNow) {
    member = true;
    ctx.joined();
    long now = ctx.now();
    nextStabilize = stabilizeNow ? now : now + jitter(settings.stabilizeNanos());
    nextFix = now + jitter(settings.fixFingersNanos());
    nextCheck = now + jitter(settings.checkPredecessorNanos());
    maintain();
  }

  // ---- stabilisation (Fig. 6) ----

  private void maintain() {
    long now = ctx.now();
    if (now >= nextStabilize) {
      stabilize(now);
      nextStabilize = now + jitter(settings.stabilizeNanos());
    }
    if (now >= nextFix) {
      fixFingers();
      nextFix = now + jitter(settings.fixFingersNanos());
    }
    if (now >= nextCheck) {
      checkPredecessor(now);
      nextCheck = now + jitter(settings.checkPredecessorNanos());
    }
    long next = Math.min(nextStabilize, Math.min(nextFix, nextCheck));
    ctx.startTimer(next - now, TimerKey.MAINTAIN);
  }

  private void stabilize(long now) {
    if (stabilizeSentAt >= 0) {
      if (now - stabilizeSentAt < settings.failureTimeoutNanos()) {
        return;
      }
      sawFailure = true;
      dropSuccessor();
    }
    if (sawFailure && ctx.random().nextInt(PROBE_EVERY) == 0) {
      probe();
    }
    if (successorCount == 0) {
      // Alone (or every successor failed): the predecessor, if any, is the successor.
      if (predecessor != NONE) {
        adoptSuccessors(predecessor, new int[0]);
        ctx.send(predecessor, new Notify());
      }
      return;
    }
    ctx.send(successor(), new GetPredecessor());
    stabilizeSentAt = now;
  }

  private void onPredecessorIs(int from, PredecessorIs p) {
    if (successorCount == 0 || from != successor()) {
      return;
    }
    stabilizeSentAt = -1;
    adoptSuccessors(from, p.successors());
    int x = p.predecessor();
    if (x == NONE || x == me || !keyOf(x).inOpen(key, keyOf(from))) {
      ctx.send(from, new Notify());
    } else {
      // A closer successor: adopt it, notify it, and stabilise with it at once rather than a period
      // later, so a peer that joined far from its place walks back at message speed (as MIT's lsd
      // shortens its stabilisation period while the ring changes).
      adoptSuccessors(x, successorList());
      ctx.send(x, new Notify());
      ctx.send(x, new GetPredecessor());
      stabilizeSentAt = ctx.now();
    }
    reReplicate();
  }

  private void onNotify(int from) {
    if (from == me) {
      return;
    }
    if (predecessor == NONE || keyOf(from).inOpen(keyOf(predecessor), key)) {
      int old = predecessor;
      predecessor = from;
      pingSentAt = -1;
      handOver(old, from);
      reReplicate();
    }
  }

  private void checkPredecessor(long now) {
    if (predecessor == NONE) {
      pingSentAt = -1;
      return;
    }
    if (pingSentAt >= 0) {
      if (now - pingSentAt >= settings.failureTimeoutNanos()) {
        sawFailure = true;
        predecessor = NONE;
        pingSentAt = -1;
      }
      return;
    }
    ctx.send(predecessor, new Ping());
    pingSentAt = now;
  }

  private void dropSuccessor() {
    stabilizeSentAt = -1;
    if (successorCount == 0) {
      return;
    }
    removeSuccessor(0);
  }

  /** Drops successor-list entry {@code i}; an empty list takes the nearest live-looking finger. */
  private void removeSuccessor(int i) {
    int failed = successors[i];
    if (i == 0) {
      stabilizeSentAt = -1;
    }
    System.arraycopy(successors, i + 1, successors, i, successorCount - i - 1);
    successorCount--;
    if (successorCount == 0 && fingers != null) {
      for (int r = 0; r < fingers.runs(); r++) {
        int f = fingers.runNode(r);
        if (f != me && f != failed) {
          adoptSuccessors(f, new int[0]);
          break;
        }
      }
    }
  }

  /**
   * fix_fingers: refresh the next distinct finger. Fingers whose start lies before the successor
   * are the successor and need no lookup.
   */
  private void fixFingers() {
    int s = successor();
    if (s == me) {
      fingers = new FingerTable(me);
      nextFinger = 0;
      return;
    }
    int hbs = distance(s).highestBit();
    int i = nextFinger;
    if (i <= hbs) {
      fingers.set(i, hbs + 1, s);
      i = hbs + 1;
    }
    if (i >= FingerTable.SIZE) {
      nextFinger = 0;
      return;
    }
    nextFinger = i;
    Request q =
        new Request(Kind.FINGER, OpToken.NONE,
            new FindSuccessor(OpToken.NONE, key.plusPowerOfTwo(i), me, nextReq++, 0, NONE,
                Want.SUCCESSORS));
    q.finger = i;
    send(q);
  }

  private void onFinger(int i, int s) {
    int hb = s == me ? -1 : distance(s).highestBit();
    if (hb < i) {
      fingers.set(i, FingerTable.SIZE, s);
      nextFinger = 0;
    } else {
      fingers.set(i, hb + 1, s);
      nextFinger = hb + 1 >= FingerTable.SIZE ? 0 : hb + 1;
    }
  }

  // ---- routing ----

  private void route(int from, Routed m) {
    if (!member) {
      return;
    }
    if (m.careful() && from != me) {
      ctx.send(from, new HopAck(m.op(), m.origin(), m.req()));
    }
    if (colluders != null && m instanceof FindSuccessor f && foreign(f.op())) {
      misroute(f);
      return;
    }
    forward(m);
  }

  // ---- a misrouting peer (adversary.behaviour = misroute) ----

  /** True for another peer's op (maintenance, op NONE, a misrouting peer serves honestly). */
  private boolean foreign(long op) {
    return op != OpToken.NONE && OpToken.client(op) != me;
  }

  /**
   * The lie of a misrouting peer that receives another peer's lookup op: it answers the origin as
   * if it were the key's predecessor and had handed the request to its successor: the key's
   * responsible peers are the malicious peers that follow the key (a lookup gets them, a locate or
   * a search no record). The origin of a recursive lookup cannot tell this answer from an honest
   * one; one that checks progress ({@link Walk}) gets the same claim as a hop's answer.
   */
  private void misroute(FindSuccessor f) {
    int[] liars = colludersFrom(f.key(), Math.max(1, replicas));
    int hops = f.hops() + 1;
    Message a =
        switch (f.want()) {
          case OBJECT -> new ObjectAnswer(f.op(), f.req(), hops, null, new int[0]);
          case POSTINGS -> new PostingsAnswer(f.op(), f.req(), hops, List.of());
          default -> new Successors(f.op(), f.req(), hops, liars);
        };
    answer(f.origin(), a);
  }

  /** The {@code n} malicious peers at or after {@code k} on the ring, nearest first. */
  private int[] colludersFrom(Key k, int n) {
    int c = colluders.length;
    int first = 0;
    while (first < c && keyOf(colluders[first]).compareTo(k) < 0) {
      first++;
    }
    int[] out = new int[Math.min(n, c)];
    for (int i = 0; i < out.length; i++) {
      out[i] = colluders[(first + i) % c];
    }
    return out;
  }

  private void forward(Routed m) {
    if (m.finalFrom() != NONE) {
      int back = stepBack(m);
      if (back != NONE) {
        hop(back, m, m.next(m.finalFrom()));
      } else {
        handle(m);
      }
      return;
    }
    int s = successor();
    if (s == me) {
      handle(m);
    } else if (m.key().inOpenClosed(key, keyOf(s))) {
      hop(s, m, m.next(me));
    } else {
      hop(closestPreceding(m.key()), m, m.next(NONE));
    }
  }

  /** Sends {@code out} (the next step of {@code in}) to {@code to}; a careful one waits an ack. */
  private void hop(int to, Routed in, Routed out) {
    if (in.careful()) {
      if (forwarded == null) {
        forwarded = new RequestTracker<>(ctx, settings.hopTimeoutNanos(), this::onHopTimeout);
      }
      forwarded.open(hopId(in), new Hop(in, to));
    }
    ctx.send(to, out);
  }

  private static long hopId(Routed m) {
    return ((long) m.origin() << 40) ^ m.req();
  }

  private void onHopAck(int from, HopAck a) {
    long id = ((long) a.origin() << 40) ^ a.req();
    Hop h = forwarded == null ? null : forwarded.get(id);
    if (h != null && h.to() == from) {
      forwarded.close(id);
    }
  }

  /** The next hop of a careful request stayed silent: presume it failed and route around it. */
  private void onHopTimeout(long id, Hop h, int attempts) {
    forwarded.close(id);
    if (!member) {
      return;
    }
    suspect(h.to());
    forward(h.message());
  }

  /** {@code peer} is presumed failed: it leaves the successor list, fingers and predecessor. */
  private void suspect(int peer) {
    if (peer == me) {
      return;
    }
    sawFailure = true;
    for (int i = successorCount - 1; i >= 0; i--) {
      if (successors[i] == peer) {
        removeSuccessor(i);
      }
    }
    if (fingers != null) {
      fingers.evict(peer, me);
    }
    if (predecessor == peer) {
      predecessor = NONE;
      pingSentAt = -1;
    }
    reReplicate();
  }

  /**
   * A neighbour leaves gracefully. From the predecessor: its predecessor becomes ours (its entries
   * arrived before this message). From a successor: it leaves the list, its successors fill it, and
   * the new successor hears from us at once.
   */
  private void onLeaving(int from, Leaving l) {
    if (from == predecessor) {
      predecessor = l.predecessor() == me ? NONE : l.predecessor();
      pingSentAt = -1;
    }
    boolean wasSuccessor = successorCount > 0 && successors[0] == from;
    for (int i = successorCount - 1; i >= 0; i--) {
      if (successors[i] == from) {
        removeSuccessor(i);
      }
    }
    if (wasSuccessor && l.successors().length > 0) {
      int[] rest = Arrays.copyOfRange(l.successors(), 1, l.successors().length + successorCount);
      System.arraycopy(successors, 0, rest, l.successors().length - 1, successorCount);
      adoptSuccessors(l.successors()[0], rest);
    }
    if (fingers != null) {
      fingers.evict(from, me);
    }
    if (wasSuccessor && successor() != me) {
      ctx.send(successor(), new Notify());
    }
    reReplicate();
  }

  @Override
  public void leave() {
    if (!member) {
      return;
    }
    int s = successor();
    if (s != me) {
      // Everything this peer is responsible for (all it holds when it has no predecessor).
      pushEntries(s, predecessor == NONE ? null : keyOf(predecessor));
      ctx.send(s, new Leaving(predecessor, new int[0]));
    }
    if (predecessor != NONE && predecessor != s) {
      ctx.send(predecessor, new Leaving(NONE, successorList()));
    }
  }

  // ---- hand-over and re-replication ----

  /**
   * The predecessor changed from {@code old} to {@code to}, a peer between {@code old} and us: it
   * is now responsible for the keys in (old, to] (all keys outside (to, self] when {@code old} was
   * nil), and gets them. With one copy per entry, this peer drops them; with more, it keeps them as
   * the first replica.
   */
  private void handOver(int old, int to) {
    if (store == null) {
      return;
    }
    Key toKey = keyOf(to);
    Key oldKey = old == NONE ? null : keyOf(old);
    for (Key k : store.objectIds()) {
      if (!k.inOpenClosed(toKey, key) && (oldKey == null || k.inOpenClosed(oldKey, toKey))) {
        DhtStore.ObjectRecord r = store.object(k);
        ctx.send(to, new ReplicateObject(OpToken.NONE, r.manifest(), r.holders()));
        if (replicas == 1) {
          store.removeObject(k);
        }
      }
    }
    for (Key k : store.postingKeys()) {
      if (!k.inOpenClosed(toKey, key) && (oldKey == null || k.inOpenClosed(oldKey, toKey))) {
        sendPostings(to, k);
        if (replicas == 1) {
          store.removePostings(k);
        }
      }
    }
  }

  /**
   * Keeps {@code replicas} copies of what this peer is responsible for: a successor that joined the
   * first replicas-1 entries of the list gets every entry in (predecessor, self]; when the
   * predecessor moved back (it failed or left), the replicas get the range this peer gained.
   */
  private void reReplicate() {
    if (replicas == 1 || predecessor == NONE || store == null) {
      return;
    }
    int n = Math.min(successorCount, replicas - 1);
    int[] now = Arrays.copyOf(successors, n);
    Key predKey = keyOf(predecessor);
    boolean grew =
        replicatedPred != NONE && replicatedPred != predecessor
            && keyOf(replicatedPred).inOpen(predKey, key);
    for (int x : now) {
      if (!contains(replicatedTo, x)) {
        pushRange(x, predKey, key);
      } else if (grew) {
        pushRange(x, predKey, keyOf(replicatedPred));
      }
    }
    replicatedTo = now;
    replicatedPred = predecessor;
  }

  /** Sends {@code to} every entry with key in (from, self] ({@code from} null: every entry). */
  private void pushEntries(int to, Key from) {
    if (store != null) {
      pushRange(to, from, key);
    }
  }

  /** Sends {@code to} every entry with key in (from, until] ({@code from} null: every entry). */
  private void pushRange(int to, Key from, Key until) {
    for (Key k : store.objectIds()) {
      if (from == null || k.inOpenClosed(from, until)) {
        DhtStore.ObjectRecord r = store.object(k);
        ctx.send(to, new ReplicateObject(OpToken.NONE, r.manifest(), r.holders()));
      }
    }
    for (Key k : store.postingKeys()) {
      if (from == null || k.inOpenClosed(from, until)) {
        sendPostings(to, k);
      }
    }
  }

  private void sendPostings(int to, Key k) {
    for (Key object : store.postings(k)) {
      for (int h : store.postingHolders(k, object)) {
        ctx.send(to, new ReplicatePosting(OpToken.NONE, k, object, h));
      }
    }
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private boolean responsible(Key k) {
    return predecessor != NONE && k.inOpenClosed(keyOf(predecessor), key);
  }

  /**
   * A final request arrived for a key in (sender, predecessor]: a peer joined between the sender
   * and us, and the sender does not know it yet. Pass the request back to the predecessor (the
   * interval shrinks at every step, so this ends).
   */
  private int stepBack(Routed m) {
    int sender = m.finalFrom();
    if (predecessor == NONE || sender == me || predecessor == sender || responsible(m.key())) {
      return NONE;
    }
    return m.key().inOpenClosed(keyOf(sender), keyOf(predecessor)) ? predecessor : NONE;
  }

  /**
   * closest_preceding_node (Fig. 5): the highest finger in (self, target); then the farthest
   * successor-list entry in (self, target), if it is closer still (as §5.2 suggests).
   */
  private int closestPreceding(Key target) {
    int best = NONE;
    int order = key.compareTo(target); // (one interval, tested against many peers)
    ChordRing ring = ring();
    // "key in (self, target)" as a test of ring positions: the target's rank once, then one array
    // read per peer instead of two key comparisons (ChordRing.inOpen).
    int rank = ring.rank(target);
    for (int r = fingers.runs() - 1; r >= 0; r--) {
      int f = fingers.runNode(r);
      if (f != me && ring.inOpen(f, me, target, rank, order)) {
        best = f;
        break;
      }
    }
    for (int i = successorCount - 1; i >= 0; i--) {
      int s = successors[i];
      if (ring.inOpen(s, me, target, rank, order)) {
        if (best == NONE || sortedKeys.inOpen(s, keyOf(best), target)) {
          best = s;
        }
        break;
      }
    }
    return best == NONE ? successor() : best;
  }

  /** The run's ring (made on first use; shared by the run's peers). */
  private ChordRing ring() {
    if (ring == null) {
      // Through the run's setup (a concurrent map's read), not ChordRing.of's lock: every peer
      // asks once, on its first hop.
      ring = ctx.setup().derived(ChordRing.class, s -> ChordRing.of(s.directory()));
    }
    return ring;
  }

  /** This peer is responsible for {@code m.key()}: serve the request and answer the origin. */
  private void handle(Routed m) {
    if (m instanceof FindSuccessor f) {
      Message a =
          switch (f.want()) {
            case SUCCESSORS -> new Successors(f.op(), f.req(), f.hops(), responsibleList());
            case LOOKUP -> new Successors(f.op(), f.req(), f.hops(),
                holds(f.key()) ? responsibleList() : new int[0]);
            case JOIN -> new JoinAnswer(f.op(), f.req(), f.hops(),
                selfAndSuccessors(settings.successors() - 1), fingers.distinct());
            case OBJECT -> {
              DhtStore.ObjectRecord r = store == null ? null : store.object(f.key());
              yield new ObjectAnswer(f.op(), f.req(), f.hops(), r == null ? null : r.manifest(),
                  r == null ? new int[0] : r.holders());
            }
            case POSTINGS -> {
              List<Key> ids = store == null ? null : store.postings(f.key());
              yield new PostingsAnswer(f.op(), f.req(), f.hops(), ids == null ? List.of() : ids);
            }
          };
      answer(f.origin(), a);
    } else if (m instanceof PutObject p) {
      if (storeObject(p.manifest(), p.holder())) {
        DhtStore.ObjectRecord r = store.object(p.manifest().id());
        for (int i = 0; i < Math.min(successorCount, replicas - 1); i++) {
          ctx.send(successors[i], new ReplicateObject(p.op(), r.manifest(), r.holders()));
        }
      }
      if (p.req() != 0) {
        answer(p.origin(), new Stored(p.op(), p.req(), p.hops()));
      }
    } else if (m instanceof PutPosting p) {
      dht().putPosting(p.key(), p.object(), p.holder());
      for (int i = 0; i < Math.min(successorCount, replicas - 1); i++) {
        ctx.send(successors[i], new ReplicatePosting(p.op(), p.key(), p.object(), p.holder()));
      }
      if (p.req() != 0) {
        answer(p.origin(), new Stored(p.op(), p.req(), p.hops()));
      }
    }
  }

  /** True when this peer stores the entry at {@code k} (an object record or a posting list). */
  private boolean holds(Key k) {
    return store != null && (store.object(k) != null || store.postings(k) != null);
  }

  /** This peer and its first replicas-1 successors: where a key it is responsible for is stored. */
  private int[] responsibleList() {
    return selfAndSuccessors(replicas - 1);
  }

  /** This peer and its first {@code count} successors (fewer if it knows fewer). */
  private int[] selfAndSuccessors(int count) {
    int n = Math.min(successorCount, count);
    int[] out = new int[n + 1];
    out[0] = me;
    System.arraycopy(successors, 0, out, 1, n);
    return out;
  }

  private void answer(int origin, Message a) {
    if (origin == me) {
      onAnswer(a);
    } else {
      ctx.send(origin, a);
    }
  }

  // ---- requests this peer originated ----

  private void start(Kind kind, long op, Routed m) {
    send(new Request(kind, op, m));
  }

  /** Opens {@code q} (its timeout timer starts before the message leaves) and sends it. */
  private void send(Request q) {
    pending.open(q.message.req(), q);
    transmit(q);
  }

  private void transmit(Request q) {
    if (q.kind == Kind.JOIN) {
      ctx.send(joinThrough(q), q.message.next(NONE));
    } else if (settings.checkProgress()
        && (q.kind == Kind.LOOKUP || q.kind == Kind.LOCATE || q.kind == Kind.SEARCH)) {
      // A retry walks again from here, still avoiding the peers rejected so far.
      q.walk = new Walk(q, q.walk == null ? new HashSet<>() : q.walk.rejected);
      walk(q.walk);
    } else {
      route(me, q.message);
    }
  }

  // ---- iterative lookups that check progress (chord.check-progress) ----

  /**
   * The next step of {@code w}: when this peer precedes the key, its own successor gets the request
   * (this peer trusts its own tables); else the closest peer it knows that precedes the key and
   * has been neither asked nor rejected is asked for its next hop. With none left, the request is
   * routed on recursively, carefully (each hop routes around a silent next hop).
   */
  private void walk(Walk w) {
    Key k = w.request.message.key();
    int s = successor();
    if (s == me || k.inOpenClosed(key, keyOf(s))) {
      route(me, w.request.message);
      return;
    }
    int best = NONE;
    Key bestDistance = null;
    for (int[] known : new int[][] {fingers.distinct(), successorList(), learnedOf(w)}) {
      for (int c : known) {
        if (c == me || c < 0 || w.rejected.contains(c) || w.asked.contains(c)
            || !keyOf(c).inOpen(key, k)) {
          continue;
        }
        Key d = k.subtract(keyOf(c));
        if (bestDistance == null || d.compareTo(bestDistance) < 0) {
          best = c;
          bestDistance = d;
        }
      }
    }
    if (best == NONE) {
      // Every peer this one knows before the key was asked or rejected (the key's predecessor may
      // be silent): route the rest recursively and carefully, each hop routing around silent ones.
      w.request.message = w.request.message.carefully();
      route(me, w.request.message);
      return;
    }
    if (steps == null) {
      steps = new RequestTracker<>(ctx, settings.hopTimeoutNanos(), this::onStepTimeout);
    }
    w.at = best;
    w.asked.add(best);
    w.step = nextReq++;
    steps.open(w.step, w);
    ctx.send(best, new NextHop(w.request.op, w.step, k));
  }

  private static int[] learnedOf(Walk w) {
    return w.learned.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  /** A hop of someone's walk asks this peer: its successors if the key follows it, else a hop. */
  private void onNextHop(int from, NextHop n) {
    if (colluders != null && foreign(n.op())) {
      // The lie of misroute(): "I precede the key; the colluders after it are its successors".
      ctx.send(from, new HopAnswer(n.op(), n.req(), true, NONE,
          colludersFrom(n.key(), settings.successors())));
      return;
    }
    int s = successor();
    if (s == me || n.key().inOpenClosed(key, keyOf(s))) {
      ctx.send(from, new HopAnswer(n.op(), n.req(), true, NONE, successorList()));
    } else {
      ctx.send(from, new HopAnswer(n.op(), n.req(), false, closestPreceding(n.key()), NO_PEERS));
    }
  }

  /**
   * A hop answered: a next hop strictly between the hop and the key is accepted and the walk goes
   * on; a claim to precede the key is accepted when its successor follows the key within {@link
   * #PLAUSIBLE_GAPS} gaps of the hop, and that successor gets the request marked final. Anything
   * else rejects the hop.
   */
  private void onHopAnswer(int from, HopAnswer a) {
    Walk w = steps == null ? null : steps.get(a.req());
    if (w == null || w.at != from) {
      return;
    }
    steps.close(a.req());
    Request q = w.request;
    if (q.walk != w || pending.get(q.message.req()) != q) {
      return; // the request was answered, given up or sent again meanwhile
    }
    Key k = q.message.key();
    int n = ctx.directory().size();
    if (!a.last()) {
      int next = a.next();
      if (next >= 0 && next < n && next != me && keyOf(next).inOpen(keyOf(from), k)) {
        w.learned.add(next);
        w.hops++;
        walk(w);
        return;
      }
    } else if (a.successors().length > 0) {
      int succ = a.successors()[0];
      if (succ >= 0 && succ < n && k.inOpenClosed(keyOf(from), keyOf(succ))
          && plausible(from, succ)) {
        w.hops++;
        FindSuccessor f = (FindSuccessor) q.message;
        ctx.send(succ,
            new FindSuccessor(f.op(), k, me, f.req(), w.hops + 1, from, f.want(), f.careful()));
        return;
      }
    }
    w.rejected.add(from);
    walk(w);
  }

  /** A hop of a walk stayed silent: rejected, the walk goes on. */
  private void onStepTimeout(long id, Walk w, int attempts) {
    steps.close(id);
    if (w.request.walk == w && pending.get(w.request.message.req()) == w.request) {
      w.rejected.add(w.at);
      walk(w);
    }
  }

  /**
   * True when {@code p} and its claimed successor {@code s} lie within {@link #PLAUSIBLE_GAPS} mean
   * gaps of each other, the gap estimated from this peer's own successor list.
   */
  private boolean plausible(int p, int s) {
    if (successorCount == 0) {
      return true;
    }
    double gap = distance(successors[successorCount - 1]).fraction() / successorCount;
    return keyOf(s).subtract(keyOf(p)).fraction() <= PLAUSIBLE_GAPS * gap;
  }

  /**
   * The peer a join request goes to: peer 0 on the first try at the run's start; a peer drawn from
   * the directory on every retry and on a rejoin (peer 0 may be down: only an answer tells).
   */
  private int joinThrough(Request q) {
    int n = ctx.directory().size();
    if ((!rejoin && pending.attempts(q.message.req()) <= 1) || n <= 1) {
      return BOOTSTRAP;
    }
    int p = ctx.random().nextInt(n - 1);
    return p >= me ? p + 1 : p;
  }

  private void onRequestTimeout(long req, Request q, int attempts) {
    sawFailure = true;
    boolean over =
        switch (q.kind) {
          case JOIN -> member;
          case PROBE -> true;
          case FINGER -> attempts >= 2;
          default -> attempts >= settings.requestAttempts();
        };
    if (over) {
      pending.close(req);
      giveUp(q);
    } else {
      // Sent again carefully: each hop waits an ack and routes around a silent next hop.
      q.message = q.message.carefully();
      pending.retry(req);
      transmit(q);
    }
  }

  private void giveUp(Request q) {
    switch (q.kind) {
      case LOOKUP, LOCATE -> ctx.failed(q.op, "no-answer");
      case SEARCH -> {
        cancel(q.op);
        ctx.failed(q.op, "no-answer");
      }
      case PUBLISH -> publishing.ended();
      default -> {}
    }
  }

  private void onAnswer(Message a) {
    Request q = pending.close(reqOf(a));
    if (q == null) {
      return;
    }
    switch (q.kind) {
      case JOIN -> onJoinAnswer((JoinAnswer) a);
      case FINGER -> onFinger(q.finger, ((Successors) a).nodes()[0]);
      case LOOKUP -> {
        Successors s = (Successors) a;
        if (listener != null && s.nodes().length > 0) {
          listener.lookupDone(me, q.op, q.message.key(), s.nodes().clone(), s.hops());
        }
        ctx.lookupDone(q.op, s.nodes(), s.hops());
      }
      case LOCATE -> {
        ObjectAnswer o = (ObjectAnswer) a;
        if (o.manifest() == null || o.holders().length == 0) {
          ctx.failed(q.op, Failures.NOT_FOUND);
        } else {
          ctx.located(q.op, o.manifest(), o.holders(), o.hops());
        }
      }
      case SEARCH -> {
        PostingsAnswer p = (PostingsAnswer) a;
        if (q.search.answer(p.objects(), p.hops())) {
          ctx.searchDone(q.op, q.search.result(), q.search.hops());
        }
      }
      case PUBLISH -> publishing.ended();
      case PROBE -> onProbe(((Successors) a).nodes()[0]);
    }
  }

  /**
   * Ring merge after a partition (or any split): the stabilisation of Fig. 6 keeps a ring a ring,
   * but two rings that formed while the network was split never learn of each other. So a peer
   * that has seen a failure asks a random peer from the directory, now and then, for the successor
   * of its own key; that peer's ring answers, and if the answer lies between this peer and its
   * successor it becomes the successor, and stabilisation zips the two rings together.
   */
  private void probe() {
    int n = ctx.directory().size();
    if (n <= 1) {
      return;
    }
    int p = ctx.random().nextInt(n - 1);
    Request q =
        new Request(Kind.PROBE, OpToken.NONE,
            new FindSuccessor(OpToken.NONE, key, me, nextReq++, 0, NONE, Want.SUCCESSORS));
    pending.open(q.message.req(), q);
    ctx.send(p >= me ? p + 1 : p, q.message.next(NONE));
  }

  private void onProbe(int found) {
    int s = successor();
    if (found != me && found != s && (s == me || keyOf(found).inOpen(key, keyOf(s)))) {
      adoptSuccessors(found, successorList());
      ctx.send(found, new Notify());
      ctx.send(found, new GetPredecessor());
      stabilizeSentAt = ctx.now();
    }
  }

  private static long reqOf(Message a) {
    if (a instanceof Successors s) {
      return s.req();
    } else if (a instanceof JoinAnswer j) {
      return j.req();
    } else if (a instanceof ObjectAnswer o) {
      return o.req();
    } else if (a instanceof PostingsAnswer p) {
      return p.req();
    } else if (a instanceof Stored s) {
      return s.req();
    }
    throw new IllegalArgumentException("not an answer: " + a);
  }

  /** Sends one put of this peer's publishing ({@link PublishWindow}). */
  @Override
  protected void put(Put p) {
    long req = nextReq++;
    Routed m =
        p.isPosting()
            ? new PutPosting(OpToken.NONE, p.key(), me, req, 0, NONE, p.manifest().id(), me)
            : new PutObject(OpToken.NONE, p.key(), me, req, 0, NONE, p.manifest(), me);
    send(new Request(Kind.PUBLISH, OpToken.NONE, m));
  }

  /**
   * The warm publish of one put ({@code dht.warm-publish}): stored at the key's successor, which
   * checks a record as {@link #handle} does, then copied to its next replicas-1 successors as its
   * replication would (a record the successor refused is not copied).
   */
  @Override
  protected void warmPut(Put p) {
    ChordRing ring = ring();
    int responsible = ring.successorOf(p.key());
    if (!warmStore(responsible, p, true)) {
      return;
    }
    for (int s : ring.successors(responsible, Math.min(replicas - 1, settings.successors()))) {
      if (s != responsible) {
        warmStore(s, p, false);
      }
    }
  }

  // ---- helpers ----

  /** Replaces the successor list by {@code first} followed by {@code rest}, cut at ourselves. */
  private void adoptSuccessors(int first, int[] rest) {
    int[] out = new int[successors.length];
    int n = 0;
    if (first != me && first >= 0) {
      out[n++] = first;
      for (int i = 0; i < rest.length && n < out.length; i++) {
        int x = rest[i];
        if (x == me) {
          break;
        }
        boolean dup = false;
        for (int j = 0; j < n; j++) {
          dup |= out[j] == x;
        }
        if (!dup && x >= 0) {
          out[n++] = x;
        }
      }
    }
    // Copied into the list this peer has had since it was made: stabilisation adopts a list every
    // period, and a new array each time would be copied through the young generation of a large
    // run (the scratch list above dies young).
    System.arraycopy(out, 0, successors, 0, out.length);
    successorCount = n;
  }

  private Key keyOf(int address) {
    return directory.key(address);
  }

  /** Clockwise distance from this peer to {@code address}. */
  private Key distance(int address) {
    return keyOf(address).subtract(key);
  }

  /** A period drawn uniformly from [0.5, 1.5) times {@code mean}. */
  private long jitter(long mean) {
    return (long) (mean * (0.5 + ctx.random().nextDouble()));
  }
}
