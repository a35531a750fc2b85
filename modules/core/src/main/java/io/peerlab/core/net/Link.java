package io.peerlab.core.net;

/**
 * A peer's access link: upload and download capacity in bytes per second; 0 means unlimited.
 */
public record Link(long uploadBytesPerSec, long downloadBytesPerSec) {
  public static final Link UNLIMITED = new Link(0, 0);

  public Link {
    if (uploadBytesPerSec < 0 || downloadBytesPerSec < 0) {
      throw new IllegalArgumentException("capacities must be >= 0 (0 = unlimited)");
    }
  }
}
