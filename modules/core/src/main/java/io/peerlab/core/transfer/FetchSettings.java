package io.peerlab.core.transfer;

/**
 * How fetches behave in every strategy (scenario keys {@code peerlab.fetch.*}, and {@code
 * peerlab.objects.materialize}).
 *
 * @param window chunk requests a downloader keeps outstanding per source
 * @param chunkTimeoutNanos a chunk not received after this long is requested again, elsewhere if
 *     another holder is known
 * @param shareDownloads a peer that can serve (role BOTH) serves what it downloaded and announces
 *     it
 * @param uploadPipeline chunks a peer hands to its uplink at once; further chunk uploads wait in the
 *     peer's own upload queue, served round robin across requesters ({@link Uploader}). 0 hands
 *     every chunk to the uplink's FIFO queue at once
 * @param materialize true: a downloader keeps the verified bytes of every chunk it downloads and
 *     serves those bytes; false: no bytes are kept, holders generate them on demand
 */
public record FetchSettings(
    int window,
    long chunkTimeoutNanos,
    boolean shareDownloads,
    int uploadPipeline,
    boolean materialize) {
  public FetchSettings {
    if (window <= 0 || chunkTimeoutNanos <= 0) {
      throw new IllegalArgumentException("window and chunk timeout must be positive");
    }
    if (uploadPipeline < 0) {
      throw new IllegalArgumentException("upload pipeline must be >= 0");
    }
  }

  /** Values for tests that do not care; scenario runs take theirs from reference.conf. */
  public static FetchSettings forTests() {
    return new FetchSettings(4, 5_000_000_000L, true, 1, false);
  }

  /** A copy with another upload pipeline. */
  public FetchSettings withUploadPipeline(int pipeline) {
    return new FetchSettings(window, chunkTimeoutNanos, shareDownloads, pipeline, materialize);
  }

  /** A copy with another materialize flag. */
  public FetchSettings withMaterialize(boolean keep) {
    return new FetchSettings(window, chunkTimeoutNanos, shareDownloads, uploadPipeline, keep);
  }
}
