package io.peerlab.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.api.Directory;
import io.peerlab.core.id.Key;
import org.apiguardian.api.API;

/**
 * Who is responsible for a key, computed from the ids alone (the whole directory, as no peer of
 * the protocol sees it): the successor on a ring, the XOR-closest peers, the numerically closest.
 * The protocol author states it; the testkit checks every answer against it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface Oracle {

  /** The peers that should answer a lookup of {@code key}, in the order the protocol names them. */
  int[] responsible(Directory directory, Key key);
}
