package io.peerlab.core.transfer;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Transfer;
import io.peerlab.core.api.TransferStrategy;

/** The {@code single-source} transfer strategy (see {@link SingleSource}). */
public final class SingleSourceStrategy implements TransferStrategy {
  public static final String NAME = "single-source";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "every chunk from one holder, the next holder on a timeout or a bad chunk";
  }

  @Override
  public Transfer create(NodeContext ctx) {
    return new SingleSource(ctx);
  }
}
