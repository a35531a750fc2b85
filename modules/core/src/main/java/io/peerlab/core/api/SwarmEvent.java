package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Why a peer announces itself to its swarm's tracker (BitTorrent's announce {@code event}, BEP 3).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum SwarmEvent {
  /** The peer starts downloading and wants members to connect to. */
  STARTED,
  /** The peer is still downloading and wants more members (a periodic re-announce). */
  UPDATE,
  /** The peer has every chunk and now seeds; it wants no members back. */
  COMPLETED,
  /** The peer leaves the swarm. */
  STOPPED;

  /** True when the tracker should answer with members. */
  public boolean wantsMembers() {
    return this == STARTED || this == UPDATE;
  }
}
