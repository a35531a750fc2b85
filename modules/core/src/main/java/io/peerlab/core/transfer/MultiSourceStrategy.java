package io.peerlab.core.transfer;

import io.peerlab.core.api.TransferStrategy;

/** The {@code multi-source} transfer strategy (see {@link MultiSource}). */
public final class MultiSourceStrategy extends TransferStrategy.Named {
  public static final String NAME = "multi-source";

  public MultiSourceStrategy() {
    super(
        NAME,
        "chunks from every holder in parallel, each holder's window kept full",
        MultiSource::new);
  }
}
