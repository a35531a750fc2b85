package io.peerlab.core.transfer;

import io.peerlab.core.content.Manifest;
import io.peerlab.core.peer.Message;
import io.peerlab.core.peer.NodeContext;
import io.peerlab.core.transfer.ChunkMessage.ChunkData;
import io.peerlab.core.transfer.ChunkMessage.ChunkRequest;
import io.peerlab.core.transfer.ChunkMessage.ChunkUnavailable;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code single-source}: every chunk of an object from one holder, chosen at random among those the
 * locate step found, with up to {@code fetch.window} chunk requests outstanding. A chunk that fails
 * its SHA-256 check, times out, or is unavailable makes the downloader move to the next holder (or
 * retry the same one if it is the only one); the fetch fails once every holder has refused.
 */
public final class SingleSource implements Transfer {

  private record ChunkTimer(long op, int chunk, int attempt) {}

  private static final class Download {
    final long op;
    final Manifest manifest;
    final int[] holders;
    final BitSet received = new BitSet();
    final Map<Integer, Integer> outstanding = new HashMap<>(); // chunk -> attempt
    final Map<Integer, Long> timers = new HashMap<>(); // chunk -> timer handle
    int source;
    int refused;
    int nextChunk;
    int attempts;
    long bytes;

    Download(long op, Manifest manifest, int[] holders, int source) {
      this.op = op;
      this.manifest = manifest;
      this.holders = holders;
      this.source = source;
    }
  }

  private final NodeContext ctx;
  private final ChunkServer server;
  private final FetchSettings settings;
  /** Downloads in flight; created on the first fetch (most peers of a large run never fetch). */
  private Map<Long, Download> downloads;

  public SingleSource(NodeContext ctx) {
    this.ctx = ctx;
    this.server = new ChunkServer(ctx);
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
      d.timers.values().forEach(ctx::cancelTimer);
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
      if (d != null && d.outstanding.containsKey(na.chunk())) {
        d.refused++;
        retry(d, na.chunk());
      }
    }
  }

  @Override
  public void onTimer(Object key) {
    if (key instanceof ChunkTimer t) {
      Download d = downloads == null ? null : downloads.get(t.op());
      if (d != null) {
        d.timers.remove(t.chunk());
        Integer attempt = d.outstanding.get(t.chunk());
        if (attempt != null && attempt == t.attempt()) {
          d.refused++;
          retry(d, t.chunk());
        }
      }
    }
  }

  private void onData(ChunkData data) {
    Download d = downloads == null ? null : downloads.get(data.op());
    if (d == null || d.received.get(data.chunk()) || !d.outstanding.containsKey(data.chunk())) {
      return;
    }
    if (!d.manifest.verify(data.chunk(), data.data())) {
      ctx.chunkRejected();
      d.refused++;
      retry(d, data.chunk());
      return;
    }
    d.outstanding.remove(data.chunk());
    Long timer = d.timers.remove(data.chunk());
    if (timer != null) {
      ctx.cancelTimer(timer);
    }
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

  private void request(Download d, int chunk) {
    int attempt = ++d.attempts;
    d.outstanding.put(chunk, attempt);
    ctx.send(d.holders[d.source], new ChunkRequest(d.op, d.manifest.id(), chunk));
    Long old = d.timers.put(chunk, ctx.startTimer(settings.chunkTimeoutNanos(), new ChunkTimer(d.op, chunk, attempt)));
    if (old != null) {
      ctx.cancelTimer(old);
    }
  }

  /** Moves to the next holder (if any) and asks again for {@code chunk}. */
  private void retry(Download d, int chunk) {
    if (d.refused >= d.holders.length * 3) {
      downloads.remove(d.op);
      d.timers.values().forEach(ctx::cancelTimer);
      ctx.failed(d.op, "no-source");
      return;
    }
    d.source = (d.source + 1) % d.holders.length;
    request(d, chunk);
  }
}
