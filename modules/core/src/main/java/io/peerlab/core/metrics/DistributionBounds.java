package io.peerlab.core.metrics;

/**
 * The minimum time to distribute a file of F bytes to N peers (Kurose &amp; Ross, "Computer
 * Networking", §2.5; achievable per Kumar &amp; Ross 2006), in seconds. Rates in bytes per second:
 * {@code serverUp} the server's upload u_s, {@code peersUp} the sum of the downloaders' uploads
 * Σu_i, {@code minDown} the slowest download d_min.
 */
public final class DistributionBounds {
  private DistributionBounds() {}

  /** D_cs = max(N·F/u_s, F/d_min). */
  public static double clientServer(int n, double fileBytes, double serverUp, double minDown) {
    return Math.max(n * fileBytes / serverUp, fileBytes / minDown);
  }

  /** D_p2p = max(F/u_s, F/d_min, N·F/(u_s + Σu_i)). */
  public static double p2p(
      int n, double fileBytes, double serverUp, double peersUp, double minDown) {
    return Math.max(
        Math.max(fileBytes / serverUp, fileBytes / minDown), n * fileBytes / (serverUp + peersUp));
  }
}
