package io.peerlab.runtime.cluster;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.net.Wire;

/**
 * The message of {@code peerlab cluster-bench}'s peer stream ({@link PeerStream}): a peer message
 * that no protocol sends and client-server's overlay ignores, padded so that its frame is as big as the
 * plain Pekko stream's. It travels the whole peer path (sender's {@code PeerActor}, {@link
 * Outbox}, Artery, {@link Inbound}, receiver's {@code PeerActor} and {@code PeerNode}).
 */
record StreamMessage(long seq, byte[] pad) implements Message {

  @Override
  public long op() {
    return OpToken.NONE;
  }

  @Override
  public int wireSize() {
    return Wire.HEADER + Long.BYTES + pad.length;
  }
}
