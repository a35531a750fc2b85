package org.example.onehop;

import io.peerlab.core.api.Message;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Wire;

/** The two messages of a one-hop lookup. */
public sealed interface OneHopMessage extends Message {

  /** Who holds {@code key}? Sent to the key's successor. */
  record Ask(long op, Key key) implements OneHopMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY;
    }
  }

  /** The successor's answer: itself and the peers after it. */
  record Answer(long op, int[] owners) implements OneHopMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.addresses(owners.length);
    }
  }
}
