package io.peerlab.core.transfer;

import io.peerlab.core.api.TransferStrategy;

/** The {@code single-source} transfer strategy (see {@link SingleSource}). */
public final class SingleSourceStrategy extends TransferStrategy.Named {
  public static final String NAME = "single-source";

  public SingleSourceStrategy() {
    super(
        NAME,
        "every chunk from one holder, the next holder on a timeout or a bad chunk",
        SingleSource::new);
  }
}
