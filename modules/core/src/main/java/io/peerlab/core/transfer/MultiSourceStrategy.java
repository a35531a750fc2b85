package io.peerlab.core.transfer;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Transfer;
import io.peerlab.core.api.TransferStrategy;

/** The {@code multi-source} transfer strategy (see {@link MultiSource}). */
public final class MultiSourceStrategy implements TransferStrategy {
  public static final String NAME = "multi-source";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "chunks from every holder in parallel, each holder's window kept full";
  }

  @Override
  public Transfer create(NodeContext ctx) {
    return new MultiSource(ctx);
  }
}
