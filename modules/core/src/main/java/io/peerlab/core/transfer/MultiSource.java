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
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code multi-source}: chunks requested in parallel from every holder the locate step found, with
 * at most {@code fetch.window} requests outstanding per source. Each source pulls the lowest
 * chunk nobody is fetching as soon as it has room, so faster sources serve more chunks.
 *
 * <p>Failures, per chunk: a chunk that times out ({@code fetch.chunk-timeout}), comes back
 * unavailable, or fails its SHA-256 check goes back to the pool and is asked of another source
 * first (the one that failed it only if no other source is left). Per source: a source that sends
 * a corrupt chunk or says it does not hold the object is dropped at once; one that times out three
 * times in a row is dropped as gone (crashed or left: churn). The fetch fails when no source is
 * left: {@code no-live-holder} when some source fell silent, else {@code no-source} (every holder
 * refused or sent corrupt chunks).
 */
public final class MultiSource implements Transfer {

  private static final class Source {
    final int peer;
    int outstanding;
    int timeouts;
    boolean dropped;
    /** Dropped for silence (three timeouts in a row): presumably crashed or gone. */
    boolean silent;

    Source(int peer) {
      this.peer = peer;
    }
  }

  private final class Download {
    final long op;
    final Manifest manifest;
    final List<Source> sources = new ArrayList<>();
    final Map<Integer, Source> byPeer = new HashMap<>();
    final TreeSet<Integer> pool = new TreeSet<>();
    /** Chunks in flight: chunk -> the source asked. */
    final RequestTracker<Integer, Source> pending;
    /** chunk -> the source that last failed it, to ask someone else first. */
    final Map<Integer, Source> failedAt = new HashMap<>();
    final BitSet received = new BitSet();
    long bytes;

    Download(long op, Manifest manifest) {
      this.op = op;
      this.manifest = manifest;
      this.pending = new RequestTracker<>(ctx, settings.chunkTimeoutNanos(), this::onChunkTimeout);
    }

    private void onChunkTimeout(int chunk, Source s, int attempts) {
      release(this, chunk);
      if (++s.timeouts >= 3) {
        s.silent = true;
        drop(this, s);
      }
      fillAll(this);
    }

    int live() {
      int n = 0;
      for (Source s : sources) {
        n += s.dropped ? 0 : 1;
      }
      return n;
    }
  }

  private final NodeContext ctx;
  private final ChunkServer server;
  private final ChunkVerifier verifier;
  private final FetchSettings settings;
  private final Map<Long, Download> downloads = new HashMap<>();

  public MultiSource(NodeContext ctx) {
    this.ctx = ctx;
    this.server = new ChunkServer(ctx);
    this.verifier = new ChunkVerifier(ctx);
    this.settings = ctx.setup().settings().get(FetchSettings.class);
  }

  @Override
  public void fetch(long op, Manifest manifest, int[] holders) {
    Download d = new Download(op, manifest);
    int[] order = holders.clone();
    for (int i = order.length - 1; i > 0; i--) {
      int j = ctx.random().nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (int h : order) {
      if (!d.byPeer.containsKey(h)) {
        Source s = new Source(h);
        d.sources.add(s);
        d.byPeer.put(h, s);
      }
    }
    for (int c = 0; c < manifest.chunkCount(); c++) {
      d.pool.add(c);
    }
    downloads.put(op, d);
    fillAll(d);
  }

  @Override
  public void cancel(long op) {
    Download d = downloads.remove(op);
    if (d != null) {
      d.pending.closeAll();
    }
  }

  @Override
  public void onMessage(int from, Message message) {
    if (message instanceof ChunkRequest req) {
      server.onRequest(from, req);
    } else if (message instanceof ChunkData data) {
      onData(from, data);
    } else if (message instanceof ChunkUnavailable na) {
      Download d = downloads.get(na.op());
      Source s = d == null ? null : d.pending.get(na.chunk());
      if (s != null && s.peer == from) {
        drop(d, s);
        fillAll(d);
      }
    }
  }

  @Override
  public void onTimer(Object key) {
    if (server.onTimer(key)) {
      return;
    }
    for (Download d : downloads.values()) {
      if (d.pending.onTimer(key)) {
        return;
      }
    }
  }

  private void onData(int from, ChunkData data) {
    Download d = downloads.get(data.op());
    if (d == null) {
      return;
    }
    int c = data.chunk();
    Source s = d.pending.get(c);
    if (s == null || s.peer != from || d.received.get(c)) {
      return; // late answer to a request already given to someone else
    }
    if (!verifier.accept(d.manifest, c, data.data())) {
      drop(d, s);
      fillAll(d);
      return;
    }
    d.pending.close(c);
    s.outstanding--;
    s.timeouts = 0;
    d.received.set(c);
    d.bytes += data.data().length;
    if (d.received.cardinality() == d.manifest.chunkCount()) {
      downloads.remove(d.op);
      ctx.fetched(d.op, d.bytes);
      return;
    }
    fill(d, s);
  }

  /** Put a pending chunk back into the pool, remembering who failed it. */
  private void release(Download d, int chunk) {
    Source s = d.pending.close(chunk);
    if (s == null) {
      return;
    }
    s.outstanding--;
    d.failedAt.put(chunk, s);
    d.pool.add(chunk);
  }

  /** Stop using a source: its pending chunks go back to the pool. */
  private void drop(Download d, Source s) {
    s.dropped = true;
    for (int c : d.pending.find(p -> p == s)) {
      release(d, c);
    }
  }

  private void fillAll(Download d) {
    if (downloads.get(d.op) != d) {
      return;
    }
    if (d.live() == 0) {
      downloads.remove(d.op);
      d.pending.closeAll();
      boolean gone = d.sources.stream().anyMatch(s -> s.silent);
      ctx.failed(d.op, gone ? Failures.NO_LIVE_HOLDER : "no-source");
      return;
    }
    for (Source s : d.sources) {
      fill(d, s);
    }
  }

  /** Give {@code s} chunks from the pool until its window is full. */
  private void fill(Download d, Source s) {
    boolean alone = d.live() == 1;
    while (!s.dropped && s.outstanding < settings.window() && !d.pool.isEmpty()) {
      Integer pick = null;
      for (int c : d.pool) {
        if (alone || d.failedAt.get(c) != s) {
          pick = c;
          break;
        }
      }
      if (pick == null) {
        return;
      }
      d.pool.remove(pick);
      request(d, s, pick);
    }
  }

  private void request(Download d, Source s, int chunk) {
    s.outstanding++;
    d.pending.open(chunk, s);
    ctx.send(s.peer, new ChunkRequest(d.op, d.manifest.id(), chunk));
  }
}
