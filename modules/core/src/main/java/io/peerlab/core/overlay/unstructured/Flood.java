package io.peerlab.core.overlay.unstructured;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.ObjectStore;
import io.peerlab.core.api.Shares;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.unstructured.FloodMessage.Query;
import io.peerlab.core.overlay.unstructured.FloodMessage.QueryHit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gnutella 0.4 query routing at one peer. A query is handled the first time its id arrives:
 * answered if this peer has something ({@link Responder}), then, while its TTL lasts, forwarded
 * to every neighbour except the one it came from; later copies of the same id are dropped. A hit
 * goes back to the neighbour its query first came from, hop by hop, to the peer that asked.
 *
 * <p>Message count: the asking peer sends one copy to each of its d neighbours, every other peer
 * reached with TTL left sends d − 1, so on a d-regular graph a query with time-to-live TTL sends at
 * most d·((d−1)^TTL − 1)/(d − 2) copies (Schollmeier's tree bound), fewer where copies meet.
 */
public final class Flood {

  /** What this peer answers to a query: no hit, one, or one per manifest it knows (super-peers). */
  public interface Responder {
    List<QueryHit> answer(Query q);
  }

  /** A responder that answers others from the peer's own store ({@link #fromStore}). */
  public static Responder storeResponder(NodeContext ctx) {
    return q -> {
      QueryHit hit = fromStore(ctx, q, true);
      return hit == null ? List.of() : List.of(hit);
    };
  }

  private final NodeContext ctx;
  private final Supplier<Collection<Integer>> neighbours;
  private final Responder responder;
  private final Routes routes;
  private final PendingQueries pending;
  /** A {@code misroute} peer: it answers id queries falsely and forwards nothing. */
  private final boolean misroutes;

  /**
   * @param neighbours where queries are forwarded (empty for a peer that never forwards)
   * @param pending where hits for this peer's own queries go
   * @param routeExpiryNanos how long a query id and its way back are remembered
   */
  public Flood(
      NodeContext ctx, Supplier<Collection<Integer>> neighbours, Responder responder,
      PendingQueries pending, long routeExpiryNanos) {
    this.ctx = ctx;
    this.neighbours = neighbours;
    this.responder = responder;
    this.pending = pending;
    this.routes = new Routes(routeExpiryNanos);
    this.misroutes = Eclipse.misroutes(ctx);
  }

  /** Sends this peer's own query {@code q} (hops 1) to {@code targets}. */
  public void originate(Query q, Collection<Integer> targets) {
    routes.add(q.guid(), Routes.ORIGIN, ctx.now());
    for (int t : targets) {
      if (!ctx.blacklisted(t)) { // a peer caught poisoning is not asked again
        ctx.send(t, q);
      }
    }
  }

  public void onQuery(int from, Query q) {
    if (!routes.add(q.guid(), from, ctx.now())) {
      return;
    }
    if (misroutes) {
      misroute(from, q);
      return;
    }
    if (responder != null) {
      for (QueryHit hit : responder.answer(q)) {
        ctx.send(from, hit);
      }
    }
    if (q.ttl() > 0) {
      Query next = q.next();
      for (int n : neighbours.get()) {
        if (n != from && !ctx.blacklisted(n)) {
          ctx.send(n, next);
        }
      }
    }
  }

  public void onHit(QueryHit h) {
    int up = routes.upstream(h.guid(), ctx.now());
    if (up == Routes.ORIGIN) {
      pending.hit(h.guid(), h.objects(), h.holders(), h.manifest(), h.hops());
    } else if (up >= 0) {
      ctx.send(up, h);
    }
  }

  /** A {@code misroute} peer's answer ({@link Eclipse}): false holders, and no forwarding. */
  private void misroute(int from, Query q) {
    Manifest m = q.id() == null ? null : Eclipse.manifest(ctx, q.id());
    List<Integer> named = Eclipse.accomplices(ctx);
    if (m != null && !named.isEmpty()) {
      ctx.send(from, new QueryHit(
          q.op(), q.guid(), List.of(m), named, q.manifest() ? m : null, q.hops()));
    }
  }

  /** True if this peer has seen query {@code guid} (for tests). */
  public boolean seen(long guid) {
    return routes.seen(guid, ctx.now());
  }

  /**
   * What this peer has for an id query ({@code id} non-null: the object's manifest) or a keyword
   * search (every matching object's manifest): its store's, and, answering {@code others}, a
   * poisoner's forgeries too ({@link Shares}); a poisoner's own queries see its store only. Empty
   * when it has nothing.
   */
  public static List<Manifest> announced(
      NodeContext ctx, Key id, List<String> keywords, boolean others) {
    ObjectStore store = ctx.store();
    if (id != null) {
      int o = store.indexOf(id);
      Manifest m = others ? Shares.of(ctx, id) : o < 0 ? null : store.manifest(o);
      return m == null ? List.of() : List.of(m);
    }
    if (others) {
      return Shares.matching(ctx, keywords);
    }
    List<Manifest> out = new ArrayList<>();
    for (int o : store.matching(keywords)) {
      out.add(store.manifest(o));
    }
    return out;
  }

  /**
   * The answer of a peer from its own store: the objects it holds that match, held by itself; to
   * {@code others}' queries, with a poisoner's forgeries ({@link #announced}).
   */
  public static QueryHit fromStore(NodeContext ctx, Query q, boolean others) {
    List<Manifest> objects = announced(ctx, q.id(), q.keywords(), others);
    if (objects.isEmpty()) {
      return null;
    }
    Manifest manifest = q.id() != null && q.manifest() ? objects.get(0) : null;
    return new QueryHit(q.op(), q.guid(), objects, List.of(ctx.self()), manifest, q.hops());
  }
}
