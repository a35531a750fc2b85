package io.peerlab.core.overlay.superpeer;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Shares;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.common.Publish;
import io.peerlab.core.overlay.common.Upkeep;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.Attached;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.FindSuperPeer;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.Full;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.Handover;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.LeafPing;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.LeafPong;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.PublishAck;
import io.peerlab.core.overlay.unstructured.AskingOverlay;
import io.peerlab.core.overlay.unstructured.Flood;
import io.peerlab.core.overlay.unstructured.FloodMessage.Query;
import io.peerlab.core.overlay.unstructured.FloodMessage.QueryHit;
import io.peerlab.core.overlay.unstructured.PendingQueries;
import io.peerlab.core.overlay.unstructured.RandomGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A leaf of {@code super-peer}: it finds {@code min(leafConnections, S)} distinct super-peers by
 * random walks over the super-peer graph from a bootstrap super-peer, uploads the list of what it
 * holds to each of them, and sends each of its queries to one of them, chosen at random; the hits
 * come back from that super-peer. A leaf never forwards a query and is never asked one: super-peers
 * answer for it from its uploaded index, and other peers download from it directly.
 *
 * <p>Under churn (runs with churn or failures, {@link Upkeep}): the leaf pings each of
 * its super-peers every {@code join-timeout / 2}. One that has not answered for {@link
 * RandomGraph#MISSED_PINGS} intervals (crashed), or that says it does not hold the leaf (it came
 * back as a new instance), is dropped, and the leaf walks again, from a super-peer it still has or
 * a bootstrap super-peer, until it has {@code leaf-connections} again, and uploads its index to
 * each new one. A super-peer that leaves gracefully hands its leaves to one of its neighbours
 * ({@link Handover}). A leaf with no super-peer left walks from a super-peer of the layout picked
 * at random (any may be down).
 *
 * <p>Promotion (under churn, when the topology gave this leaf a way to promote): super-peers run
 * short when this leaf, still missing super-peers, has been told {@link #PROMOTE_AFTER} times that
 * every super-peer its walks reached is full ({@link Full}). It then waits a random while
 * ({@link #PROMOTE_SPREAD}), walking on, and if still short stops being a leaf and hands the live
 * super-peers it heard from (the full ones and its own) to {@code promote}, which makes it a
 * super-peer linked into the graph through them ({@link PromotableOverlay}). A leaf that reaches
 * no super-peer at all only walks on: a super-peer promoted without a live one to link through
 * could not be found.
 */
public final class LeafOverlay extends AskingOverlay {

  /** Timer: an attach walk or the index upload went unanswered. */
  private record Retry(long id) {}

  private static final long PUBLISH = -1;

  /** Answers {@link Full} a leaf short of super-peers takes before it promotes itself. */
  public static final int PROMOTE_AFTER = 3;

  /**
   * A leaf that decided to promote waits a random 0 to this many ping intervals, walking on, and
   * promotes only if it is still short of super-peers then, so that of many leaves orphaned at
   * once, the first to promote take in the others rather than all promoting together.
   */
  public static final int PROMOTE_SPREAD = 20;

  private final SuperPeerSettings settings;
  private final int[] seeds;
  private final int wanted;
  private final Set<Integer> superPeers = new LinkedHashSet<>();
  private final Set<Long> walks = new HashSet<>();
  private final Set<Integer> unacked = new HashSet<>();
  private final PendingQueries pending;
  private final Flood flood;
  private int nextWalk;
  private int attempts;
  private int publishSends;
  private boolean joinReported;
  private long publishTimer;
  private List<Manifest> shared = List.of();
  private final boolean upkeep;
  private boolean pinging;
  private long round;
  /** super-peer -> when it last answered a ping (or attached this leaf). */
  private final Map<Integer, Long> heard = new HashMap<>();
  private final SuperPeerLayout layout;
  /** Called with the live super-peers this leaf knows when it promotes itself; null: never. */
  private final Consumer<int[]> promote;
  /** Full super-peers heard since this leaf last attached: alive, and members of the graph. */
  private final Set<Integer> full = new LinkedHashSet<>();
  private int fullAnswers;
  /** When this leaf promotes itself if still short of super-peers; 0 while it does not mean to. */
  private long promoteAt;
  private boolean retired;

  /** Timer: the next ping round. */
  private record PingRound() {}

  public LeafOverlay(NodeContext ctx, SuperPeerSettings settings, SuperPeerLayout layout) {
    this(ctx, settings, layout, null);
  }

  LeafOverlay(
      NodeContext ctx, SuperPeerSettings settings, SuperPeerLayout layout, Consumer<int[]> promote) {
    super(ctx);
    this.layout = layout;
    this.promote = promote;
    this.settings = settings;
    this.seeds = layout.seeds(settings.degree());
    this.wanted = Math.min(settings.leafConnections(), layout.count());
    this.pending = new PendingQueries(ctx, settings.window());
    this.flood =
        new Flood(
            ctx, List::of, null, pending,
            settings.hitTimeoutNanos() + settings.searchWindowNanos());
    this.upkeep = Upkeep.on(ctx);
  }

  /** The super-peers this leaf is attached to; for tests and observers. */
  public Set<Integer> superPeers() {
    return Collections.unmodifiableSet(superPeers);
  }

  // ---- attaching ----

  @Override
  public void join() {
    for (int i = 0; i < wanted; i++) {
      walk();
    }
  }

  private void walk() {
    attempts++;
    long id = ((long) ctx.self() << 32) | (nextWalk++ & 0xFFFF_FFFFL);
    walks.add(id);
    int seed = seeds[ctx.random().nextInt(seeds.length)];
    if (joinReported && !superPeers.isEmpty()) { // repairing: start from a live super-peer
      List<Integer> sps = new ArrayList<>(superPeers);
      seed = sps.get(ctx.random().nextInt(sps.size()));
    } else if (joinReported && upkeep) { // none left: any super-peer of the layout may be alive
      seed = layout.address(ctx.random().nextInt(layout.count()));
    }
    ctx.startTimer(settings.joinTimeoutNanos(), new Retry(id));
    ctx.send(seed, new FindSuperPeer(id, ctx.self(), settings.joinWalkLength()));
  }

  private void onAttached(int from, Attached a) {
    if (ctx.blacklisted(from)) { // a super-peer caught poisoning: walk again
      walks.remove(a.id());
      afterWalk();
      return;
    }
    boolean added = superPeers.add(from);
    walks.remove(a.id());
    heard.put(from, ctx.now());
    full.clear();
    fullAnswers = 0;
    promoteAt = 0;
    if (added && joinReported && !shared.isEmpty()) {
      ctx.send(from, new Publish(OpToken.NONE, shared, false)); // a new super-peer after repair
    }
    afterWalk();
  }

  /** A walk ended (answered or timed out): walk again while super-peers are missing. */
  private void afterWalk() {
    int missing = wanted - superPeers.size() - walks.size();
    int limit = RandomGraph.ATTEMPTS * wanted;
    while (missing > 0 && attempts < limit) {
      walk();
      missing--;
    }
    if (!joinReported && (superPeers.size() >= wanted || walks.isEmpty())) {
      joinReported = true;
      if (upkeep && !pinging) {
        pinging = true;
        ctx.startTimer(pingInterval(), new PingRound());
      }
      ctx.joined();
    }
  }

  // ---- upkeep under churn ----

  private long pingInterval() {
    return Math.max(1, settings.joinTimeoutNanos() / 2);
  }

  private void onFull(int from, Full f) {
    if (!walks.remove(f.id())) {
      return;
    }
    full.add(from);
    fullAnswers++;
    if (promote != null && joinReported && fullAnswers >= PROMOTE_AFTER) {
      considerPromotion();
    }
    afterWalk();
  }

  /** Super-peers run short: promote after a random wait, unless a super-peer takes this leaf. */
  private void considerPromotion() {
    if (promoteAt == 0) {
      double wait = ctx.random().nextDouble() * PROMOTE_SPREAD * pingInterval();
      promoteAt = ctx.now() + 1 + (long) wait;
    }
  }

  /** Super-peers run short: stop being a leaf and become a super-peer. */
  private void promoteSelf() {
    retired = true;
    Set<Integer> live = new LinkedHashSet<>(superPeers);
    live.addAll(full);
    promote.accept(live.stream().mapToInt(Integer::intValue).toArray()); // never empty: Full came
  }

  /** True once this leaf promoted itself; it then only finishes the queries it had open. */
  public boolean retired() {
    return retired;
  }

  private void onPingRound() {
    long now = ctx.now();
    if (promoteAt > 0 && now >= promoteAt && superPeers.size() < wanted) {
      promoteSelf();
      return;
    }
    for (int sp : new ArrayList<>(superPeers)) {
      if (now - heard.computeIfAbsent(sp, k -> now) >= RandomGraph.MISSED_PINGS * pingInterval()) {
        superPeers.remove(sp); // crashed, or came back without this leaf
        heard.remove(sp);
      }
    }
    round++;
    for (int sp : superPeers) {
      ctx.send(sp, new LeafPing(round));
    }
    if (superPeers.size() + walks.size() < wanted) {
      attempts = 0; // a fresh budget of walks for each repair
      afterWalk();
    }
    ctx.startTimer(pingInterval(), new PingRound());
  }

  // ---- uploading the index ----

  @Override
  public void publish() {
    List<Manifest> manifests = Shares.all(ctx); // a poisoner's share list has its forgeries
    shared = manifests;
    if (manifests.isEmpty() || superPeers.isEmpty()) {
      ctx.published();
      return;
    }
    unacked.addAll(superPeers);
    sendIndex();
  }

  private void sendIndex() {
    publishSends++;
    for (int sp : unacked) {
      ctx.send(sp, new Publish(OpToken.NONE, shared, true));
    }
    publishTimer = ctx.startTimer(settings.joinTimeoutNanos(), new Retry(PUBLISH));
  }

  private void onPublishAck(int from) {
    if (unacked.remove(from) && unacked.isEmpty()) {
      ctx.cancelTimer(publishTimer);
      ctx.published();
    }
  }

  @Override
  public void announce(Manifest manifest) {
    Manifest announced = Shares.of(ctx, manifest.id()); // a poisoner keeps its forgery
    manifest = announced == null ? manifest : announced;
    List<Manifest> more = new ArrayList<>(shared);
    more.add(manifest);
    shared = more;
    for (int sp : superPeers) {
      ctx.send(sp, new Publish(OpToken.NONE, List.of(manifest), false));
    }
  }

  // ---- queries ----

  @Override
  protected void ask(long op, Key id, List<String> keywords, boolean manifest) {
    long guid = pending.open(op);
    Query q = new Query(op, guid, id, keywords, manifest, settings.ttl(), 1);
    QueryHit local = Flood.fromStore(ctx, q, false);
    if (local != null) {
      pending.hit(guid, local.objects(), local.holders(), local.manifest(), 0);
    }
    dropBlacklisted();
    List<Integer> sps = new ArrayList<>(superPeers);
    if (pending.isOpen(guid) && !sps.isEmpty()) {
      flood.originate(q, List.of(sps.get(ctx.random().nextInt(sps.size()))));
    }
  }

  /**
   * A super-peer this leaf caught poisoning ({@code fetch.verify-manifests}) is not asked again:
   * the leaf leaves it and walks for another, as it does for one that crashed.
   */
  private void dropBlacklisted() {
    if (superPeers.removeIf(ctx::blacklisted)) {
      attempts = 0;
      afterWalk();
    }
  }

  @Override
  public void cancel(long op) {
    pending.cancel(op);
  }

  @Override
  public void onMessage(int from, Message message) {
    if (message instanceof QueryHit h) {
      flood.onHit(h);
    } else if (retired) {
      return;
    } else if (message instanceof Attached a) {
      onAttached(from, a);
    } else if (message instanceof Full f) {
      onFull(from, f);
    } else if (message instanceof PublishAck) {
      onPublishAck(from);
    } else if (message instanceof LeafPong p) {
      if (superPeers.contains(from) && p.attached()) {
        heard.put(from, ctx.now());
      } else if (superPeers.remove(from)) { // it does not hold this leaf any more
        heard.remove(from);
        attempts = 0;
        afterWalk();
      }
    } else if (message instanceof Handover h) {
      if (superPeers.remove(from)) {
        heard.remove(from);
        if (superPeers.contains(h.to()) || h.to() == from) {
          attempts = 0;
          afterWalk(); // attached there already: find another by a walk
        } else {
          long id = ((long) ctx.self() << 32) | (nextWalk++ & 0xFFFF_FFFFL);
          walks.add(id);
          ctx.startTimer(settings.joinTimeoutNanos(), new Retry(id));
          ctx.send(h.to(), new FindSuperPeer(id, ctx.self(), 0));
        }
      }
    }
  }

  @Override
  public void onTimer(Object key) {
    if (pending.onTimer(key)) {
      return;
    }
    if (retired) {
      return;
    }
    if (key instanceof PingRound) {
      onPingRound();
    } else if (key instanceof Retry r) {
      if (r.id() == PUBLISH) {
        if (!unacked.isEmpty()) {
          if (publishSends < RandomGraph.ATTEMPTS) {
            sendIndex();
          } else {
            ctx.published();
          }
        }
      } else if (walks.remove(r.id())) {
        afterWalk();
      }
    }
  }
}
