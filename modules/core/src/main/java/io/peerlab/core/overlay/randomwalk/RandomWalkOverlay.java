package io.peerlab.core.overlay.randomwalk;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.randomwalk.WalkMessage.Check;
import io.peerlab.core.overlay.randomwalk.WalkMessage.CheckReply;
import io.peerlab.core.overlay.randomwalk.WalkMessage.Hit;
import io.peerlab.core.overlay.randomwalk.WalkMessage.Walker;
import io.peerlab.core.overlay.unstructured.AskingOverlay;
import io.peerlab.core.overlay.unstructured.Eclipse;
import io.peerlab.core.overlay.unstructured.Flood;
import io.peerlab.core.overlay.unstructured.GraphMessage;
import io.peerlab.core.overlay.unstructured.PendingQueries;
import io.peerlab.core.overlay.unstructured.RandomGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code random-walk} at one peer (Lv, Cao, Cohen, Li and Shenker, ICS 2002, §4): on the same
 * random d-regular graph as {@code flooding}, a query sends {@code k} walkers to random
 * neighbours; each walker steps to a random neighbour until it reaches a peer holding a match
 * (which answers the asking peer directly, and the walker ends), or its TTL runs out. With
 * check-back every {@code checkInterval} steps the walker's current peer asks the asking peer
 * whether to go on; the asking peer says stop once its query has ended (a lookup at its first hit,
 * a search at the end of its window, any query at its hit timeout), which is what keeps the
 * number of messages small.
 *
 * <p>State keeping (Lv et al. §4.2): a peer remembers, per query, whether it has answered (so it
 * answers once) and which neighbours it sent walkers to, and sends the next walker of that query
 * to a neighbour not used yet, other than the one the walker came from, where it can.
 */
public final class RandomWalkOverlay extends AskingOverlay {

  /** What this peer remembers of one query. */
  private static final class Visit {
    final long at;
    boolean answered;
    final Set<Integer> sentTo = new HashSet<>(4);

    Visit(long at) {
      this.at = at;
    }
  }

  /** A walker waiting for a check-back answer. */
  private record Parked(Walker walker, int from, long at) {}

  private final RandomWalkSettings settings;
  private final RandomGraph graph;
  private final PendingQueries pending;
  private final long memoryNanos;
  private final LinkedHashMap<Long, Visit> visits = new LinkedHashMap<>();
  private final LinkedHashMap<Long, Parked> parked = new LinkedHashMap<>();
  private long nextTicket;
  /** A {@code misroute} peer ({@link Eclipse}). */
  private final boolean misroutes;

  public RandomWalkOverlay(NodeContext ctx, RandomWalkSettings settings) {
    super(ctx);
    this.settings = settings;
    this.graph =
        new RandomGraph(
            ctx, settings.graph(),
            RandomGraph.firstPeers(ctx.directory().size(), settings.degree()));
    this.pending = new PendingQueries(ctx, settings.window());
    this.memoryNanos = settings.hitTimeoutNanos() + settings.searchWindowNanos();
    this.misroutes = Eclipse.misroutes(ctx);
  }

  /** This peer's part of the overlay graph; for tests and observers. */
  public RandomGraph graph() {
    return graph;
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
    Walker w = new Walker(op, guid, ctx.self(), id, keywords, manifest, settings.ttl() - 1, 1);
    Hit local = answer(w, false);
    if (local != null) {
      pending.hit(guid, local.objects(), local.holders(), local.manifest(), 0);
    }
    if (!pending.isOpen(guid) || graph.degree() == 0) {
      return;
    }
    visit(guid).answered = true;
    List<Integer> order = new ArrayList<>(graph.neighbours());
    order.removeIf(ctx::blacklisted); // a peer caught poisoning is not asked again
    if (order.isEmpty()) {
      return;
    }
    for (int i = order.size() - 1; i > 0; i--) {
      Collections.swap(order, i, ctx.random().nextInt(i + 1));
    }
    for (int i = 0; i < settings.walkers(); i++) {
      int to = order.get(i % order.size());
      visit(guid).sentTo.add(to);
      ctx.send(to, w);
    }
  }

  @Override
  public void cancel(long op) {
    pending.cancel(op);
  }

  // ---- walkers ----

