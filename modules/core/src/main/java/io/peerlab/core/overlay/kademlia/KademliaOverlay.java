package io.peerlab.core.overlay.kademlia;

import io.peerlab.core.api.Adversaries;
import io.peerlab.core.api.AdversarySettings;
import io.peerlab.core.api.Failures;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Offer;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.api.RequestTracker;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.dht.DhtOverlay;
import io.peerlab.core.overlay.dht.DhtSettings;
import io.peerlab.core.overlay.dht.DhtStore;
import io.peerlab.core.overlay.dht.JoinSchedule;
import io.peerlab.core.overlay.dht.KeywordSearch;
import io.peerlab.core.overlay.dht.Keywords;
import io.peerlab.core.overlay.dht.Publication;
import io.peerlab.core.overlay.dht.Publication.Put;
import io.peerlab.core.overlay.dht.PublishWindow;
import io.peerlab.core.overlay.kademlia.KademliaMessage.FindNode;
import io.peerlab.core.overlay.kademlia.KademliaMessage.FindValue;
import io.peerlab.core.overlay.kademlia.KademliaMessage.Nodes;
import io.peerlab.core.overlay.kademlia.KademliaMessage.ObjectValue;
import io.peerlab.core.overlay.kademlia.KademliaMessage.Ping;
import io.peerlab.core.overlay.kademlia.KademliaMessage.Pong;
import io.peerlab.core.overlay.kademlia.KademliaMessage.PostingsValue;
import io.peerlab.core.overlay.kademlia.KademliaMessage.Signed;
import io.peerlab.core.overlay.kademlia.KademliaMessage.StoreObject;
import io.peerlab.core.overlay.kademlia.KademliaMessage.StorePosting;
import io.peerlab.core.overlay.kademlia.KademliaMessage.Stored;
import io.peerlab.core.overlay.kademlia.KademliaMessage.Want;
import io.peerlab.core.peer.PeerNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * One Kademlia peer (Maymounkov and Mazières, IPTPS 2002).
 *
 * <p><b>State.</b> A {@link RoutingTable} of k-buckets, the DHT values stored here, and the lookups
 * and RPCs in flight. Every message received, request or answer, offers its sender to the routing
 * table (least-recently-seen eviction with a liveness ping, {@link KBucket}).
 *
 * <p><b>Lookups.</b> Iterative and α-parallel ({@link Lookup}): FIND_NODE ends when the k closest
 * peers the lookup has heard of have all answered; a lookup op returns the k closest peers
 * counting the origin itself (the responsible peers do not depend on who asks); FIND_VALUE ends at the first peer that returns the value, or like FIND_NODE when none
 * does. An RPC not answered within the RPC timeout counts as failed for its lookup; a late answer
 * is still used. Hops are the greatest depth among the peers in the answer ({@link Lookup}).
 *
 * <p><b>Join.</b> Peer 0 starts alone. Every other peer, at the time {@link JoinSchedule} gives it,
 * puts peer 0 in its table, looks up its own id (again after a pause if no peer answered), reports
 * joined, then (join refresh) refreshes
 * every bucket farther than its closest neighbour by looking up a random id in it (§2.3). A bucket
 * that no lookup has touched for the refresh interval is refreshed the same way.
 *
 * <p><b>DHT.</b> An object record lives on the k peers closest to the object id, a keyword's
 * posting list on the k peers closest to the keyword's key ({@link Keywords}): a put is a
 * FIND_NODE followed by a STORE to the k closest peers, this peer included when it is one of
 * them. Lookup returns the k closest; locate is a FIND_VALUE of the object
 * record; search is one FIND_VALUE per keyword, intersected ({@link KeywordSearch}). A peer that
 * holds the value asked for answers from its own store at 0 hops. Values are not cached along the
 * path and never expire.
 *
 * <p><b>Churn and repair.</b> Values are stored on the {@code dht.replicas} closest of the k
 * closest peers a lookup finds (at most k). A lookup op succeeds only when a live peer among those
 * it asked says it stores the object record ({@link Nodes#holds}). A contact that fails
 * {@code max-failures} RPCs in a row is evicted and its bucket's replacement cache refills it
 * ({@link KBucket}). Every {@code republish-interval} a peer puts its own objects again and
 * re-stores every value it keeps on the current closest peers (§2.5). A peer that comes back
 * during the run ({@code ctx.rejoining()}) joins through random peers of the directory, retrying
 * with another on silence;
 * a graceful {@link #leave} sends every value it keeps to the closest contacts it knows.
 *
 * <p><b>Under attack</b> (docs/overlays/kademlia.md). A malicious peer with {@code
 * adversary.behaviour = misroute} answers every FIND_NODE and FIND_VALUE of another peer's op with
 * the k malicious peers closest to the target (they collude and know each other), never an honest
 * contact, and says it stores the record, so that a lookup which meets only malicious peers near
 * the key ends at one of them (an eclipse). Maintenance lookups (joins, refreshes, puts) it answers
 * honestly, so routing tables are the honest ones, as with {@code drop}. The defence: lookup ops
 * over {@code kademlia.disjoint-paths} disjoint paths ({@link Lookup}).
 */
public final class KademliaOverlay extends DhtOverlay<KademliaOverlay.LookupListener> {

  /** The well-known peer every other peer joins through. */
  public static final int BOOTSTRAP = 0;

  /** Sees every lookup op this peer completes, for tests and teaching views. */
  @FunctionalInterface
  public interface LookupListener {
    void lookupDone(int origin, long op, Key target, int[] closest, int hops, int rpcs);
  }

  private enum TimerKey {
    JOIN,
    REFRESH,
    REPUBLISH
  }

  private enum Purpose {
    JOIN,
    REFRESH,
    LOOKUP,
    LOCATE,
    SEARCH,
    PUBLISH,
    ANNOUNCE,
    REPUBLISH,
    REPLICATE
  }

  /** A lookup in progress, and what to do with its result. */
  private static final class Task {
    final Purpose purpose;
    final long op;
    final Lookup lookup;
    final Want want;
    KeywordSearch search;
    Put put;
    /** What a put or a re-store sends each of its peers: one STORE per entry, given its req. */
    List<LongFunction<KademliaMessage>> payload;
    int storesPending;
    /** A peer that answered said it stores the object record at the target. */
    boolean holds;
    boolean done;

    Task(Purpose purpose, long op, Lookup lookup, Want want) {
      this.purpose = purpose;
      this.op = op;
      this.lookup = lookup;
      this.want = want;
    }
  }

  private enum RpcKind {
    FIND,
    STORE,
    PING
  }

  /** An RPC in flight, tracked by its {@code req}; {@code task} is null for a PING. */
  private record Rpc(RpcKind kind, Task task, int to) {}

  private final KademliaSettings settings;
  private final RoutingTable table;
  /** Copies of each value: the {@code dht.replicas} closest of the k closest, at most k. */
  private final int copies;
  /** This join is a comeback during the run: join through random peers, not peer 0 alone. */
  private boolean rejoin;
  private final PublishWindow republishing =
      new PublishWindow(this::republish, () -> republishBusy = false);
  private boolean republishBusy;
  private long nextReq = 1;
  /** Join lookups that no peer answered so far: each doubles the pause before the next. */
  private int joinFailures;
  /** RPCs in flight; a FIND that timed out stays open (without a deadline) for a late answer. */
  private final RequestTracker<Long, Rpc> rpcs;
  /** The malicious peers, when this peer misroutes (it colludes with them); else null. */
  private final int[] colluders;

  public KademliaOverlay(NodeContext ctx) {
    super(ctx);
    this.settings = ctx.setup().settings().get(KademliaSettings.class);
    this.table = new RoutingTable(me, settings.k(), ctx.directory());
    this.copies =
        Math.min(settings.k(),
            ctx.setup().settings().find(DhtSettings.class).orElse(DhtSettings.defaults()).replicas());
    this.rpcs = new RequestTracker<>(ctx, settings.rpcTimeoutNanos(), this::onRpcTimeout);
    Adversaries adversaries = Adversaries.of(ctx.setup());
    this.colluders =
        adversaries.is(me, AdversarySettings.Behaviour.MISROUTE) ? adversaries.addresses() : null;
  }

  // ---- for tests and observers ----

  public RoutingTable routingTable() {
    return table;
  }

  // ---- Overlay ----

  @Override
  public void join() {
    if (ctx.rejoining()) {
      rejoin = true; // a comeback joins by the protocol, warm start or not
      joinThrough(randomPeer());
      return;
    }
    if (settings.warmStart()) {
      KademliaWarmStart.fill(table, me, table.keys(), settings.k(), ctx.random(),
          ctx.now());
      becomeMember();
    } else if (me == BOOTSTRAP) {
      becomeMember();
    } else {
      ctx.startTimer(JoinSchedule.startNanos(me, settings.joinWaveNanos()), TimerKey.JOIN);
    }
  }

  @Override
  public void announce(Manifest manifest) {
    if (member) {
      Task t = new Task(Purpose.ANNOUNCE, OpToken.NONE, lookupOf(manifest.id()), null);
      t.put = Publication.of(manifest).get(0);
      t.payload = payloadOf(t.put, me);
      start(t);
    }
  }

  @Override
  public void lookup(long op, Key target) {
    start(new Task(Purpose.LOOKUP, op, opLookupOf(target), null));
  }

  @Override
  public void locate(long op, Key objectId) {
    DhtStore.ObjectRecord r = store == null ? null : store.object(objectId);
    if (r != null) {
      ctx.located(op, r.manifest(), r.holders(), 0);
      return;
    }
    start(new Task(Purpose.LOCATE, op, opLookupOf(objectId), Want.OBJECT));
  }

  @Override
  public void search(long op, List<String> keywords) {
    KeywordSearch s = new KeywordSearch(op, keywords);
    for (String w : s.keywords()) {
      Key kw = Keywords.key(w);
      List<Key> local = store == null ? null : store.postings(kw);
      if (local != null) {
        if (s.answer(local, 0)) {
          ctx.searchDone(op, s.result(), s.hops());
        }
        continue;
      }
      Task t = new Task(Purpose.SEARCH, op, opLookupOf(kw), Want.POSTINGS);
      t.search = s;
      start(t);
    }
  }

  @Override
  public void cancel(long op) {
    if (op == OpToken.NONE) {
      return;
    }
    for (Rpc r : rpcs.closeIf(r -> r.task != null && r.task.op == op)) {
      r.task.done = true;
      r.task.lookup.stop();
    }
  }

  @Override
  public void onMessage(int from, Message message) {
    if (message instanceof Signed s) {
      message = s.message(); // the signature holds: ids are the hashes of the signers' keys
    }
    long now = ctx.now();
    int ping = table.offer(from, now, settings.staleAfterNanos());
    if (ping != KBucket.NO_PING) {
      sendRpc(RpcKind.PING, null, ping, new Ping(OpToken.NONE, nextReq++));
    }
    if (colluders != null && misroute(from, message)) {
      return;
    } else if (message instanceof FindNode f) {
      boolean holds = store != null && store.object(f.target()) != null;
      send(from,
          new Nodes(f.op(), f.req(), table.closestUnordered(f.target(), settings.k(), from), holds));
    } else if (message instanceof FindValue f) {
      onFindValue(from, f);
    } else if (message instanceof StoreObject s) {
      storeObject(s.manifest(), s.holder());
      send(from, new Stored(s.op(), s.req()));
    } else if (message instanceof StorePosting s) {
      dht().putPosting(s.key(), s.object(), s.holder());
      send(from, new Stored(s.op(), s.req()));
    } else if (message instanceof Ping p) {
      send(from, new Pong(p.op(), p.req()));
    } else if (message instanceof KademliaMessage answer) {
      onAnswer(from, answer);
    }
  }

  @Override
  public void onTimer(Object timerKey) {
    if (rpcs.onTimer(timerKey)) {
      return;
    } else if (timerKey == TimerKey.JOIN) {
      joinThrough(rejoin ? randomPeer() : BOOTSTRAP);
    } else if (timerKey == TimerKey.REFRESH) {
      long now = ctx.now();
      for (int b : table.untouchedSince(now - settings.refreshIntervalNanos())) {
        refresh(b);
      }
      ctx.startTimer(settings.refreshIntervalNanos(), TimerKey.REFRESH);
    } else if (timerKey == TimerKey.REPUBLISH) {
      republishAll();
      ctx.startTimer(settings.republishIntervalNanos(), TimerKey.REPUBLISH);
    }
  }

  // ---- serving requests ----

  /**
   * A misrouting peer's answer to a FIND of another peer's op: the k malicious peers closest to the
   * target (this one included, the asker not), and "I store it". False for anything else.
   */
  private boolean misroute(int from, Message message) {
    long op = message.op();
    if (op == OpToken.NONE || OpToken.client(op) == me) {
      return false;
    }
    Key target;
    long req;
    if (message instanceof FindNode f) {
      target = f.target();
      req = f.req();
    } else if (message instanceof FindValue f) {
      target = f.target();
      req = f.req();
    } else {
      return false;
    }
    send(from, new Nodes(op, req, colludersClosestTo(target, from), true));
    return true;
  }

  /** The k malicious peers closest to {@code target} by XOR, nearest first, without {@code not}. */
  private int[] colludersClosestTo(Key target, int not) {
    Integer[] c = Arrays.stream(colluders).filter(a -> a != not).boxed().toArray(Integer[]::new);
    Arrays.sort(c, (x, y) -> RoutingTable.compareXor(keyOf(x), keyOf(y), target));
    int n = Math.min(settings.k(), c.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = c[i];
    }
    return out;
  }

  private void onFindValue(int from, FindValue f) {
    if (f.want() == Want.OBJECT) {
      DhtStore.ObjectRecord r = store == null ? null : store.object(f.target());
      if (r != null) {
        send(from, new ObjectValue(f.op(), f.req(), r.manifest(), r.holders()));
        return;
      }
    } else {
      List<Key> ids = store == null ? null : store.postings(f.target());
      if (ids != null) {
        send(from, new PostingsValue(f.op(), f.req(), ids));
        return;
      }
    }
    send(from, new Nodes(f.op(), f.req(), table.closestUnordered(f.target(), settings.k(), from)));
  }

  // ---- lookups ----

  /** A lookup of maintenance or a put: one path. */
  private Lookup lookupOf(Key target) {
    return new Lookup(target, settings.k(), settings.alpha(), 1, me, table.keys());
  }

  /** A lookup op's lookup: over {@code kademlia.disjoint-paths} paths (S/Kademlia). */
  private Lookup opLookupOf(Key target) {
    return new Lookup(
        target, settings.k(), settings.alpha(), settings.disjointPaths(), me, table.keys());
  }

  private void start(Task t) {
    table.touch(t.lookup.target(), ctx.now());
    t.lookup.start(table.closest(t.lookup.target(), settings.k(), me));
    step(t);
  }

  /** Sends the next RPCs of a lookup, or finishes it. */
  private void step(Task t) {
    if (t.done) {
      return;
    }
    if (t.lookup.finished()) {
      finish(t);
      return;
    }
    for (int to : t.lookup.next()) {
      long req = nextReq++;
      KademliaMessage m =
          t.want == null
              ? new FindNode(t.op, req, t.lookup.target())
              : new FindValue(t.op, req, t.lookup.target(), t.want);
      sendRpc(RpcKind.FIND, t, to, m, req);
    }
    if (t.lookup.finished()) {
      finish(t);
    }
  }

  private void sendRpc(RpcKind kind, Task t, int to, KademliaMessage m) {
    sendRpc(kind, t, to, m, m.req());
  }

  private void sendRpc(RpcKind kind, Task t, int to, KademliaMessage m, long req) {
    rpcs.open(req, new Rpc(kind, t, to));
    send(to, m);
  }

  /** Sends {@code m}, signed when ids are costly (S/Kademlia signs every message). */
  private void send(int to, KademliaMessage m) {
    ctx.send(to, settings.ids() == KademliaSettings.Ids.COSTLY ? new Signed(m) : m);
  }

  private void onAnswer(int from, KademliaMessage a) {
    Rpc r = rpcs.get(a.req());
    if (r == null || r.to != from) {
      return;
    }
    rpcs.close(a.req());
    switch (r.kind) {
      case PING -> table.pong(from, ctx.now());
      case STORE -> storeDone(r.task);
      case FIND -> onFindAnswer(r.task, from, a);
    }
  }

  private void onFindAnswer(Task t, int from, KademliaMessage a) {
    if (t.done) {
      return;
    }
    if (a instanceof Nodes n) {
      t.holds |= n.holds();
      t.lookup.answered(from, n.contacts());
      step(t);
    } else if (a instanceof ObjectValue v && t.purpose == Purpose.LOCATE) {
      if (ctx.verify(List.of(new Offer(v.manifest(), v.holders())), false).isEmpty()) {
        // A forged record (fetch.verify-manifests): its holders are blacklisted; the lookup goes
        // on as if this peer had not answered, towards the peers that store the genuine one.
        t.lookup.failed(from);
        step(t);
        return;
      }
      t.lookup.answered(from, new int[0]);
      end(t);
      ctx.located(t.op, v.manifest(), v.holders(), t.lookup.depthOf(from));
    } else if (a instanceof PostingsValue v && t.purpose == Purpose.SEARCH) {
      t.lookup.answered(from, new int[0]);
      end(t);
      if (t.search.answer(v.objects(), t.lookup.depthOf(from))) {
        ctx.searchDone(t.op, t.search.result(), t.search.hops());
      }
    }
  }

  private void onRpcTimeout(long req, Rpc r, int attempts) {
    switch (r.kind) {
      case PING -> {
        rpcs.close(req);
        table.pingFailed(r.to, ctx.now());
      }
      case STORE -> {
        rpcs.close(req);
        table.failed(r.to, ctx.now(), settings.maxFailures());
        storeDone(r.task);
      }
      case FIND -> {
        // Keep it open: a late answer still counts while the lookup runs.
        table.failed(r.to, ctx.now(), settings.maxFailures());
        r.task.lookup.failed(r.to);
        step(r.task);
      }
    }
  }

  /** The lookup is over: forget its RPCs still in flight. */
  private void end(Task t) {
    t.done = true;
    t.lookup.stop();
    rpcs.closeIf(r -> r.task == t && r.kind == RpcKind.FIND);
  }

  private void finish(Task t) {
    end(t);
    int[] closest = t.lookup.closest();
    int hops = t.lookup.hops();
    switch (t.purpose) {
      case JOIN -> {
        if (closest.length == 0) {
          // Nobody answered (an overloaded bootstrap peer): try again after a randomised pause
          // that doubles with each failure (at most 64 RPC timeouts), so that retries do not add
          // to the overload that caused them. A comeback tries another random peer then
          // (joinThrough).
          long base = settings.rpcTimeoutNanos() << Math.min(joinFailures++, 6);
          long pause = (long) (base * (1 + ctx.random().nextDouble()));
          ctx.startTimer(pause, TimerKey.JOIN);
        } else {
          onJoined(closest);
        }
      }
      case REFRESH -> {}
      case LOOKUP -> {
        if (!t.holds && (store == null || store.object(t.lookup.target()) == null)) {
          // Honest under churn: the record is found only if a live peer says it stores it.
          ctx.failed(t.op, closest.length == 0 ? Failures.TIMEOUT : Failures.NOT_FOUND);
          return;
        }
        int[] responsible = withSelf(closest, t.lookup.target());
        if (listener != null) {
          listener.lookupDone(me, t.op, t.lookup.target(), responsible.clone(), hops,
              t.lookup.rpcs());
        }
        ctx.lookupDone(t.op, responsible, hops);
      }
      case LOCATE -> ctx.failed(t.op, Failures.NOT_FOUND);
      case SEARCH -> {
        if (t.search.answer(List.of(), hops)) {
          ctx.searchDone(t.op, t.search.result(), t.search.hops());
        }
      }
      case PUBLISH, ANNOUNCE, REPUBLISH, REPLICATE -> store(t, closest);
    }
  }

  /**
   * The k peers closest to {@code target} among {@code closest} (the lookup's answer, nearest
   * first, without this peer) and this peer: the responsible peers do not depend on who asks.
   */
  private int[] withSelf(int[] closest, Key target) {
    int at = 0;
    while (at < closest.length && RoutingTable.compareXor(keyOf(closest[at]), key, target) < 0) {
      at++;
    }
    if (at >= settings.k()) {
      return closest;
    }
    int n = Math.min(settings.k(), closest.length + 1);
    int[] out = new int[n];
    System.arraycopy(closest, 0, out, 0, at);
    out[at] = me;
    System.arraycopy(closest, at, out, at + 1, n - at - 1);
    return out;
  }

  // ---- joining and refreshing ----

  /**
   * Joined: refresh every bucket farther than the closest neighbour's (§2.3), except those the
   * join lookup has proven complete. It returned the k closest peers ({@code closest}, nearest
   * first), so every peer nearer than the k-th is known and in the table: each bucket below the
   * k-th's holds all the peers of its range, and a lookup in it could find no one new.
   */
  private void onJoined(int[] closest) {
    becomeMember();
    if (settings.joinRefresh()) {
      int lowest = table.lowestBucket();
      int from = lowest + 1;
      if (closest.length == settings.k()) {
        from = Math.max(from, table.bucketOf(closest[closest.length - 1]));
      }
      for (int b = from; lowest >= 0 && b < Key.BITS; b++) {
        refresh(b);
      }
    }
  }

  private void becomeMember() {
    member = true;
    ctx.joined();
    long first = (long) (settings.refreshIntervalNanos() * (0.5 + ctx.random().nextDouble()));
    ctx.startTimer(first, TimerKey.REFRESH);
    if (settings.republish()) {
      // Spread over [0.5, 1.5) intervals by address, not by the random stream (which would shift
      // every later draw of runs that never reach their first republish).
      double spread = (me * 0x9E3779B97F4A7C15L >>> 11) * 0x1.0p-53;
      ctx.startTimer((long) (settings.republishIntervalNanos() * (0.5 + spread)),
          TimerKey.REPUBLISH);
    }
  }

  private void refresh(int bucket) {
    start(new Task(Purpose.REFRESH, OpToken.NONE, lookupOf(table.randomKeyIn(bucket, ctx.random())),
        null));
  }

  // ---- storing ----

  /**
   * STORE the task's payload on the {@code copies} peers closest to its key, counting this peer:
   * when this peer is among them it keeps the value itself and one fewer found peer is sent to, so
   * every publisher picks the same peers.
   */
  private void store(Task t, int[] closest) {
    Key target = t.lookup.target();
    int n = closest.length;
    int cut = 0;
    while (cut < n && RoutingTable.compareXor(keyOf(closest[cut]), key, target) < 0) {
      cut++;
    }
    boolean here = cut < copies;
    n = Math.min(n, here ? copies - 1 : copies);
    if (here && t.put != null) {
      keep(t.put);
    }
    t.storesPending = n * t.payload.size();
    for (int i = 0; i < n; i++) {
      for (LongFunction<KademliaMessage> m : t.payload) {
        sendRpc(RpcKind.STORE, t, closest[i], m.apply(nextReq++));
      }
    }
    if (t.storesPending == 0) {
      storesDone(t);
    }
  }

  /** This peer stores its own put. */
  private void keep(Put p) {
    if (p.isPosting()) {
      dht().putPosting(p.key(), p.manifest().id(), me);
    } else {
      dht().putObject(p.manifest(), me);
    }
  }

  /** The STORE of one put: this peer holds the object. */
  private static List<LongFunction<KademliaMessage>> payloadOf(Put p, int holder) {
    return List.of(
        p.isPosting()
            ? req -> new StorePosting(OpToken.NONE, req, p.key(), p.manifest().id(), holder)
            : req -> new StoreObject(OpToken.NONE, req, p.manifest(), holder));
  }

  /**
   * The STOREs that copy what this peer keeps at {@code k} to another peer: one per holder of an
   * object record, one per (object, holder) of a posting list.
   */
  private List<LongFunction<KademliaMessage>> storedAt(Key k) {
    List<LongFunction<KademliaMessage>> out = new ArrayList<>();
    DhtStore.ObjectRecord r = store.object(k);
    if (r != null) {
      for (int h : r.holders()) {
        out.add(req -> new StoreObject(OpToken.NONE, req, r.manifest(), h));
      }
    }
    List<Key> objects = store.postings(k);
    if (objects != null) {
      for (Key o : objects) {
        for (int h : store.postingHolders(k, o)) {
          out.add(req -> new StorePosting(OpToken.NONE, req, k, o, h));
        }
      }
    }
    return out;
  }

  /** Every key this peer keeps a value at: object ids, then keyword keys. */
  private List<Key> storedKeys() {
    List<Key> keys = new ArrayList<>();
    if (store != null) {
      keys.addAll(store.objectIds());
      keys.addAll(store.postingKeys());
      keys.sort(null);
    }
    return keys;
  }

  private void storeDone(Task t) {
    if (--t.storesPending == 0) {
      storesDone(t);
    }
  }

  private void storesDone(Task t) {
    if (t.purpose == Purpose.PUBLISH) {
      publishing.ended();
    } else if (t.purpose == Purpose.REPUBLISH) {
      republishing.ended();
    }
  }

  /** Starts one put of this peer's publishing ({@link PublishWindow}): a lookup, then STOREs. */
  @Override
  protected void put(Put p) {
    Task t = new Task(Purpose.PUBLISH, OpToken.NONE, lookupOf(p.key()), null);
    t.put = p;
    t.payload = payloadOf(p, me);
    start(t);
  }

  /**
   * The warm publish of one put ({@code dht.warm-publish}): stored on the {@code copies} peers
   * closest to its key, as {@link #store} sends it when the lookup finds them all; each checks a
   * record as a STORE's receiver does, and this peer, when among them, keeps its own put as it is.
   */
  @Override
  protected void warmPut(Put p) {
    for (int t : table.keys().closestByXor(p.key(), copies)) {
      warmStore(t, p, t != me);
    }
  }

  // ---- churn: republishing, hand-over, rejoining ----

  /**
   * Republish (§2.5): this peer puts its own objects again, as their publisher, and re-stores every
   * value it keeps on the peers now closest to its key (those that stored it may have gone, closer
   * peers may have come). A round still running when the next is due is left to finish.
   */
  private void republishAll() {
    if (!republishBusy) {
      republishBusy = true;
      republishing.begin(Publication.of(ctx.store()));
    }
    for (Key k : storedKeys()) {
      Task t = new Task(Purpose.REPLICATE, OpToken.NONE, lookupOf(k), null);
      t.payload = storedAt(k);
      start(t);
    }
  }

  /** One put of a republishing round ({@link #republishing}). */
  private void republish(Put p) {
    Task t = new Task(Purpose.REPUBLISH, OpToken.NONE, lookupOf(p.key()), null);
    t.put = p;
    t.payload = payloadOf(p, me);
    start(t);
  }

  /**
   * A graceful leave: every value this peer keeps goes to the {@code copies} closest contacts it
   * knows to the value's key (the peer stops right after, so no answer is awaited and no lookup is
   * made). Its own objects need no hand-over: their records name other holders too, and it puts
   * them again when it comes back.
   */
  @Override
  public void leave() {
    for (Key k : storedKeys()) {
      List<LongFunction<KademliaMessage>> payload = storedAt(k);
      for (int to : table.closest(k, copies, me)) {
        for (LongFunction<KademliaMessage> m : payload) {
          send(to, m.apply(nextReq++));
        }
      }
    }
  }

  /** Starts a join lookup of this peer's own id through {@code contact}. */
  private void joinThrough(int contact) {
    table.offer(contact, ctx.now(), settings.staleAfterNanos());
    start(new Task(Purpose.JOIN, OpToken.NONE, lookupOf(key), null));
  }

  /** A peer of the directory other than this one, uniformly (alive or not: only trying tells). */
  private int randomPeer() {
    int n = ctx.directory().size();
    if (n < 2) {
      return BOOTSTRAP;
    }
    int p = ctx.random().nextInt(n - 1);
    return p >= me ? p + 1 : p;
  }

  private Key keyOf(int address) {
    return ctx.directory().get(address).key();
  }
}
