package io.peerlab.core.overlay.superpeer;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Offer;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Shares;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.common.IndexTable;
import io.peerlab.core.overlay.common.Publish;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.Attached;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.FindSuperPeer;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.Full;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.Handover;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.LeafPing;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.LeafPong;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage.PublishAck;
import io.peerlab.core.overlay.unstructured.Flood;
import io.peerlab.core.overlay.unstructured.FloodMessage.Query;
import io.peerlab.core.overlay.unstructured.FloodMessage.QueryHit;
import io.peerlab.core.overlay.unstructured.GraphMessage;
import io.peerlab.core.overlay.unstructured.PendingQueries;
import io.peerlab.core.overlay.unstructured.RandomGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A super-peer of {@code super-peer}: a member of a random d-regular graph of super-peers (the
 * {@link RandomGraph} of flooding, over super-peers only), the index of its leaves (every leaf
 * uploads what it holds) and of its own objects, and a Gnutella query router among super-peers: a
 * query from one of its leaves, or from another super-peer, is answered from the index (with the
 * holders, and the manifest when asked) and flooded on to its super-peer neighbours while its TTL
 * lasts; hits go back on the reverse path to the leaf that asked. A super-peer's own queries are
 * answered first from its index (0 hops), then flooded.
 *
 * <p>Under churn ({@link io.peerlab.core.overlay.common.Upkeep}): the super-peer graph repairs itself as flooding's
 * graph does; a leaf not heard (no {@link LeafPing}) for {@link RandomGraph#MISSED_PINGS} of its
 * ping intervals is forgotten with everything it published; a leaf that pings but is not attached
 * here (this super-peer came back without its leaves) is told so and re-attaches at once. A
 * super-peer that leaves gracefully hands each of its leaves to one of its neighbours. A super-peer
 * holds at most {@link SuperPeerLayout#leafSlots} leaves: a leaf's walk that ends at a full one
 * walks on up to {@code join-walk-length} more steps, and past that the leaf hears {@link Full};
 * such a leaf may promote itself ({@link PromotableOverlay}): a super-peer made that way joins the
 * super-peer graph through the live super-peers it knows ({@link #promoted}).
 */
public final class SuperPeerOverlay implements Overlay {
  private final NodeContext ctx;
  private final SuperPeerSettings settings;
  private final RandomGraph graph;
  private final PendingQueries pending;
  private final Flood flood;
  private final IndexTable index = new IndexTable();
  private final Set<Integer> leaves = new LinkedHashSet<>();
  /** leaf -> when it last pinged (runs with churn or failures). */
  private final Map<Integer, Long> leafHeard = new HashMap<>();
  private boolean sweeping;
  private final int slots;

  /** Timer: look for leaves that fell silent. */
  private record Sweep() {}

  public SuperPeerOverlay(NodeContext ctx, SuperPeerSettings settings, SuperPeerLayout layout) {
    this(ctx, settings, layout, layout.seeds(settings.degree()));
  }

  private SuperPeerOverlay(
      NodeContext ctx, SuperPeerSettings settings, SuperPeerLayout layout, int[] seeds) {
    this.ctx = ctx;
    this.settings = settings;
    this.slots = layout.leafSlots(settings.leafConnections());
    this.graph = new RandomGraph(ctx, settings.graph(), seeds);
    this.pending = new PendingQueries(ctx, settings.window());
    this.flood =
        new Flood(
            ctx, graph::neighbours, this::answer, pending,
            settings.hitTimeoutNanos() + settings.searchWindowNanos());
  }

  /** This super-peer's part of the super-peer graph; for tests and observers. */
  public RandomGraph graph() {
    return graph;
  }

  /** The leaves attached to this super-peer; for tests and observers. */
  public Set<Integer> leaves() {
    return Collections.unmodifiableSet(leaves);
  }

  /** The index of this super-peer's leaves and its own objects; for tests and observers. */
  public IndexTable index() {
    return index;
  }

  @Override
  public void join() {
    graph.join(ctx::joined);
    if (graph.upkeep() && !sweeping) {
      sweeping = true;
      ctx.startTimer(leafDeadline(), new Sweep());
    }
  }

  /**
   * A leaf turned super-peer in the middle of a run (under churn): it joins the super-peer graph by
   * walks from {@code seeds}, the live super-peers it knows, indexes its own objects and takes
   * leaves at once; the run's join and publish are long over, so it reports neither.
   */
  static SuperPeerOverlay promoted(
      NodeContext ctx, SuperPeerSettings settings, SuperPeerLayout layout, int[] seeds) {
    SuperPeerOverlay sp = new SuperPeerOverlay(ctx, settings, layout, seeds);
    sp.graph.join(() -> {});
    sp.sweeping = true;
    ctx.startTimer(sp.leafDeadline(), new Sweep());
    for (Manifest m : Shares.all(ctx)) {
      sp.index.add(m, ctx.self());
    }
    return sp;
  }

  /** Silence after which a leaf is presumed gone: its pings' interval times the misses allowed. */
  private long leafDeadline() {
    return RandomGraph.MISSED_PINGS * Math.max(1, settings.joinTimeoutNanos() / 2);
  }

  private void sweep() {
    long now = ctx.now();
    for (int leaf : new ArrayList<>(leaves)) {
      if (now - leafHeard.computeIfAbsent(leaf, k -> now) >= leafDeadline()) {
        leaves.remove(leaf);
        leafHeard.remove(leaf);
        index.removeHolder(leaf);
      }
    }
    ctx.startTimer(leafDeadline() / RandomGraph.MISSED_PINGS, new Sweep());
  }

  /** Leaving gracefully: each leaf is told to attach to one of this super-peer's neighbours. */
  @Override
  public void leave() {
    if (graph.degree() > 0) {
      for (int leaf : leaves) {
        ctx.send(leaf, new Handover(graph.randomNeighbour(-1)));
      }
    }
    graph.leave();
  }

  @Override
  public void publish() {
    for (Manifest m : Shares.all(ctx)) {
      index.add(m, ctx.self());
    }
    graph.checkConnectivity(ctx::published);
  }

  @Override
  public void announce(Manifest manifest) {
    Manifest announced = Shares.of(ctx, manifest.id()); // a poisoner keeps its forgery
    index.add(announced == null ? manifest : announced, ctx.self());
  }

  @Override
  public void lookup(long op, Key key) {
    ask(op, key, List.of(), false);
  }

  @Override
  public void locate(long op, Key objectId) {
    ask(op, objectId, List.of(), true);
  }

  @Override
  public void search(long op, List<String> keywords) {
    ask(op, null, keywords, false);
  }

  private void ask(long op, Key id, List<String> keywords, boolean manifest) {
    long guid = pending.open(op);
    Query q = new Query(op, guid, id, keywords, manifest, settings.ttl() - 1, 1);
    for (QueryHit local : answer(q)) {
      pending.hit(guid, local.objects(), local.holders(), local.manifest(), 0);
    }
    if (pending.isOpen(guid)) {
      if (settings.ttl() > 0) {
        flood.originate(q, new ArrayList<>(graph.neighbours()));
      } else {
        flood.originate(q, List.of());
      }
    }
  }

  /**
   * The answer from this super-peer's index: none, or one hit; for a locate, one hit per manifest
   * the index holds for the object, each with the leaves that published it (more than one only
   * under index poisoning), so that the asking peer can check each.
   */
  private List<QueryHit> answer(Query q) {
    if (q.id() != null) {
      if (q.manifest()) {
        List<QueryHit> hits = new ArrayList<>(1);
        for (Offer o : index.offers(q.id())) {
          hits.add(new QueryHit(q.op(), q.guid(), List.of(o.manifest()),
              Arrays.stream(o.holders()).boxed().toList(), o.manifest(), q.hops()));
        }
        return hits;
      }
      int[] holders = index.holders(q.id());
      if (holders.length == 0) {
        return List.of();
      }
      return List.of(new QueryHit(q.op(), q.guid(), List.of(index.manifest(q.id())),
          Arrays.stream(holders).boxed().toList(), null, q.hops()));
    }
    List<Manifest> found = index.searchHits(q.keywords());
    return found.isEmpty()
        ? List.of()
        : List.of(new QueryHit(q.op(), q.guid(), found, List.of(), null, q.hops()));
  }

  @Override
  public void cancel(long op) {
    pending.cancel(op);
  }

  @Override
  public void onMessage(int from, Message message) {
    if (message instanceof Query q) {
      flood.onQuery(from, q);
    } else if (message instanceof QueryHit h) {
      flood.onHit(h);
    } else if (message instanceof FindSuperPeer f) {
      onFind(f);
    } else if (message instanceof Publish p) {
      for (Manifest m : p.objects()) {
        index.add(m, from);
      }
      if (p.ack()) {
        ctx.send(from, new PublishAck(OpToken.NONE));
      }
    } else if (message instanceof LeafPing p) {
      boolean attached = leaves.contains(from);
      if (attached) {
        leafHeard.put(from, ctx.now());
      }
      ctx.send(from, new LeafPong(p.round(), attached));
    } else if (message instanceof GraphMessage g) {
      graph.onMessage(from, g);
    }
  }

  private void onFind(FindSuperPeer f) {
    if (f.steps() > 0 && graph.degree() > 0) {
      ctx.send(graph.randomNeighbour(-1), new FindSuperPeer(f.id(), f.leaf(), f.steps() - 1));
      return;
    }
    if (graph.upkeep() && leaves.size() >= slots && !leaves.contains(f.leaf())) {
      // Full: walk on (steps count down below zero) for one more walk length, then say so.
      if (f.steps() > -settings.joinWalkLength() && graph.degree() > 0) {
        ctx.send(graph.randomNeighbour(-1), new FindSuperPeer(f.id(), f.leaf(), f.steps() - 1));
      } else {
        ctx.send(f.leaf(), new Full(f.id()));
      }
      return;
    }
    leaves.add(f.leaf());
    leafHeard.put(f.leaf(), ctx.now());
    ctx.send(f.leaf(), new Attached(f.id()));
  }

  @Override
  public void onTimer(Object key) {
    if (key instanceof Sweep) {
      sweep();
    } else if (!pending.onTimer(key)) {
      graph.onTimer(key);
    }
  }
}
