package io.peerlab.core.transfer.swarm;

import io.peerlab.core.api.TransferMessage;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Wire;
import java.util.Arrays;

/**
 * The peer wire protocol of the {@code swarm} strategy, after BitTorrent's (BEP 3): one connection
 * per pair of members and object, opened by a handshake that carries the sender's bitfield. Every
 * message names its object, since peerlab has no connection to hold it. Chunks are asked for and
 * sent with the pair every strategy uses, {@link io.peerlab.core.transfer.ChunkMessage.ChunkRequest}
 * and {@link io.peerlab.core.transfer.ChunkMessage.ChunkData}. Sizes follow {@link Wire}.
 */
public sealed interface SwarmMessage extends TransferMessage {

  /** The object whose swarm this message belongs to. */
  Key object();

  /**
   * Open a connection ({@code reply = false}) or accept one ({@code reply = true}); {@code
   * bitfield} has one bit per chunk the sender holds, {@code peers} names a few of the sender's
   * other connections (peer exchange, BEP 11) on accepts.
   */
  record Handshake(long op, Key object, byte[] bitfield, boolean reply, int[] peers)
      implements SwarmMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY + 1 + Wire.INT + bitfield.length + Wire.addresses(peers.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Handshake h && op == h.op && object.equals(h.object) && reply == h.reply
          && Arrays.equals(bitfield, h.bitfield) && Arrays.equals(peers, h.peers);
    }

    @Override
    public int hashCode() {
      return object.hashCode() * 31 + Long.hashCode(op);
    }

    @Override
    public String toString() {
      return "Handshake[op=" + op + ", object=" + object.shortHex() + ", reply=" + reply
          + ", bitfield=" + bitfield.length + " B, peers=" + Arrays.toString(peers) + "]";
    }
  }

  /** The sender now holds {@code chunk}. */
  record Have(long op, Key object, int chunk) implements SwarmMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY + Wire.INT;
    }
  }

  /** The sender wants (or no longer wants) chunks the receiver holds. */
  record Interest(long op, Key object, boolean interested) implements SwarmMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY + 1;
    }
  }

  /** The sender stops ({@code choked = true}) or starts uploading to the receiver. */
  record Choke(long op, Key object, boolean choked) implements SwarmMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY + 1;
    }
  }

  /** Withdraw a request (end game: another copy arrived first). */
  record Cancel(long op, Key object, int chunk) implements SwarmMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY + Wire.INT;
    }
  }

  /**
   * Close the connection, or refuse to open it; {@code peers} may suggest other members to try.
   */
  record Leave(long op, Key object, int[] peers) implements SwarmMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY + Wire.addresses(peers.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Leave l && op == l.op && object.equals(l.object)
          && Arrays.equals(peers, l.peers);
    }

    @Override
    public int hashCode() {
      return object.hashCode() * 31 + Long.hashCode(op);
    }

    @Override
    public String toString() {
      return "Leave[op=" + op + ", object=" + object.shortHex() + ", peers="
          + Arrays.toString(peers) + "]";
    }
  }
}
