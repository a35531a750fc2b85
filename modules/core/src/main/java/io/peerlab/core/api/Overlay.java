package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import java.util.List;
import org.apiguardian.api.API;

/**
 * How a peer finds things: one instance per peer, driven one event at a time by its {@link
 * io.peerlab.core.peer.PeerNode}, acting only through its {@link io.peerlab.core.api.NodeContext}.
 * Client-server, the central index, flooding, random walks, super-peers, Chord and Kademlia each
 * implement it once, and it runs unchanged on every host.
 */
@API(status = STABLE, since = "0.1")
public interface Overlay {

  /** JOIN phase began: join, then call {@code ctx.joined()}. */
  void join();

  /**
   * PUBLISH phase began: make the objects in {@code ctx.store()} findable, then call {@code
   * ctx.published()}.
   */
  void publish();

  /** Find the peers responsible for {@code key}; report with {@code ctx.lookupDone}. */
  void lookup(long op, Key key);

  /** Find objects carrying all {@code keywords}; report with {@code ctx.searchDone}. */
  void search(long op, List<String> keywords);

  /** Find holders of an object and its manifest, for a fetch; report with {@code ctx.located}. */
  void locate(long op, Key objectId);

  /** This peer now holds {@code manifest} too (it downloaded it): make that findable. */
  default void announce(Manifest manifest) {}

  /**
   * The tracker of swarming transfers ({@code transfer = swarm}): record {@code event} for this
   * peer in the swarm of {@code objectId} and, when {@link SwarmEvent#wantsMembers()}, answer with
   * up to {@code want} other members through {@code ctx.swarmMembers(op, objectId, members)}.
   *
   * <p>{@code client-server} and {@code central-index} keep the swarm table on an index server; a
   * DHT overlay would store members under the object's key (BEP 5's {@code announce_peer} and
   * {@code get_peers}). The default keeps no table and answers nothing: the swarm then starts from
   * the holders the locate step found and learns further members by peer exchange.
   */
  default void announceSwarm(long op, Key objectId, SwarmEvent event, int want) {}

  /**
   * This peer leaves gracefully (churn with {@code graceful-leave}): hand over what it holds by
   * messages sent now (Chord: its keys to its successor; a super-peer: its leaves to another
   * super-peer), then return; the peer stops right after and its messages still go out. Default:
   * nothing, so a leave is a crash. A peer that comes back gets a new overlay instance, which
   * joins through {@link #join()} and, once it calls {@code ctx.joined()}, publishes through {@link
   * #publish()}.
   */
  @API(status = EXPERIMENTAL, since = "0.2")
  default void leave() {}

  /** The node gave up on {@code op} (timeout): drop any state kept for it. */
  default void cancel(long op) {}

  void onMessage(int from, Message message);

  default void onTimer(Object key) {}
}
