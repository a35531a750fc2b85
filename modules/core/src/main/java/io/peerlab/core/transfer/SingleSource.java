package io.peerlab.core.transfer;

import io.peerlab.core.api.Transfer;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
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
 * of the fetch. The fetch fails once every holder has sent a corrupt chunk, or holders have
 * refused three times per holder.
 */
public final class SingleSource implements Transfer {

  private record ChunkTimer(long op, int chunk, int attempt) {}

  /** A request in flight: which attempt, asked of which holder (index into holders). */
  private record Asked(int attempt, int source) {}

  private static final class Download {
    final long op;
    final Manifest manifest;
    final int[] holders;
    final BitSet received = new BitSet();
    final BitSet corrupt = new BitSet();
    final Map<Integer, Asked> outstanding = new HashMap<>(); // chunk -> request
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
      Asked a = d == null ? null : d.outstanding.get(na.chunk());
      if (a != null) {
        d.refused++;
        retry(d, na.chunk(), a.source());
      }
    }
  }

  @Override
  public void onTimer(Object key) {
    if (server.onTimer(key)) {
      return;
    }
    if (key instanceof ChunkTimer t) {
      Download d = downloads == null ? null : downloads.get(t.op());
      if (d != null) {
        d.timers.remove(t.chunk());
        Asked a = d.outstanding.get(t.chunk());
        if (a != null && a.attempt() == t.attempt()) {
          d.refused++;
          retry(d, t.chunk(), a.source());
        }
      }
    }
  }

  private void onData(ChunkData data) {
    Download d = downloads == null ? null : downloads.get(data.op());
    Asked a = d == null ? null : d.outstanding.get(data.chunk());
    if (a == null || d.received.get(data.chunk())) {
      return;
    }
    if (!verifier.accept(d.manifest, data.chunk(), data.data())) {
      d.corrupt.set(a.source());
      retry(d, data.chunk(), a.source());
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
    d.outstanding.put(chunk, new Asked(attempt, d.source));
    ctx.send(d.holders[d.source], new ChunkRequest(d.op, d.manifest.id(), chunk));
    Long old = d.timers.put(chunk, ctx.startTimer(settings.chunkTimeoutNanos(), new ChunkTimer(d.op, chunk, attempt)));
    if (old != null) {
      ctx.cancelTimer(old);
    }
  }

  /**
   * Asks again for {@code chunk}, which {@code failedAt} did not deliver: from the next usable
   * holder if {@code failedAt} is still the current source, else from the current source.
   */
  private void retry(Download d, int chunk, int failedAt) {
    int usable = d.holders.length - d.corrupt.cardinality();
    if (usable == 0 || d.refused >= d.holders.length * 3) {
      downloads.remove(d.op);
      d.timers.values().forEach(ctx::cancelTimer);
      ctx.failed(d.op, "no-source");
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
