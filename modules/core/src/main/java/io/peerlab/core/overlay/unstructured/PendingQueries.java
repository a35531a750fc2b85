package io.peerlab.core.overlay.unstructured;

import io.peerlab.core.api.Failures;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.OpToken;
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

  /** Timer: a search's collection window is over. */
  public record WindowEnd(long guid) {}

  /** Timer: no hit came in time. */
  public record GiveUp(long guid) {}

  private static final class Pending {
    final long op;
    final long guid;
    final OpType type;
    final LinkedHashSet<Key> found = new LinkedHashSet<>();
    int firstHops = -1;
    long giveUpTimer;

    Pending(long op, long guid) {
      this.op = op;
      this.guid = guid;
      this.type = OpToken.type(op);
    }
  }

  private final NodeContext ctx;
  private final ResultWindow window;
  private final Map<Long, Pending> byGuid = new HashMap<>();
  private final Map<Long, Long> guidByOp = new HashMap<>();

  public PendingQueries(NodeContext ctx, ResultWindow window) {
    this.ctx = ctx;
    this.window = window;
  }

  /** Opens a query for {@code op} and returns its new unique id (Gnutella's GUID). */
  public long open(long op) {
    long guid;
    do {
      guid = ctx.random().nextLong();
    } while (guid == 0 || byGuid.containsKey(guid));
    Pending p = new Pending(op, guid);
    byGuid.put(guid, p);
    guidByOp.put(op, guid);
    p.giveUpTimer = ctx.startTimer(window.hitTimeoutNanos(), new GiveUp(guid));
    return guid;
  }

  /** True while the query waits for hits (check-backs of random walks ask this). */
  public boolean isOpen(long guid) {
    return byGuid.containsKey(guid);
  }

  /** Number of queries still open; for tests. */
  public int open() {
    return byGuid.size();
  }

  /**
   * A hit for {@code guid}: {@code objects} match, {@code holders} hold them (for an id query),
   * {@code manifest} when asked for; {@code hops} from this peer to the peer that answered.
   */
  public void hit(
      long guid,
      Collection<Key> objects,
      Collection<Integer> holders,
      Manifest manifest,
      int hops) {
    Pending p = byGuid.get(guid);
    if (p == null) {
      return;
    }
    switch (p.type) {
      case LOOKUP -> {
        if (!holders.isEmpty()) {
          close(p);
          ctx.lookupDone(p.op, toArray(holders), hops);
        }
      }
      case FETCH -> {
        if (manifest != null && !holders.isEmpty()) {
          close(p);
          ctx.located(p.op, manifest, toArray(holders), hops);
        }
      }
      default -> {
        if (objects.isEmpty()) {
          return;
        }
        p.found.addAll(objects);
        if (p.firstHops < 0) {
          p.firstHops = hops;
          ctx.cancelTimer(p.giveUpTimer);
          if (window.searchWindowNanos() == 0) {
            finishSearch(p);
          } else {
            ctx.startTimer(window.searchWindowNanos(), new WindowEnd(guid));
          }
        }
      }
    }
  }

  /** Handles this component's timers; false for other keys. */
  public boolean onTimer(Object key) {
    if (key instanceof WindowEnd w) {
      Pending p = byGuid.get(w.guid());
      if (p != null) {
        finishSearch(p);
      }
      return true;
    }
    if (key instanceof GiveUp g) {
      Pending p = byGuid.get(g.guid());
      if (p != null && p.firstHops < 0) {
        close(p);
        switch (p.type) {
          case LOOKUP -> ctx.lookupDone(p.op, new int[0], 0);
          case SEARCH -> ctx.searchDone(p.op, List.of(), 0);
          default -> ctx.failed(p.op, Failures.NOT_FOUND);
        }
      }
      return true;
    }
    return false;
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
    ctx.searchDone(p.op, new ArrayList<>(p.found), p.firstHops);
  }

  private void close(Pending p) {
    byGuid.remove(p.guid);
    guidByOp.remove(p.op);
    ctx.cancelTimer(p.giveUpTimer);
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
