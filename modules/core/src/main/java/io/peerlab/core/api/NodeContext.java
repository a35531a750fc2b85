package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.STABLE;

import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * What a peer's components (its overlay, its transfer strategy) see of the peer: who it is, its
 * store, its clock and its link to the host, and where to report the outcome of an operation.
 * Timers started here come back to the component that started them.
 *
 * <p>Outcome calls for an op that has already ended (timed out, failed) are ignored, so components
 * need not track whether the node still waits for an op.
 */
@API(status = STABLE, since = "0.1")
public interface NodeContext {

  int self();

  Key key();

  Role role();

  Directory directory();

  /** Shared, read-only facts of the run: spec, settings, catalog (never a peer's knowledge). */
  RunSetup setup();

  ObjectStore store();

  /** This peer's own seeded random stream. */
  SplittableRandom random();

  long now();

  void send(int to, Message message);

  /** Start a timer whose {@code key} comes back to this component's {@code onTimer}. */
  long startTimer(long delayNanos, Object key);

  void cancelTimer(long handle);

  /**
   * True when this component was made for a peer that comes back after churn (it joins a running
   * overlay, mid-run, and knows no more than any restarted peer would: that it has been away).
   * Default: false.
   */
  default boolean rejoining() {
    return false;
  }

  /** This peer has joined the overlay (ends its JOIN phase). */
  void joined();

  /** This peer's initial objects are published (ends its PUBLISH phase). */
  void published();

  /** A lookup found the peers responsible for its key; {@code hops} to the answering peer. */
  void lookupDone(long op, int[] responsible, int hops);

  /** A search ended with these matching object ids. */
  void searchDone(long op, Collection<Key> found, int hops);

  /**
   * A search ended with these hits, each with the manifest it came with (an overlay that carries
   * manifests in its hits reports them here rather than through {@link #searchDone}, so results
   * can count poisoned hits: {@code poisonedResults}). Default: the hits' distinct ids to {@link
   * #searchDone}.
   */
  default void searchHits(long op, List<Manifest> hits, int hops) {
    java.util.LinkedHashSet<Key> ids = new java.util.LinkedHashSet<>();
    for (Manifest m : hits) {
      ids.add(m.id());
    }
    searchDone(op, ids, hops);
  }

  /**
   * The defence against index poisoning ({@code fetch.verify-manifests}; docs/adversary.md): keeps
   * the offers whose manifest is the object's own, checked against the content id its object id
   * names (the id a user fetches or searches for is trusted, as from a link), and drops the
   * others, blacklisting their holders locally: this peer never asks them again in this run
   * ({@link #blacklisted}). Holders blacklisted before are dropped from the offers kept; an offer
   * left without holders is kept only when {@code keepEmpty} (a search hit names no holders). With
   * verification off (the default), every offer is kept as it is.
   */
  default List<Offer> verify(List<Offer> offers, boolean keepEmpty) {
    return offers;
  }

  /**
   * True when this peer has caught {@code peer} announcing a forged manifest ({@link #verify}); it
   * then no longer sends it queries or chunk requests. Always false without verification.
   */
  default boolean blacklisted(int peer) {
    return false;
  }

  /** A fetch's locate step found holders of the object; the node starts the transfer. */
  void located(long op, Manifest manifest, int[] holders, int hops);

  /** A fetch downloaded and verified every chunk. */
  void fetched(long op, long bytes);

  /** The op failed; {@code reason} is a short word for results ("timeout", "not-found"...). */
  void failed(long op, String reason);

  /** A chunk failed its SHA-256 check and was dropped. */
  void chunkRejected();

  /**
   * A chunk of {@code bytes} failed its SHA-256 check and was dropped: counted in {@code
   * chunksRejected} and in the adversary figures' {@code wastedBytes}. Default: {@link
   * #chunkRejected()}.
   */
  default void chunkRejected(long bytes) {
    chunkRejected();
  }

  /**
   * Announce this peer to the tracker of {@code objectId}'s swarm, through the overlay ({@link
   * io.peerlab.core.api.Overlay#announceSwarm}); members come back through {@link
   * #swarmMembers}. Default: no tracker.
   */
  default void announceSwarm(long op, Key objectId, SwarmEvent event, int want) {}

  /**
   * The tracker answered an announcement: other members of {@code objectId}'s swarm. Goes to the
   * transfer strategy whether or not {@code op} is still running. Default: ignored.
   */
  default void swarmMembers(long op, Key objectId, int[] members) {}
}
