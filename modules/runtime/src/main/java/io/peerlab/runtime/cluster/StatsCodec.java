package io.peerlab.runtime.cluster;

import io.peerlab.core.api.Role;
import io.peerlab.core.metrics.OpStats;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.workload.OpType;
import io.peerlab.runtime.serialization.CborSerializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Carries a peer's {@link PeerStats} from the member that hosted it to the coordinator: counters as
 * they are, each HdrHistogram in its compressed encoding ({@link
 * Histogram#encodeIntoCompressedByteBuffer}), so merged percentiles are exactly those of a
 * single-JVM run. The timeline's raw data travels as {@link PeerStats#completions()}: two longs per
 * measured op of the peer (CBOR writes them as variable-length integers), none for a peer that ran
 * no op.
 */
public final class StatsCodec {
  private StatsCodec() {}

  /** One op type's stats on the wire. */
  public record WireOpStats(
      OpType type,
      byte[] latencyMicros,
      byte[] hops,
      long ok,
      long failed,
      long bytes,
      long fetchNanos,
      double recallSum,
      long recallCount,
      Map<String, Long> failures,
      Map<String, Long> marks) {

    public WireOpStats {
      failures = new TreeMap<>(failures);
      marks = new TreeMap<>(marks == null ? Map.of() : marks);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WireOpStats w && type == w.type && Arrays.equals(latencyMicros, w.latencyMicros)
          && Arrays.equals(hops, w.hops) && ok == w.ok && failed == w.failed && bytes == w.bytes
          && fetchNanos == w.fetchNanos && Double.compare(recallSum, w.recallSum) == 0
          && recallCount == w.recallCount && failures.equals(w.failures) && marks.equals(w.marks);
    }

    @Override
    public int hashCode() {
      return type.hashCode() * 31 + Long.hashCode(ok);
    }

    @Override
    public String toString() {
      return "WireOpStats[" + type + ", ok=" + ok + ", failed=" + failed + "]";
    }
  }

  /** One peer's stats on the wire. */
  public record WirePeerStats(
      int address,
      Role role,
      long[] messagesSent,
      long[] bytesSent,
      long messagesHandled,
      long bytesUploaded,
      long contentBytesUploaded,
      long chunksRejected,
      long wastedBytes,
      long firstStart,
      long lastEnd,
      List<WireOpStats> ops,
      long[] completions,
      Boolean upAtEnd,
      int[] heldAtEnd,
      long[] upkeep)
      implements CborSerializable {

    public WirePeerStats {
      ops = List.copyOf(ops);
    }

    /** Bytes this record takes on the wire, roughly; used to size batches under the frame limit. */
    public int approximateSize() {
      int n = 64 + 16 * (messagesSent.length + bytesSent.length) + 9 * completions.length
          + (heldAtEnd == null ? 0 : 5 * heldAtEnd.length) + (upkeep == null ? 0 : 9 * upkeep.length);
      for (WireOpStats o : ops) {
        n += 96 + o.latencyMicros.length + o.hops.length + 24 * (o.failures.size() + o.marks.size());
      }
      return n;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WirePeerStats w && address == w.address && role == w.role
          && Arrays.equals(messagesSent, w.messagesSent) && Arrays.equals(bytesSent, w.bytesSent)
          && messagesHandled == w.messagesHandled && bytesUploaded == w.bytesUploaded
          && contentBytesUploaded == w.contentBytesUploaded && chunksRejected == w.chunksRejected
          && wastedBytes == w.wastedBytes
          && firstStart == w.firstStart && lastEnd == w.lastEnd && ops.equals(w.ops)
          && Arrays.equals(completions, w.completions) && java.util.Objects.equals(upAtEnd, w.upAtEnd)
          && Arrays.equals(heldAtEnd, w.heldAtEnd) && Arrays.equals(upkeep, w.upkeep);
    }

    @Override
    public int hashCode() {
      return address;
    }

    @Override
    public String toString() {
      return "WirePeerStats[" + address + ", " + role + ", " + ops + "]";
    }
  }

  public static WirePeerStats encode(PeerStats s) {
    OpType[] all = OpType.values();
    long[] sent = new long[all.length];
    long[] bytes = new long[all.length];
    for (OpType t : all) {
      sent[t.ordinal()] = s.messagesSent(t);
      bytes[t.ordinal()] = s.bytesSent(t);
    }
    List<WireOpStats> ops = new ArrayList<>();
    for (OpType t : OpType.OPS) {
      OpStats o = s.opOrNull(t);
      if (o != null) {
        ops.add(
            new WireOpStats(
                t, encode(o.latencyMicros()), encode(o.hops()), o.ok(), o.failed(), o.bytes(),
                o.fetchNanos(), o.recallSum(), o.recallCount(), o.failures(), o.marks()));
      }
    }
    return new WirePeerStats(
        s.address(), s.role(), sent, bytes, s.messagesHandled(), s.bytesUploaded(),
        s.contentBytesUploaded(), s.chunksRejected(), s.wastedBytes(), s.firstStart(), s.lastEnd(), ops,
        s.completions(), s.upAtEnd(), s.heldAtEnd(), s.upkeep());
  }

  public static PeerStats decode(WirePeerStats w) {
    PeerStats s = new PeerStats(w.address(), w.role());
    s.restore(
        w.messagesSent(), w.bytesSent(), w.messagesHandled(), w.bytesUploaded(),
        w.contentBytesUploaded(), w.chunksRejected(), w.wastedBytes(), w.firstStart(), w.lastEnd());
    s.restoreCompletions(w.completions());
    if (w.upAtEnd() != null) {
      s.endState(w.upAtEnd(), w.heldAtEnd());
    }
    s.upkeep(w.upkeep());
    for (WireOpStats o : w.ops()) {
      s.restoreOp(
          o.type(),
          OpStats.restore(
              decode(o.latencyMicros()), decode(o.hops()), o.ok(), o.failed(), o.bytes(),
              o.fetchNanos(), o.recallSum(), o.recallCount(), o.failures(), o.marks()));
    }
    return s;
  }

  static byte[] encode(Histogram h) {
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int n = h.encodeIntoCompressedByteBuffer(buf);
    return Arrays.copyOf(buf.array(), n);
  }

  static Histogram decode(byte[] b) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(b), 0);
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("corrupt histogram in a member's stats", e);
    }
  }
}
