package io.peerlab.core.peer;

/**
 * An exception thrown by an overlay or a transfer (a plugin's or a built-in one), wrapped by its
 * {@link PeerNode} with the class of the {@link io.peerlab.core.api.Topology} or {@link
 * io.peerlab.core.api.TransferStrategy} it belongs to (the class a plugin registers), so that the
 * host's one-line error note names the protocol at fault. The op it was working for has already
 * failed with {@code plugin-error}.
 */
public final class ProtocolError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ProtocolError(Object part, RuntimeException cause) {
    super(part.getClass().getName() + " threw " + cause, cause);
  }

  /** The message alone: host notes read "peer 3 threw org.example.MyOverlay threw ...". */
  @Override
  public String toString() {
    return getMessage();
  }
}
