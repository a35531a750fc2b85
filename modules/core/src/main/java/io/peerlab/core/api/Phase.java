package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The phases of a run, in order. A host starts a phase on every peer and moves on when every peer
 * has reported it done ({@link Port#phaseDone}); between JOIN and PUBLISH it lets the overlay
 * settle for the time the topology asks.
 */
@API(status = STABLE, since = "0.1")
public enum Phase {
  /** Join the overlay through the well-known peers (a server, an index, a bootstrap peer). */
  JOIN,
  /** Make the objects each peer holds at start findable (upload to an index, store in a DHT). */
  PUBLISH,
  /** Clients run their warm-up ops; nothing is measured. */
  WARMUP,
  /** Clients run their measured ops; latency, hops, messages, bytes and load are recorded. */
  MEASURE
}
