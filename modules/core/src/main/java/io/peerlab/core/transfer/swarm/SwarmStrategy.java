package io.peerlab.core.transfer.swarm;

import io.peerlab.core.api.TransferStrategy;

/** The {@code swarm} transfer strategy (see {@link Swarm}). */
public final class SwarmStrategy extends TransferStrategy.Named {
  public static final String NAME = "swarm";

  public SwarmStrategy() {
    super(
        NAME,
        "BitTorrent-like: tracker, bitfields, rarest first, tit-for-tat; downloaders upload",
        Swarm::new);
  }
}
