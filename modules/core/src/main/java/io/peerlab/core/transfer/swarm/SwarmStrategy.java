package io.peerlab.core.transfer.swarm;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Transfer;
import io.peerlab.core.api.TransferStrategy;

/** The {@code swarm} transfer strategy (see {@link Swarm}). */
public final class SwarmStrategy implements TransferStrategy {
  public static final String NAME = "swarm";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "BitTorrent-like: tracker, bitfields, rarest first, tit-for-tat; downloaders upload";
  }

  @Override
  public Transfer create(NodeContext ctx) {
    return new Swarm(ctx);
  }
}
