package io.peerlab.core.overlay.index;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.SwarmEvent;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.common.IndexTable;
import io.peerlab.core.overlay.common.Publish;
import io.peerlab.core.overlay.index.IndexMessage.Locate;
import io.peerlab.core.overlay.index.IndexMessage.LocateReply;
import io.peerlab.core.overlay.index.IndexMessage.Lookup;
import io.peerlab.core.overlay.index.IndexMessage.LookupReply;
import io.peerlab.core.overlay.index.IndexMessage.PublishAck;
import io.peerlab.core.overlay.index.IndexMessage.Search;
import io.peerlab.core.overlay.index.IndexMessage.SearchReply;
import io.peerlab.core.overlay.index.IndexMessage.SwarmAnnounce;
import io.peerlab.core.overlay.index.IndexMessage.SwarmMembers;
import java.util.ArrayList;
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
  private final int myServer;
  private SwarmTable swarms;
  private int pendingAcks;

  public IndexOverlay(NodeContext ctx, Mode mode) {
    this.ctx = ctx;
    this.mode = mode;
    this.table = ctx.role() == Role.SERVER && mode == Mode.INDEX ? new IndexTable() : null;
    int servers = ctx.directory().serverCount();
    if (servers == 0) {
      throw new IllegalStateException("topology needs at least one server (peerlab.servers >= 1)");
    }
    this.myServer = ctx.directory().server(ctx.self() % servers);
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
    if (mode != Mode.INDEX || ctx.role() != Role.BOTH || ctx.store().count() == 0) {
      ctx.published();
      return;
    }
    List<Manifest> manifests = new ArrayList<>();
    for (int o : ctx.store().objects()) {
      manifests.add(ctx.store().manifest(o));
    }
    int[] servers = ctx.directory().servers();
    pendingAcks = servers.length;
    for (int s : servers) {
      ctx.send(s, new Publish(OpToken.NONE, manifests, true));
    }
  }

  @Override
  public void announce(Manifest manifest) {
    if (mode == Mode.INDEX && ctx.role() == Role.BOTH) {
      for (int s : ctx.directory().servers()) {
        ctx.send(s, new Publish(OpToken.NONE, List.of(manifest), false));
      }
    }
  }

  @Override
  public void lookup(long op, Key key) {
    ctx.send(myServer, new Lookup(op, key));
  }

  @Override
  public void search(long op, List<String> keywords) {
    ctx.send(myServer, new Search(op, keywords));
  }

  @Override
  public void locate(long op, Key objectId) {
    ctx.send(myServer, new Locate(op, objectId));
  }

  @Override
  public void announceSwarm(long op, Key objectId, SwarmEvent event, int want) {
    int[] servers = ctx.directory().servers();
    int tracker = servers[(int) Long.remainderUnsigned(objectId.hi(), servers.length)];
    ctx.send(tracker, new SwarmAnnounce(op, objectId, event, want));
  }

  @Override
  public void onMessage(int from, Message message) {
    if (message instanceof Lookup q) {
      ctx.send(from, new LookupReply(q.op(), q.key(), holders(q.key())));
    } else if (message instanceof Search q) {
      ctx.send(from, new SearchReply(q.op(), search(q.keywords())));
    } else if (message instanceof Locate q) {
      ctx.send(from, new LocateReply(q.op(), q.object(), manifest(q.object()), holders(q.object())));
    } else if (message instanceof Publish p) {
      onPublish(from, p);
    } else if (message instanceof PublishAck) {
      if (--pendingAcks == 0) {
        ctx.published();
      }
    } else if (message instanceof LookupReply r) {
      ctx.lookupDone(r.op(), r.responsible(), 1);
    } else if (message instanceof SearchReply r) {
      ctx.searchDone(r.op(), r.objects(), 1);
    } else if (message instanceof SwarmAnnounce a) {
      onSwarmAnnounce(from, a);
    } else if (message instanceof SwarmMembers r) {
      ctx.swarmMembers(r.op(), r.object(), r.members());
    } else if (message instanceof LocateReply r) {
      if (r.manifest() == null || r.holders().length == 0) {
        ctx.failed(r.op(), "not-found");
      } else {
        ctx.located(r.op(), r.manifest(), r.holders(), 1);
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
      return new int[] {ctx.self()};
    }
    return table == null ? new int[0] : table.holders(id);
  }

  private Manifest manifest(Key id) {
    if (mode == Mode.CONTENT_SERVER) {
      int o = ctx.store().indexOf(id);
      return o < 0 ? null : ctx.store().manifest(o);
    }
    return table == null ? null : table.manifest(id);
  }

  private List<Key> search(List<String> keywords) {
    if (mode == Mode.CONTENT_SERVER) {
      List<Key> out = new ArrayList<>();
      for (int o : ctx.store().matching(keywords)) {
        out.add(ctx.store().id(o));
      }
      return out;
    }
    return table == null ? List.of() : table.search(keywords);
  }
}
