package io.peerlab.runtime.cluster;

/** The cluster could not be reached or formed; the message says what to do about it. */
public final class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterException(String message) {
    super(message);
  }
}
