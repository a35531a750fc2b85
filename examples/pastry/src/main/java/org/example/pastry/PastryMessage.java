package org.example.pastry;

import io.peerlab.core.api.Message;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Wire;

/**
 * Pastry's messages: a lookup routed hop by hop and the answer of the peer it reached; and the
 * join protocol of §2.4 (a join routed towards the new peer's id, collecting the state of the
 * peers on its path; the reply of the numerically closest peer; the new peer's announcement).
 */
public sealed interface PastryMessage extends Message {

  /** Route towards the peer numerically closest to {@code key}; {@code hops} so far. */
  record Route(long op, Key key, int origin, int hops) implements PastryMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY + Wire.ADDRESS + Wire.INT;
    }
  }

  /** The responsible peer answers the origin directly. */
  record Answer(long op, int responsible, int hops) implements PastryMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.ADDRESS + Wire.INT;
    }
  }

  /**
   * {@code joiner} joins: routed like a lookup of its id ({@code key}); each peer on the way adds
   * itself and the routing table rows the joiner can use ({@code known}, addresses).
   */
  record Join(long op, int joiner, Key key, int[] known) implements PastryMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.ADDRESS + Wire.KEY + Wire.INT + known.length * Wire.ADDRESS;
    }
  }

  /** The peer numerically closest to the joiner's id: the path's state, its own and its leaf set. */
  record JoinReply(long op, int[] known) implements PastryMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT + known.length * Wire.ADDRESS;
    }
  }

  /**
   * "I am here", with the sender's leaf set: the new peer tells every peer in its tables (§2.4),
   * and a peer whose leaf set took in someone tells them the same, until the leaf sets agree.
   */
  record Announce(long op, int[] leaves) implements PastryMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT + leaves.length * Wire.ADDRESS;
    }
  }
}
