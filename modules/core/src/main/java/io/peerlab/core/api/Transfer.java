package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import org.apiguardian.api.API;

/**
 * A distribution strategy: which chunk to request from which holder, and how this peer serves
 * chunks to others. One instance per peer; every chunk is checked against the manifest's SHA-256
 * before it is accepted.
 */
@API(status = STABLE, since = "0.1")
public interface Transfer {

  /** Download every chunk of {@code manifest} from {@code holders}; report with ctx.fetched. */
  void fetch(long op, Manifest manifest, int[] holders);

  /** The node gave up on {@code op}: drop its state. */
  default void cancel(long op) {}

  /**
   * This peer leaves gracefully: tell the peers it serves, by messages sent now, that it stops
   * (its pieces are no longer offered). Default: nothing. A peer that comes back gets a new
   * instance.
   */
  @API(status = EXPERIMENTAL, since = "0.2")
  default void leave() {}

  void onMessage(int from, Message message);

  default void onTimer(Object key) {}

  /** The overlay's tracker named these members of {@code objectId}'s swarm (swarming only). */
  default void onSwarmMembers(Key objectId, int[] members) {}
}
