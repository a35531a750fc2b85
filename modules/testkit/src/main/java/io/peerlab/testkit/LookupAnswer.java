package io.peerlab.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.id.Key;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * One lookup as the protocol answered it.
 *
 * @param origin the address of the peer that looked up
 * @param op the op's token
 * @param key the key looked up
 * @param responsible the peers the protocol named, in its order
 * @param hops the hops it reported
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LookupAnswer(int origin, long op, Key key, int[] responsible, int hops) {

  @Override
  public String toString() {
    return "lookup of " + key.shortHex() + " from peer " + origin + " -> " + Arrays.toString(responsible)
        + " in " + hops + " hops";
  }
}
