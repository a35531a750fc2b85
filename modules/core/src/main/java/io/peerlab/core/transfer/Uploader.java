package io.peerlab.core.transfer;

import io.peerlab.core.api.FaultSettings;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Shares;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.NetworkModel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One peer's upload queue: chunk uploads wait here, are served round robin across requesters, and
 * at most {@code fetch.upload-pipeline} of them are handed to the network at once. A BitTorrent
 * client behaves alike: it writes a piece to a socket only when the socket's send buffer has room.
 *
 * <p>Why: the network model's uplink is one FIFO queue. Handing it every requested chunk at once
 * makes a small control message (a lookup reply, a have, an unchoke) wait behind all of them
 * (head-of-line blocking) and serves requesters in arrival order. With the queue here, a control
 * message waits behind at most {@code pipeline} chunks, and concurrent downloads from this peer
 * share its uplink equally (the sending half of max-min fairness). Throughput is unchanged: the
 * peer times each chunk's departure from its own upload capacity ({@link
 * NetworkModel#transmission}) and hands over the next one when less than {@link
 * #HANDOVER_LEAD_NANOS} of work is left on the uplink, so with {@code pipeline >= 1} the uplink
 * does not idle while the queue holds work, even when real-time timers fire a little late.
 *
 * <p>Bytes are produced when a chunk is handed to the network, not when it is queued, so a long
 * queue costs no memory for content. A peer listed in {@link FaultSettings#corruptPeers()} changes
 * one byte of every chunk it uploads; a {@code poison} peer (docs/adversary.md) serves junk that
 * matches its forged manifest for every targeted object.
 */
public final class Uploader {

  /** One chunk to upload: to whom, for which op, which chunk of which object. */
  public record Job(int to, long op, Key object, int index, int chunk) {}

  /** Builds the message that carries a chunk's bytes. */
  @FunctionalInterface
  public interface Packer {
    Message pack(Job job, byte[] data);
  }

  /**
   * The next chunk is handed to the network when the work already on the uplink drops below this
   * much time, so that a timer that fires late on a real-time host (or an actor that runs late)
   * does not leave the uplink idle. The uplink then holds between this and this plus one chunk of
   * work: a control message waits at most that long (9 ms on a 16 MiB/s server with 64 KiB
   * chunks; one chunk plus 5 ms on a 1 MiB/s peer).
   */
  static final long HANDOVER_LEAD_NANOS = 5_000_000L;

  /**
   * Which waiting job leaves first: among the requesters' next jobs, the one of lowest rank, ties
   * in round-robin order. Without one (the default) requesters are served strictly round robin.
   */
  @FunctionalInterface
  public interface Priority {
    int rank(Job job);
  }

  /** Timer key: one chunk handed to the network has (almost) left this peer's uplink. */
  private record Drained(Uploader owner) {}

  private final NodeContext ctx;
  private final Packer packer;
  private final int pipeline;
  private final long uploadRate;
  private final boolean corrupt;
  /** A {@code poison} peer: it serves junk for the targeted objects ({@link Shares}). */
  private final boolean poisons;
  private final Drained drained = new Drained(this);
  private final Map<Integer, ArrayDeque<Job>> queues = new HashMap<>();
  private final ArrayDeque<Integer> turn = new ArrayDeque<>();
  private int inFlight;
  /** When the chunks handed to the network so far will have left the uplink (an estimate). */
  private long uplinkFree;
  private long idleSince;
  private long idleNanos;
  private int queued;
  private Priority priority;

  public Uploader(NodeContext ctx, Packer packer) {
    this.ctx = ctx;
    this.packer = packer;
    this.pipeline = ctx.setup().settings().get(FetchSettings.class).uploadPipeline();
    boolean networkOn = ctx.setup().spec().network().enabled();
    this.uploadRate = networkOn ? ctx.directory().get(ctx.self()).link().uploadBytesPerSec() : 0;
    this.corrupt = FaultSettings.of(ctx.setup().settings()).corrupt(ctx.self());
    this.poisons = Shares.poisons(ctx);
  }

  /** True when this peer serves corrupt chunks (a fault of the run). */
  public boolean corrupt() {
    return corrupt;
  }

  /** Orders the waiting jobs by {@code p} from now on ({@link Priority}). */
  public void prioritize(Priority p) {
    this.priority = p;
  }

  /** Queue one chunk upload; it leaves when its turn comes. */
  public void submit(Job job) {
    if (!paced()) {
      send(job);
      return;
    }
    ArrayDeque<Job> q = queues.get(job.to());
    if (q == null) {
      q = new ArrayDeque<>();
      queues.put(job.to(), q);
      turn.addLast(job.to());
    }
    q.addLast(job);
    queued++;
    pump();
  }

  /** Drop queued (not yet sent) jobs to {@code to} that match; returns how many. */
  public int drop(int to, Predicate<Job> which) {
    ArrayDeque<Job> q = queues.get(to);
    if (q == null) {
      return 0;
    }
    int n = 0;
    for (Iterator<Job> it = q.iterator(); it.hasNext(); ) {
      if (which.test(it.next())) {
        it.remove();
        n++;
      }
    }
    queued -= n;
    if (q.isEmpty()) {
      queues.remove(to);
      turn.remove(to);
    }
    return n;
  }

  /** Handles this uploader's timers; false when {@code key} is someone else's. */
  public boolean onTimer(Object key) {
    if (key != drained) {
      return false;
    }
    inFlight--;
    pump();
    return true;
  }

  /** Jobs waiting (not yet handed to the network). */
  public int queued() {
    return queued;
  }

  private boolean paced() {
    return pipeline > 0 && uploadRate > 0;
  }

  /**
   * Nanoseconds this peer's uplink had no chunk to send since the last call (paced uploads only;
   * 0 when uploads are not paced), then restarts the count.
   */
  public long takeIdleNanos() {
    if (!paced()) {
      return 0;
    }
    long now = ctx.now();
    long idle = idleNanos;
    if (idleSince >= 0) {
      idle += now - idleSince;
      idleSince = now;
    }
    idleNanos = 0;
    return idle;
  }

  private void pump() {
    if (inFlight == 0 && turn.isEmpty()) {
      if (idleSince < 0) {
        idleSince = ctx.now();
      }
      return;
    }
    if (idleSince >= 0) {
      idleNanos += ctx.now() - idleSince;
      idleSince = -1;
    }
    while (inFlight < pipeline && !turn.isEmpty()) {
      int to = priority == null ? turn.pollFirst() : pollBest();
      ArrayDeque<Job> q = queues.get(to);
      Job job = q.pollFirst();
      queued--;
      if (q.isEmpty()) {
        queues.remove(to);
      } else {
        turn.addLast(to);
      }
      Message m = send(job);
      inFlight++;
      long now = ctx.now();
      long tx = NetworkModel.transmission(m.wireSize(), uploadRate);
      uplinkFree = Math.max(uplinkFree, now) + tx;
      ctx.startTimer(Math.max(0, uplinkFree - HANDOVER_LEAD_NANOS - now), drained);
    }
  }

  /** The requester whose next job ranks lowest, the first in turn among equals; taken off turn. */
  private int pollBest() {
    int best = -1;
    int bestRank = Integer.MAX_VALUE;
    for (int to : turn) {
      int r = priority.rank(queues.get(to).peekFirst());
      if (r < bestRank) {
        best = to;
        bestRank = r;
      }
    }
    turn.removeFirstOccurrence(best);
    return best;
  }

  private Message send(Job job) {
    byte[] data = poisons
        ? Shares.chunk(ctx, job.index(), job.chunk())
        : ctx.store().chunk(job.index(), job.chunk());
    if (corrupt && data.length > 0) {
      data = data.clone();
      data[data.length / 2] ^= 0x5A;
    }
    Message m = packer.pack(job, data);
    ctx.send(job.to(), m);
    return m;
  }
}