  private void onWalker(int from, Walker w) {
    Visit v = visit(w.guid());
    if (misroutes && w.origin() != ctx.self()) {
      // misroute (Eclipse): name accomplices as the holders of an id, end every walker here
      Manifest m = w.id() == null ? null : Eclipse.manifest(ctx, w.id());
      List<Integer> named = Eclipse.accomplices(ctx);
      if (m != null && !named.isEmpty() && !v.answered) {
        v.answered = true;
        ctx.send(w.origin(), new Hit(
            w.op(), w.guid(), List.of(m), named, w.manifest() ? m : null, w.hops()));
      }
      return;
    }
    if (w.origin() != ctx.self()) {
      Hit hit = answer(w, true);
      if (hit != null) {
        if (!v.answered) {
          v.answered = true;
          ctx.send(w.origin(), hit);
        }
        return; // a walker ends where it finds something
      }
    }
    if (w.ttl() <= 0) {
      return;
    }
    if (settings.checkInterval() > 0 && w.hops() % settings.checkInterval() == 0) {
      if (w.origin() == ctx.self()) {
        if (pending.isOpen(w.guid())) {
          forward(w, from);
        }
        return;
      }
      long ticket = ++nextTicket;
      evictParked();
      parked.put(ticket, new Parked(w, from, ctx.now()));
      ctx.send(w.origin(), new Check(w.op(), w.guid(), ticket));
      return;
    }
    forward(w, from);
  }

  private void forward(Walker w, int from) {
    if (graph.degree() == 0) {
      return;
    }
    Visit v = visit(w.guid());
    List<Integer> fresh = new ArrayList<>();
    List<Integer> others = new ArrayList<>();
    for (int n : graph.neighbours()) {
      if (n != from && !ctx.blacklisted(n)) {
        others.add(n);
        if (!v.sentTo.contains(n)) {
          fresh.add(n);
        }
      }
    }
    List<Integer> choice = !fresh.isEmpty() ? fresh : !others.isEmpty() ? others : List.of(from);
    int next = choice.get(ctx.random().nextInt(choice.size()));
    v.sentTo.add(next);
    ctx.send(next, w.next());
  }

  private void onCheck(int from, Check c) {
    ctx.send(from, new CheckReply(c.op(), c.guid(), c.ticket(), pending.isOpen(c.guid())));
  }

  private void onCheckReply(CheckReply r) {
    Parked p = parked.remove(r.ticket());
    if (p != null && r.go()) {
      forward(p.walker(), p.from());
    }
  }

  /** This peer's answer from its own store (to others, a poisoner's: with forgeries), or null. */
  private Hit answer(Walker w, boolean others) {
    List<Manifest> objects = Flood.announced(ctx, w.id(), w.keywords(), others);
    if (objects.isEmpty()) {
      return null;
    }
    Manifest manifest = w.id() != null && w.manifest() ? objects.get(0) : null;
    return new Hit(w.op(), w.guid(), objects, List.of(ctx.self()), manifest, w.hops());
  }

  // ---- memory ----

  private Visit visit(long guid) {
    long now = ctx.now();
    Iterator<Map.Entry<Long, Visit>> it = visits.entrySet().iterator();
    while (it.hasNext()) {
      if (now - it.next().getValue().at <= memoryNanos) {
        break;
      }
      it.remove();
    }
    return visits.computeIfAbsent(guid, g -> new Visit(now));
  }

  private void evictParked() {
    long now = ctx.now();
    Iterator<Map.Entry<Long, Parked>> it = parked.entrySet().iterator();
    while (it.hasNext()) {
      if (now - it.next().getValue().at() <= memoryNanos) {
        break;
      }
      it.remove();
    }
  }

  /** Walkers waiting for a check-back answer here; for tests. */
  public int parked() {
    return parked.size();
  }

  @Override
  public void onMessage(int from, Message message) {
    if (message instanceof Walker w) {
      onWalker(from, w);
    } else if (message instanceof Hit h) {
      pending.hit(h.guid(), h.objects(), h.holders(), h.manifest(), h.hops());
    } else if (message instanceof Check c) {
      onCheck(from, c);
    } else if (message instanceof CheckReply r) {
      onCheckReply(r);
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
