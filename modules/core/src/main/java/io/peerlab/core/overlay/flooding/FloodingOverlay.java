package io.peerlab.core.overlay.flooding;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.unstructured.AskingOverlay;
import io.peerlab.core.overlay.unstructured.Flood;
import io.peerlab.core.overlay.unstructured.FloodMessage.Query;
import io.peerlab.core.overlay.unstructured.FloodMessage.QueryHit;
import io.peerlab.core.overlay.unstructured.GraphMessage;
import io.peerlab.core.overlay.unstructured.PendingQueries;
import io.peerlab.core.overlay.unstructured.RandomGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flooding} (Gnutella 0.4) at one peer: a member of a random d-regular {@link RandomGraph};
 * its queries are flooded with a TTL ({@link Flood}); its hits come back on the reverse path and
 * are collected by {@link PendingQueries}. A lookup is a query for the object's id; so is a fetch's
 * locate step, which also asks for the manifest. What this peer holds itself answers its own
 * query at once, with 0 hops: a lookup or fetch of a held object sends nothing, a search still
 * floods to find what others hold.
 */
public final class FloodingOverlay extends AskingOverlay {
  private final FloodingSettings settings;
  private final RandomGraph graph;
  private final PendingQueries pending;
  private final Flood flood;

  public FloodingOverlay(NodeContext ctx, FloodingSettings settings) {
    super(ctx);
    this.settings = settings;
    this.graph =
        new RandomGraph(
            ctx, settings.graph(),
            RandomGraph.firstPeers(ctx.directory().size(), settings.degree()));
    this.pending = new PendingQueries(ctx, settings.window());
    this.flood =
        new Flood(
            ctx, graph::neighbours, Flood.storeResponder(ctx), pending,
            settings.hitTimeoutNanos() + settings.searchWindowNanos());
  }

  /** This peer's part of the overlay graph; for tests and observers. */
  public RandomGraph graph() {
    return graph;
  }

  /** This peer's query routing; for tests and observers. */
  public Flood flood() {
    return flood;
  }

  @Override
  public void join() {
    graph.join(ctx::joined);
  }

  /** Leaving gracefully: the neighbours drop this member at once and pair up (churn). */
  @Override
  public void leave() {
    graph.leave();
  }

  @Override
  public void publish() {
    graph.checkConnectivity(ctx::published);
  }

  @Override
  protected void ask(long op, Key id, List<String> keywords, boolean manifest) {
    long guid = pending.open(op);
    Query q = new Query(op, guid, id, keywords, manifest, settings.ttl() - 1, 1);
    QueryHit local = Flood.fromStore(ctx, q, false);
    if (local != null) {
      pending.hit(guid, local.objects(), local.holders(), local.manifest(), 0);
    }
    if (pending.isOpen(guid)) {
      flood.originate(q, new ArrayList<>(graph.neighbours()));
    }
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
    } else if (message instanceof GraphMessage g) {
      graph.onMessage(from, g);
    }
  }

  @Override
  public void onTimer(Object key) {
    if (!pending.onTimer(key)) {
      graph.onTimer(key);
    }
  }
}
