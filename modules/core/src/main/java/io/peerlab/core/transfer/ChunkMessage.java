package io.peerlab.core.transfer;

import io.peerlab.core.api.TransferMessage;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Wire;
import java.util.Arrays;

/**
 * Requests and replies for single chunks, shared by every transfer strategy: {@code single-source}
 * and {@code multi-source} send them to holders, {@code swarm} to the members that unchoke it (its
 * BitTorrent {@code request} and {@code piece}). Sizes follow {@link Wire}.
 */
public sealed interface ChunkMessage extends TransferMessage {

  /** The object the chunk belongs to. */
  Key object();

  /**
   * Ask a peer for one chunk of an object. In a swarm, only honoured while the receiver unchokes
   * the sender.
   */
  record ChunkRequest(long op, Key object, int chunk) implements ChunkMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY + Wire.INT;
    }
  }

  /** One chunk's bytes; the receiver checks them against the manifest before accepting. */
  record ChunkData(long op, Key object, int chunk, byte[] data) implements ChunkMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY + Wire.INT + data.length;
    }

    @Override
    public int contentBytes() {
      return data.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ChunkData c
          && op == c.op
          && object.equals(c.object)
          && chunk == c.chunk
          && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
      return object.hashCode() * 31 + chunk;
    }

    @Override
    public String toString() {
      return "ChunkData[op=" + op + ", object=" + object.shortHex() + ", chunk=" + chunk + ", "
          + data.length + " B]";
    }
  }

  /** The asked peer does not hold the object (or the chunk does not exist). */
  record ChunkUnavailable(long op, Key object, int chunk) implements ChunkMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY + Wire.INT;
    }
  }
}
