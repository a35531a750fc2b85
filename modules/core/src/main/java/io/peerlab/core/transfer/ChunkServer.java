package io.peerlab.core.transfer;

import io.peerlab.core.peer.NodeContext;
import io.peerlab.core.peer.ObjectStore;
import io.peerlab.core.transfer.ChunkMessage.ChunkData;
import io.peerlab.core.transfer.ChunkMessage.ChunkRequest;
import io.peerlab.core.transfer.ChunkMessage.ChunkUnavailable;

/**
 * The upload side every strategy shares: answer a {@link ChunkRequest} with the chunk's bytes if
 * this peer holds the object, else with {@link ChunkUnavailable}.
 */
public final class ChunkServer {
  private final NodeContext ctx;

  public ChunkServer(NodeContext ctx) {
    this.ctx = ctx;
  }

  public void onRequest(int from, ChunkRequest req) {
    ObjectStore store = ctx.store();
    int object = store.indexOf(req.object());
    if (object < 0 || req.chunk() < 0
        || req.chunk() >= store.chunkCount(object)) {
      ctx.send(from, new ChunkUnavailable(req.op(), req.object(), req.chunk()));
      return;
    }
    ctx.send(from, new ChunkData(req.op(), req.object(), req.chunk(), store.chunk(object, req.chunk())));
  }
}
