package io.peerlab.core.transfer;

/**
 * How fetches behave in every strategy (scenario keys {@code peerlab.fetch.*}).
 *
 * @param window chunk requests a downloader keeps outstanding per source
 * @param chunkTimeoutNanos a chunk not received after this long is requested again, elsewhere if
 *     another holder is known
 * @param shareDownloads a peer that can serve (role BOTH) serves what it downloaded and announces it
 */
public record FetchSettings(int window, long chunkTimeoutNanos, boolean shareDownloads) {
  public FetchSettings {
    if (window <= 0 || chunkTimeoutNanos <= 0) {
      throw new IllegalArgumentException("window and chunk timeout must be positive");
    }
  }

  /** Values for tests that do not care; scenario runs take theirs from reference.conf. */
  public static FetchSettings forTests() {
    return new FetchSettings(4, 5_000_000_000L, true);
  }
}
