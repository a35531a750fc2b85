package io.peerlab.core.transfer;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.content.Manifest;

/**
 * The receiving end every strategy shares: a chunk is accepted only if its length and SHA-256
 * match the manifest; a failed chunk is counted ({@code load.chunksRejected}) and dropped. With
 * {@code objects.materialize = true} an accepted chunk's bytes are kept in the peer's store, so the
 * peer re-serves exactly what it verified.
 */
public final class ChunkVerifier {
  private final NodeContext ctx;
  private final boolean materialize;

  public ChunkVerifier(NodeContext ctx) {
    this.ctx = ctx;
    this.materialize = ctx.setup().settings().get(FetchSettings.class).materialize();
  }

  /** True when {@code data} is chunk {@code chunk} of {@code manifest}; false is counted. */
  public boolean accept(Manifest manifest, int chunk, byte[] data) {
    if (!manifest.verify(chunk, data)) {
      ctx.chunkRejected(data == null ? 0 : data.length);
      return false;
    }
    if (materialize) {
      ctx.store().putChunk(manifest.index(), chunk, data);
    }
    return true;
  }
}
