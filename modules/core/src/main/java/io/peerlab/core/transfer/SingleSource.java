package io.peerlab.core.transfer;

import io.peerlab.core.api.Failures;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.RequestTracker;
import io.peerlab.core.api.Transfer;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.transfer.ChunkMessage.ChunkData;
import io.peerlab.core.transfer.ChunkMessage.ChunkRequest;
import io.peerlab.core.transfer.ChunkMessage.ChunkUnavailable;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code single-source}: every chunk of an object from one holder, chosen at random among those
 * the locate step found, with up to {@code fetch.window} chunk requests outstanding. A chunk that
 * times out or is unavailable makes the downloader move to the next holder (or retry the same one
 * if it is the only one); a chunk that fails its SHA-256 check also drops its sender for the rest
 * of the fetch, so a source that crashes or leaves mid-download is replaced by the next holder. The
 * fetch fails once every holder has sent a corrupt chunk ({@code no-source}), or holders have
 * refused or timed out three times per holder ({@code no-live-holder} when some request timed
 * out: no holder left answers).
 */
public final class SingleSource implements Transfer {

  private final class Download {
    final long op;
    final Manifest manifest;
    final int[] holders;
    final BitSet received = new BitSet();
    final BitSet corrupt = new BitSet();
    /** Chunk requests in flight: chunk -> the holder asked (index into holders). */
    final RequestTracker<Integer, Integer> outstanding;
    int source;
    int refused;
    /** Chunk requests that went unanswered (the holder crashed or left, or is slow). */
    int timeouts;
    int nextChunk;
    long bytes;

    Download(long op, Manifest manifest, int[] holders, int source) {
      this.op = op;
      this.manifest = manifest;
      this.holders = holders;
      this.source = source;
      this.outstanding =
          new RequestTracker<>(ctx, settings.chunkTimeoutNanos(), this::onChunkTimeout);
    }

    private void onChunkTimeout(int chunk, int askedOf, int attempts) {
      refused++;
      timeouts++;
      retry(this, chunk, askedOf);
    }
  }

  private final NodeContext ctx;
  private final ChunkServer server;
  private final ChunkVerifier verifier;
  private final FetchSettings settings;
  /** Downloads in flight; created on the first fetch (most peers of a large run never fetch). */
  private Map<Long, Download> downloads;

  public SingleSource(NodeContext ctx) {
    this.ctx = ctx;
    this.server = new ChunkServer(ctx);
    this.verifier = new ChunkVerifier(ctx);
    this.settings = ctx.setup().settings().get(FetchSettings.class);
  }

  @Override
  public void fetch(long op, Manifest manifest, int[] holders) {
    Download d = new Download(op, manifest, holders.clone(), ctx.random().nextInt(holders.length));
    if (downloads == null) {
      downloads = new HashMap<>();
    }
    downloads.put(op, d);
    fill(d);
  }

  @Override
  public void cancel(long op) {
    Download d = downloads == null ? null : downloads.remove(op);
    if (d != null) {
      d.outstanding.closeAll();
    }
  }

  @Override
  public void onMessage(int from, Message message) {
    if (message instanceof ChunkRequest req) {
      server.onRequest(from, req);
    } else if (message instanceof ChunkData data) {
      onData(data);
    } else if (message instanceof ChunkUnavailable na) {
      Download d = downloads == null ? null : downloads.get(na.op());
      Integer askedOf = d == null ? null : d.outstanding.get(na.chunk());
      if (askedOf != null) {
        d.refused++;
        retry(d, na.chunk(), askedOf);
      }
    }
  }

  @Override
  public void onTimer(Object key) {
    if (server.onTimer(key)) {
      return;
    }
    if (downloads != null) {
      for (Download d : downloads.values()) {
        if (d.outstanding.onTimer(key)) {
          return;
        }
      }
    }
  }

  private void onData(ChunkData data) {
    Download d = downloads == null ? null : downloads.get(data.op());
    Integer askedOf = d == null ? null : d.outstanding.get(data.chunk());
    if (askedOf == null || d.received.get(data.chunk())) {
      return;
    }
    if (!verifier.accept(d.manifest, data.chunk(), data.data())) {
      d.corrupt.set(askedOf);
      retry(d, data.chunk(), askedOf);
      return;
    }
    d.outstanding.close(data.chunk());
    d.received.set(data.chunk());
    d.bytes += data.data().length;
    if (d.received.cardinality() == d.manifest.chunkCount()) {
      downloads.remove(d.op);
      ctx.fetched(d.op, d.bytes);
    } else {
      fill(d);
    }
  }

  /** Keeps {@code window} requests outstanding on the current source. */
  private void fill(Download d) {
    int n = d.manifest.chunkCount();
    while (d.outstanding.size() < settings.window() && d.nextChunk < n) {
      request(d, d.nextChunk++);
    }
  }

  /** Sends the request, then (re)opens it: its timeout timer starts after the message leaves. */
  private void request(Download d, int chunk) {
    ctx.send(d.holders[d.source], new ChunkRequest(d.op, d.manifest.id(), chunk));
    d.outstanding.open(chunk, d.source);
  }

  /**
   * Asks again for {@code chunk}, which {@code failedAt} did not deliver: from the next usable
   * holder if {@code failedAt} is still the current source, else from the current source.
   */
  private void retry(Download d, int chunk, int failedAt) {
    int usable = d.holders.length - d.corrupt.cardinality();
    if (usable == 0 || d.refused >= d.holders.length * 3) {
      downloads.remove(d.op);
      d.outstanding.closeAll();
      ctx.failed(d.op, d.timeouts > 0 && usable > 0 ? Failures.NO_LIVE_HOLDER : "no-source");
      return;
    }
    if (d.source == failedAt || d.corrupt.get(d.source)) {
      do {
        d.source = (d.source + 1) % d.holders.length;
      } while (d.corrupt.get(d.source));
    }
    request(d, chunk);
  }
}
