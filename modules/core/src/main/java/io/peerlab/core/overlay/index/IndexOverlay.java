package io.peerlab.core.overlay.index;

import io.peerlab.core.api.Failures;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Offer;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.RequestTracker;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.Shares;
import io.peerlab.core.api.SwarmEvent;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.common.IndexTable;
import io.peerlab.core.overlay.common.Publish;
import io.peerlab.core.overlay.common.Upkeep;
import io.peerlab.core.overlay.index.IndexMessage.Locate;
import io.peerlab.core.overlay.index.IndexMessage.LocateReply;
import io.peerlab.core.overlay.index.IndexMessage.Lookup;
import io.peerlab.core.overlay.index.IndexMessage.LookupReply;
import io.peerlab.core.overlay.index.IndexMessage.PublishAck;
import io.peerlab.core.overlay.index.IndexMessage.PublishAgain;
import io.peerlab.core.overlay.index.IndexMessage.Reindex;
import io.peerlab.core.overlay.index.IndexMessage.Search;
import io.peerlab.core.overlay.index.IndexMessage.SearchReply;
import io.peerlab.core.overlay.index.IndexMessage.SwarmAnnounce;
import io.peerlab.core.overlay.index.IndexMessage.SwarmMembers;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The overlay of the two topologies with a well-known server: every query is one round trip to
 * "my" server ({@code servers[self mod servers]}), so hops are always 1.
 *
 * <ul>
 *   <li>{@code client-server}: the server holds every object; it answers from its own store and
 *       names itself as the only holder, so all content comes from it.
 *   <li>{@code central-index} (Napster): the index holds no content; peers publish their share
 *       lists to every index server at start and announce each download; the index answers with
 *       the peers that hold an object, and content moves peer to peer.
 * </ul>
 *
 * Peers publish to every index server, so each index server has the whole index and any one can
 * answer (Napster's servers were independent; replicating the index is the simplest way to make
 * more than one behave as one).
 *
 * <p>Failover (docs/overlays/client-server.md, "Churn and repair"; in runs with churn or failures
 * only, {@link Upkeep}, so that a run without keeps its figures and a lost message still ends its
 * op by the op timeout): a peer asks "its" server first and gives each server a request timeout of {@code workload.op-timeout / (servers + 1)}, so that
 * every server can be tried within the op's own deadline. A server that does not answer in time is
 * skipped: the request goes to the next server ({@code servers[(i + 1) mod servers]}), which
 * becomes the peer's server from then on. When every server was tried without an answer the op
 * fails with {@link Failures#SERVER_DOWN}. In {@code client-server} every server holds every
 * object, so a locate names the answering server first and the other servers after it, and a
 * transfer whose server dies moves to another one. A restarted index server has lost its table (it
 * is a new overlay instance): when it is asked something while its table is empty, or when a peer
 * that saw it silent tells it so ({@link Reindex}) with its first answer after that, the server
 * asks every peer once to publish its share list again ({@link PublishAgain}), as Napster clients
 * logged on again with their share lists after their server dropped them.
 *
 * <p>In both modes the servers are also the trackers of swarming transfers ({@link
 * #announceSwarm}): the swarm of an object lives on one server, chosen by the object's key, so
 * that every member of a swarm announces to the same tracker.
 */
public final class IndexOverlay implements Overlay {

  /** Where a server's answers come from. */
  public enum Mode {
    /** The server holds everything and answers from its store (client-server). */
    CONTENT_SERVER,
    /** The server answers from what peers published (central-index). */
    INDEX
  }

  private final NodeContext ctx;
  private final Mode mode;
  private final IndexTable table;
  private final int[] servers;
  /** Index into {@link #servers} of the server asked first; moves on when it does not answer. */
  private int preferred;
  /** Servers (indices into {@link #servers}) that left a request unanswered since they answered. */
  private final BitSet silent = new BitSet();
  /** Queries in flight: op -> what was asked, of which server, and how many servers were tried. */
  private final RequestTracker<Long, Asked> asked;
  /** Request timeouts and failover: only in runs with churn or failures ({@link Upkeep}). */
  private final boolean failover;
  private SwarmTable swarms;
  private int pendingAcks;
  /** An index server: it has asked every peer to publish again (once per incarnation). */
  private boolean reindexing;

  /** A query in flight: the message, the server asked (index into servers), servers tried. */
  private record Asked(Message query, int server, int tried) {}

  public IndexOverlay(NodeContext ctx, Mode mode) {
    this.ctx = ctx;
    this.mode = mode;
    this.table = ctx.role() == Role.SERVER && mode == Mode.INDEX ? new IndexTable() : null;
    int servers = ctx.directory().serverCount();
    if (servers == 0) {
      throw new IllegalStateException("topology needs at least one server (peerlab.servers >= 1)");
    }
    this.servers = ctx.directory().servers();
    this.preferred = ctx.self() % servers;
    long timeout = ctx.setup().spec().workload().opTimeoutNanos() / (servers + 1);
    this.asked = new RequestTracker<>(ctx, timeout, this::onRequestTimeout);
    this.failover = Upkeep.on(ctx);
  }

  /** The tracker table of a server (null until a peer announces to it); for tests. */
  public SwarmTable swarms() {
    return swarms;
  }

  /** The index table of an index server (null elsewhere); for tests. */
  public IndexTable table() {
    return table;
  }

  @Override
  public void join() {
    ctx.joined();
  }

  @Override
  public void publish() {
    List<Manifest> manifests =
        mode == Mode.INDEX && ctx.role() == Role.BOTH ? shareList() : List.of();
    if (manifests.isEmpty()) {
      ctx.published();
      return;
    }
    pendingAcks = servers.length;
    for (int s : servers) {
      ctx.send(s, new Publish(OpToken.NONE, manifests, true));
    }
  }

  @Override
  public void announce(Manifest manifest) {
    if (mode == Mode.INDEX && ctx.role() == Role.BOTH) {
      Manifest announced = Shares.of(ctx, manifest.id()); // a poisoner keeps its forgery
      List<Manifest> list = List.of(announced == null ? manifest : announced);
      for (int s : ctx.directory().servers()) {
        ctx.send(s, new Publish(OpToken.NONE, list, false));
      }
    }
  }

  @Override
  public void lookup(long op, Key key) {
    ask(op, new Lookup(op, key));
  }

  @Override
  public void search(long op, List<String> keywords) {
    ask(op, new Search(op, keywords));
  }

  @Override
  public void locate(long op, Key objectId) {
    ask(op, new Locate(op, objectId));
  }

  @Override
  public void cancel(long op) {
    asked.close(op);
  }

  @Override
  public void onTimer(Object key) {
    asked.onTimer(key);
  }

  /** Sends {@code query} to this peer's current server and waits a request timeout for it. */
  private void ask(long op, Message query) {
    ctx.send(servers[preferred], query);
    if (failover) {
      asked.open(op, new Asked(query, preferred, 1));
    }
  }

  /** The server asked did not answer in time: ask the next one, or fail once all were tried. */
  private void onRequestTimeout(long op, Asked a, int attempts) {
    silent.set(a.server());
    if (a.tried() >= servers.length) {
      asked.close(op);
      ctx.failed(op, Failures.SERVER_DOWN);
      return;
    }
    int next = (a.server() + 1) % servers.length;
    if (preferred == a.server()) {
      preferred = next;
    }
    ctx.send(servers[next], a.query());
    asked.open(op, new Asked(a.query(), next, a.tried() + 1));
  }

  /**
   * An answer to {@code op} came from {@code from}: the query is no longer in flight. A server that
   * was silent before and answers again may have restarted with an empty index: publish to it
   * again.
   */
  private void answered(int from, long op) {
    asked.close(op);
    for (int i = silent.nextSetBit(0); i >= 0; i = silent.nextSetBit(i + 1)) {
      if (servers[i] == from) {
        silent.clear(i);
        if (mode == Mode.INDEX) {
          ctx.send(from, new Reindex(OpToken.NONE));
        }
      }
    }
  }

  /**
   * The manifests of everything this peer holds (Napster's share list); a poisoner's also lists
   * the targeted objects with forged manifests ({@link Shares}).
   */
  private List<Manifest> shareList() {
    return Shares.all(ctx);
  }

  /** This index server has restarted: ask every peer to publish again, once. */
  private void onReindex() {
    if (table == null || reindexing) {
      return;
    }
    reindexing = true;
    for (int a = 0; a < ctx.directory().size(); a++) {
      if (ctx.directory().get(a).role() == Role.BOTH) {
        ctx.send(a, new PublishAgain(OpToken.NONE));
      }
    }
  }

  @Override
  public void announceSwarm(long op, Key objectId, SwarmEvent event, int want) {
    int tracker = servers[(int) Long.remainderUnsigned(objectId.hi(), servers.length)];
    ctx.send(tracker, new SwarmAnnounce(op, objectId, event, want));
  }

  @Override
  public void onMessage(int from, Message message) {
    if (table != null && table.objects() == 0
        && (message instanceof Lookup || message instanceof Search || message instanceof Locate)) {
      onReindex(); // asked before anyone published to this instance: it has restarted
    }
    if (message instanceof Lookup q) {
      ctx.send(from, new LookupReply(q.op(), q.key(), holders(q.key())));
    } else if (message instanceof Search q) {
      ctx.send(from, new SearchReply(q.op(), search(q.keywords())));
    } else if (message instanceof Locate q) {
      ctx.send(from, new LocateReply(q.op(), q.object(), offers(q.object())));
    } else if (message instanceof Publish p) {
      onPublish(from, p);
    } else if (message instanceof Reindex) {
      onReindex();
    } else if (message instanceof PublishAgain) {
      List<Manifest> share = ctx.role() == Role.BOTH ? shareList() : List.of();
      if (!share.isEmpty()) {
        ctx.send(from, new Publish(OpToken.NONE, share, false));
      }
    } else if (message instanceof PublishAck) {
      if (--pendingAcks == 0) {
        ctx.published();
      }
    } else if (message instanceof LookupReply r) {
      answered(from, r.op());
      ctx.lookupDone(r.op(), Offer.trusted(ctx, r.responsible()), 1);
    } else if (message instanceof SearchReply r) {
      answered(from, r.op());
      ctx.searchHits(r.op(), Offer.verifiedHits(ctx, r.hits(), new int[0]), 1);
    } else if (message instanceof SwarmAnnounce a) {
      onSwarmAnnounce(from, a);
    } else if (message instanceof SwarmMembers r) {
      ctx.swarmMembers(r.op(), r.object(), r.members());
    } else if (message instanceof LocateReply r) {
      answered(from, r.op());
      Offer o = choose(ctx.verify(r.offers(), false));
      if (o == null || o.holders().length == 0) {
        ctx.failed(r.op(), "not-found");
      } else {
        ctx.located(r.op(), o.manifest(), o.holders(), 1);
      }
    }
  }

  private void onSwarmAnnounce(int from, SwarmAnnounce a) {
    if (ctx.role() != Role.SERVER) {
      return;
    }
    if (swarms == null) {
      swarms = new SwarmTable();
    }
    swarms.update(a.object(), from, a.event());
    if (a.event().wantsMembers()) {
      int[] members = swarms.sample(a.object(), from, a.want(), ctx.random());
      ctx.send(from, new SwarmMembers(a.op(), a.object(), members));
    }
  }

  private void onPublish(int from, Publish p) {
    if (table != null) {
      for (Manifest mf : p.objects()) {
        table.add(mf, from);
      }
    }
    if (p.ack()) {
      ctx.send(from, new PublishAck(OpToken.NONE, p.objects().size()));
    }
  }

  private int[] holders(Key id) {
    if (mode == Mode.CONTENT_SERVER) {
      return everyServerFrom(ctx.self());
    }
    return table == null ? new int[0] : table.holders(id);
  }

  /** Every server holds every object: {@code first} (the one answering), then the others. */
  private int[] everyServerFrom(int first) {
    int[] out = new int[servers.length];
    out[0] = first;
    int i = 1;
    for (int s : servers) {
      if (s != first) {
        out[i++] = s;
      }
    }
    return out;
  }

  /** What the server knows of {@code id}: one offer per manifest published for it. */
  private List<Offer> offers(Key id) {
    if (mode == Mode.CONTENT_SERVER) {
      int o = ctx.store().indexOf(id);
      return o < 0 ? List.of() : List.of(new Offer(ctx.store().manifest(o), holders(id)));
    }
    return table == null ? List.of() : table.offers(id);
  }

  /** Search hits: the matching objects' manifests, one per manifest published for each. */
  private List<Manifest> search(List<String> keywords) {
    if (mode == Mode.CONTENT_SERVER) {
      List<Manifest> out = new ArrayList<>();
      for (int o : ctx.store().matching(keywords)) {
        out.add(ctx.store().manifest(o));
      }
      return out;
    }
    return table == null ? List.of() : table.searchHits(keywords);
  }

  /**
   * The offer a fetch uses: the only one, or, when the index holds several manifests for the id
   * (poisoning) and this peer does not verify them, the manifest of a holder drawn at random
   * (what a user picking a result from the list does, with every copy equally likely).
   */
  private Offer choose(List<Offer> offers) {
    if (offers.size() <= 1) {
      return offers.isEmpty() ? null : offers.get(0);
    }
    int total = 0;
    for (Offer o : offers) {
      total += o.holders().length;
    }
    int pick = ctx.random().nextInt(Math.max(1, total));
    for (Offer o : offers) {
      pick -= o.holders().length;
      if (pick < 0) {
        return o;
      }
    }
    return offers.get(0);
  }
}
