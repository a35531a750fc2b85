package io.peerlab.core.overlay.superpeer;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.net.Wire;
import io.peerlab.core.overlay.unstructured.GraphMessage;

/**
 * Between leaves and super-peers: finding a super-peer, attaching to it and uploading the leaf's
 * index (KaZaA's FastTrack, Gnutella 0.6's leaf-ultrapeer connection). Queries use {@link
 * io.peerlab.core.overlay.unstructured.FloodMessage}; the super-peer graph, {@link GraphMessage}.
 */
public sealed interface SuperPeerMessage extends Message {

  /** Attaching and upkeep are maintenance traffic; an index acknowledgement carries its op. */
  @Override
  default long op() {
    return OpToken.NONE;
  }

  /**
   * A leaf's random walk over the super-peer graph for a super-peer to attach to: forwarded while
   * {@code steps > 0}; where it ends, that super-peer takes the leaf.
   */
  record FindSuperPeer(long id, int leaf, int steps) implements SuperPeerMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + GraphMessage.ID + Wire.ADDRESS + Wire.INT;
    }
  }

  /** To the leaf: the sender is now one of its super-peers. */
  record Attached(long id) implements SuperPeerMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + GraphMessage.ID;
    }
  }

  /** The super-peer's answer to a {@link io.peerlab.core.overlay.common.Publish} that asked for one. */
  record PublishAck(long op) implements SuperPeerMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER;
    }
  }

  /** Upkeep under churn: a leaf asks each of its super-peers whether it still holds it. */
  record LeafPing(long round) implements SuperPeerMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + GraphMessage.ID;
    }
  }

  /**
   * The super-peer's answer to a {@link LeafPing}: {@code attached} false when it does not hold
   * the leaf (it came back as a new instance, or forgot a silent leaf), so the leaf goes elsewhere.
   */
  record LeafPong(long round, boolean attached) implements SuperPeerMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + GraphMessage.ID + 1;
    }
  }

  /** A super-peer that leaves hands its leaf to {@code to}, another super-peer, to attach to. */
  record Handover(int to) implements SuperPeerMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.ADDRESS;
    }
  }

  /**
   * To the leaf, under churn: no super-peer on the walk had a free leaf slot ({@link
   * SuperPeerLayout#leafSlots}), so super-peers run short; a leaf told so often enough promotes
   * itself.
   */
  record Full(long id) implements SuperPeerMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + GraphMessage.ID;
    }
  }
}
