package io.peerlab.core.transfer;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.ObjectStore;
import io.peerlab.core.api.Shares;
import io.peerlab.core.transfer.ChunkMessage.ChunkData;
import io.peerlab.core.transfer.ChunkMessage.ChunkRequest;
import io.peerlab.core.transfer.ChunkMessage.ChunkUnavailable;

/**
 * The upload side of {@code single-source} and {@code multi-source}: answer a {@link ChunkRequest}
 * with the chunk's bytes if this peer holds the object (or, at a {@code poison} peer, poisons it:
 * junk that matches the forged manifest), else with {@link ChunkUnavailable}. Chunks
 * leave through the peer's {@link Uploader} (round robin across requesters, paced to the uplink).
 */
public final class ChunkServer {
  private final NodeContext ctx;
  /** Made on the first chunk served: most peers of a large run never serve one. */
  private Uploader uploader;

  public ChunkServer(NodeContext ctx) {
    this.ctx = ctx;
  }

  public void onRequest(int from, ChunkRequest req) {
    ObjectStore store = ctx.store();
    int object = Shares.served(ctx, req.object()); // held, or poisoned by a poison peer
    if (object < 0 || req.chunk() < 0
        || req.chunk() >= store.chunkCount(object)) {
      ctx.send(from, new ChunkUnavailable(req.op(), req.object(), req.chunk()));
      return;
    }
    uploader().submit(new Uploader.Job(from, req.op(), req.object(), object, req.chunk()));
  }

  /** Handles the uploader's timers; false when {@code key} is not the server's. */
  public boolean onTimer(Object key) {
    return uploader != null && uploader.onTimer(key);
  }

  public Uploader uploader() {
    if (uploader == null) {
      uploader =
          new Uploader(ctx, (job, data) -> new ChunkData(job.op(), job.object(), job.chunk(), data));
    }
    return uploader;
  }
}
