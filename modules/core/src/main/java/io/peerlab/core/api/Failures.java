package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The failure reasons every host and protocol shares, as they appear under {@code failures} in
 * results.json (docs/results.md). A protocol may report words of its own through {@link
 * NodeContext#failed}; these are the ones results readers can rely on.
 */
@API(status = STABLE, since = "0.1")
public final class Failures {
  private Failures() {}

  /** No answer in time: the op's deadline, a request's last retry, or a chunk timeout. */
  public static final String TIMEOUT = "timeout";

  /** The overlay answered, but nothing matched or no peer holds the object. */
  public static final String NOT_FOUND = "not-found";

  /** The op was still running when its phase or the run ended. */
  public static final String UNFINISHED = "unfinished";

  /**
   * The overlay or transfer strategy threw while working for the op (a call for it, or a message
   * or timer of it); the run's notes name the class and the first error.
   */
  public static final String PLUGIN_ERROR = "plugin-error";

  /** The overlay does not do this kind of op (a lookup-only DHT asked to search). */
  public static final String NOT_SUPPORTED = "not-supported";

  /** The run ended before the op's turn came. */
  public static final String NOT_STARTED = "not-started";

  /** The op's own peer crashed while the op ran (churn, a mass failure, an outage). */
  public static final String PEER_CRASHED = "peer-crashed";

  /** The op's own peer left the overlay gracefully while the op ran. */
  public static final String PEER_LEFT = "peer-left";

  /**
   * The op was due while its client was down: it was never issued, and counts apart from the ops
   * that were ({@code notIssued}; not in {@code availability}).
   */
  public static final String CLIENT_DOWN = "client-down";

  /** A fetch found holders of the object, but none of them was alive to send it. */
  public static final String NO_LIVE_HOLDER = "no-live-holder";

  /** Every server the op could ask was down (client-server, central-index). */
  public static final String SERVER_DOWN = "server-down";

  /**
   * A fetch downloaded an object whose manifest was forged (index poisoning): the content did not
   * match the id the fetch started from and was thrown away ({@code wastedBytes}).
   */
  public static final String POISONED = "poisoned";

  /**
   * A fetch was given only forged manifests, which {@code fetch.verify-manifests} refused: nothing
   * was downloaded and the peers that announced them are blacklisted (docs/adversary.md).
   */
  public static final String FORGED = "forged-manifest";
}
