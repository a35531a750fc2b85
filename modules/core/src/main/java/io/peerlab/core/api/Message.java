package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.STABLE;

import io.peerlab.core.net.Wire;
import org.apiguardian.api.API;

/**
 * A message between two peers. Implementations are immutable records, one sealed family per
 * protocol (overlay, transfer), so that every host can carry them: the sim host passes the object,
 * the local host tells it to an actor, the cluster host serialises it (records bound to Jackson
 * CBOR through this marker interface).
 *
 * <p>Every message names the operation it works for ({@link #op()}, an {@link OpToken}, 0 for
 * maintenance traffic such as stabilisation or publishing) so that hosts can count messages and
 * bytes per operation type without knowing the protocol, and states its size on the wire.
 */
@API(status = STABLE, since = "0.1")
public interface Message {

  /** The {@link OpToken} of the operation this message works for, or 0 for maintenance. */
  long op();

  /** Bytes on the wire, headers included (see {@link Wire}). */
  int wireSize();

  /** Bytes of object content carried (chunk data); 0 for control messages. */
  default int contentBytes() {
    return 0;
  }
}
