package io.peerlab.core.overlay.unstructured;

import io.peerlab.core.api.Failures;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Offer;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.api.RequestTracker;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.peer.PeerNode;
import io.peerlab.core.workload.OpType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The asking side of an unstructured query: collects the hits of this peer's open queries and
 * decides, by the {@link ResultWindow}, when each ends and with what outcome. Lookups end at their
 * first hit (the holders it names), a fetch's locate step at its first hit that carries the
 * manifest, a search {@code searchWindow} after its first hit (every object reported by then);
 * a query with no hit after {@code hitTimeout} fails as not-found. Hops are those of the first hit.
 * Hits for a query that has ended are ignored.
 */
public final class PendingQueries {

  private static final class Pending {
    final long op;
    final long guid;
    final OpType type;
    /** Distinct manifests found: an object announced with two manifests is two hits. */
    final LinkedHashSet<Manifest> found = new LinkedHashSet<>();
    int firstHops = -1;

    Pending(long op, long guid) {
      this.op = op;
      this.guid = guid;
      this.type = OpToken.type(op);
    }
  }

  private final NodeContext ctx;
  private final ResultWindow window;
  /**
   * Open queries by GUID. The deadline is {@code hitTimeout} after opening until the first hit of a
   * search, then the end of its collection window.
   */
  private final RequestTracker<Long, Pending> byGuid;
  private final Map<Long, Long> guidByOp = new HashMap<>();

  public PendingQueries(NodeContext ctx, ResultWindow window) {
    this.ctx = ctx;
    this.window = window;
    this.byGuid = new RequestTracker<>(ctx, window.hitTimeoutNanos(), this::onDeadline);
  }

  /** Opens a query for {@code op} and returns its new unique id (Gnutella's GUID). */
  public long open(long op) {
    long guid;
    do {
      guid = ctx.random().nextLong();
    } while (guid == 0 || byGuid.isOpen(guid));
    Pending p = new Pending(op, guid);
    guidByOp.put(op, guid);
    byGuid.open(guid, p);
    return guid;
  }

  /** True while the query waits for hits (check-backs of random walks ask this). */
  public boolean isOpen(long guid) {
    return byGuid.isOpen(guid);
  }

  /** Number of queries still open; for tests. */
  public int open() {
    return byGuid.size();
  }

  /**
   * A hit for {@code guid}: {@code objects} match (each with the manifest it was announced with),
   * {@code holders} hold them (for an id query), {@code manifest} when asked for; {@code hops} from
   * this peer to the peer that answered.
   *
   * <p>With {@code fetch.verify-manifests} ({@link NodeContext#verify}) a hit's manifests are
   * checked before they count: a forged one is dropped and its holders blacklisted, so a locate
   * waits for a genuine hit and a search reports only genuine objects. Holders blacklisted before
   * are left out of every hit; a hit that names only such holders is ignored.
   */
  public void hit(
      long guid,
      List<Manifest> objects,
      Collection<Integer> holders,
      Manifest manifest,
      int hops) {
    Pending p = byGuid.get(guid);
    if (p == null) {
      return;
    }
    int[] trusted = Offer.trusted(ctx, holders);
    if (trusted.length == 0 && !holders.isEmpty()) {
      return; // only peers caught poisoning answered
    }
    switch (p.type) {
      case LOOKUP -> {
        if (trusted.length > 0) {
          close(p);
          ctx.lookupDone(p.op, trusted, hops);
        }
      }
      case FETCH -> {
        if (manifest != null && trusted.length > 0) {
          List<Offer> kept = ctx.verify(List.of(new Offer(manifest, trusted)), false);
          if (kept.isEmpty()) {
            return; // a forged manifest: wait for a genuine hit
          }
          close(p);
          ctx.located(p.op, kept.get(0).manifest(), kept.get(0).holders(), hops);
        }
      }
      default -> {
        List<Manifest> kept = Offer.verifiedHits(ctx, objects, trusted);
        if (kept.isEmpty()) {
          return;
        }
        p.found.addAll(kept);
        if (p.firstHops < 0) {
          p.firstHops = hops;
          if (window.searchWindowNanos() == 0) {
            finishSearch(p);
          } else {
            byGuid.extend(guid, window.searchWindowNanos());
          }
        }
      }
    }
  }

  /** Handles this component's timers; false for other keys. */
  public boolean onTimer(Object key) {
    return byGuid.onTimer(key);
  }

  /** A search's collection window is over, or no hit came in time. */
  private void onDeadline(long guid, Pending p, int attempts) {
    if (p.firstHops >= 0) {
      finishSearch(p);
      return;
    }
    close(p);
    switch (p.type) {
      case LOOKUP -> ctx.lookupDone(p.op, new int[0], 0);
      case SEARCH -> ctx.searchDone(p.op, List.of(), 0);
      default -> ctx.failed(p.op, Failures.NOT_FOUND);
    }
  }

  /** The node gave up on {@code op}: forget it. */
  public void cancel(long op) {
    Long guid = guidByOp.get(op);
    if (guid != null) {
      Pending p = byGuid.get(guid);
      if (p != null) {
        close(p);
      }
    }
  }

  private void finishSearch(Pending p) {
    close(p);
    ctx.searchHits(p.op, new ArrayList<>(p.found), p.firstHops);
  }

  private void close(Pending p) {
    byGuid.close(p.guid);
    guidByOp.remove(p.op);
  }

  private static int[] toArray(Collection<Integer> xs) {
    int[] out = new int[xs.size()];
    int i = 0;
    for (int x : xs) {
      out[i++] = x;
    }
    return out;
  }
}
