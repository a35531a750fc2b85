package org.example.pastry;

import io.peerlab.core.api.Message;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Wire;

/** Pastry's messages: a lookup routed hop by hop, and the answer of the peer it reached. */
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
}
