package io.peerlab.runtime.cluster;

/** A {@code host:port} pair as users write it ({@code 127.0.0.1:25520}). */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isBlank() || host.contains(":") || host.contains("/")) {
      throw new IllegalArgumentException("bad host '" + host + "'");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
  }

  /** Parses {@code host:port}; the message of the exception says what was expected. */
  public static HostPort parse(String s) {
    int colon = s == null ? -1 : s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("'" + s + "' is not host:port (e.g. 127.0.0.1:25520)");
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is not host:port (e.g. 127.0.0.1:25520)");
    }
    return new HostPort(s.substring(0, colon), port);
  }

  /** {@code host:port} of a Pekko address (the address itself if it has no host). */
  public static String of(org.apache.pekko.actor.Address a) {
    return a.getHost().isPresent() && a.getPort().isPresent()
        ? a.getHost().get() + ":" + a.getPort().get()
        : a.toString();
  }

  /** The Pekko address of a peerlab member at this host and port. */
  public String pekkoAddress() {
    return "pekko://" + ClusterConfig.SYSTEM + "@" + host + ":" + port;
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
