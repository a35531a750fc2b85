package io.peerlab.core.run;

import io.peerlab.core.api.Adversaries;
import io.peerlab.core.api.AdversarySettings;
import io.peerlab.core.api.Failures;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.churn.ChurnPlan;
import io.peerlab.core.metrics.DistributionBounds;
import io.peerlab.core.metrics.IntervalSeries;
import io.peerlab.core.metrics.OpStats;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.transfer.swarm.FreeRiders;
import io.peerlab.core.transfer.swarm.SwarmStrategy;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.OpType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Turns every peer's stats into one {@link RunResult}: merges histograms, sums counters. */
public final class Summaries {
  private Summaries() {}

  /** Jain's fairness index (Σx)² / (n·Σx²): 1 when every peer carries the same load. */
  public static double jain(double[] xs) {
    double sum = 0;
    double sq = 0;
    for (double x : xs) {
      sum += x;
      sq += x * x;
    }
    return sq == 0 ? 1.0 : (sum * sum) / (xs.length * sq);
  }

  /**
   * Like {@link #summarize(RunSetup, String, RunOutcome, Double)}, with the run's {@code timeline}
   * in intervals of {@code intervalNanos} of the host clock ({@link Timelines}).
   */
  public static RunResult summarize(
      RunSetup setup, String runtime, RunOutcome outcome, Double wallTimeMs, long intervalNanos) {
    RunResult r = summarize(setup, runtime, outcome, wallTimeMs);
    IntervalSeries series = Timelines.series(outcome, intervalNanos);
    return new RunResult(
        r.identity(), r.timing(), r.figures(), r.health(), r.members(), r.sweep(), r.bounds(),
        Timelines.timeline(series, outcome, ChurnPlan.of(setup)), series);
  }

  public static RunResult summarize(
      RunSetup setup, String runtime, RunOutcome outcome, Double wallTimeMs) {
    List<PeerStats> peers = outcome.peers();
    Map<OpType, OpStats> merged = new LinkedHashMap<>();
    long[] messages = new long[OpType.values().length];
    long[] bytes = new long[OpType.values().length];
    long firstStart = Long.MAX_VALUE;
    long lastEnd = Long.MIN_VALUE;
    for (PeerStats p : peers) {
      for (OpType t : OpType.OPS) {
        OpStats s = p.opOrNull(t);
        if (s != null) {
          merged.computeIfAbsent(t, k -> new OpStats()).merge(s);
        }
      }
      for (OpType t : OpType.values()) {
        messages[t.ordinal()] += p.messagesSent(t);
        bytes[t.ordinal()] += p.bytesSent(t);
      }
      firstStart = Math.min(firstStart, p.firstStart());
      lastEnd = Math.max(lastEnd, p.lastEnd());
    }

    long durationNanos =
        outcome.measureStartNanos() >= 0 && outcome.measureEndNanos() >= outcome.measureStartNanos()
            ? outcome.measureEndNanos() - outcome.measureStartNanos()
            : 0;
    ChurnPlan plan = ChurnPlan.of(setup);
    Adversaries adversaries = Adversaries.of(setup);
    boolean churn = plan.active();
    long okOps = 0;
    Map<String, RunResult.OpSummary> ops = new LinkedHashMap<>();
    for (OpType t : OpType.OPS) {
      OpStats s = merged.get(t);
      if (s == null) {
        continue;
      }
      okOps += s.ok();
      ops.put(t.label(),
          opSummary(t, s, messages[t.ordinal()], bytes[t.ordinal()], churn, adversaries.active()));
    }
    Map<String, Long> msgs = new LinkedHashMap<>();
    for (OpType t : OpType.values()) {
      msgs.put(t.label(), messages[t.ordinal()]);
    }

    Double distribution = null;
    if (setup.spec().workload().mode() == LoadMode.FLASH_CROWD && lastEnd > Long.MIN_VALUE) {
      distribution = round((lastEnd - firstStart) / 1e6);
    }
    double throughput = durationNanos == 0 ? 0 : okOps / (durationNanos / 1e9);
    return new RunResult(
        new RunResult.Identity(
            setup.spec().topology().name(), setup.spec().transfer().name(), runtime, setup.peers()),
        new RunResult.Timing(
            round(durationNanos / 1e6),
            wallTimeMs == null ? null : round(wallTimeMs),
            round(throughput),
            distribution,
            outcome.deadlineHit()),
        new RunResult.Figures(
            ops, msgs, load(peers),
            maintenance(plan, setup.peers(), durationNanos, messages[OpType.OTHER.ordinal()],
                bytes[OpType.OTHER.ordinal()]),
            churn ? dataLoss(setup, peers) : null,
            freeRiders(setup, peers),
            adversary(setup, adversaries, peers)),
        new RunResult.Health(
            outcome.messagesLost(), outcome.events(), outcome.notes(), outcome.errors()),
        outcome.members().isEmpty() ? null : outcome.members(),
        null,
        distribution == null ? null : bounds(setup.spec()),
        null,
        null);
  }

  /**
   * The Kurose-Ross bounds for a flash crowd of one file: N = clients, F = the object's size, u_s
   * = every server's upload, Σu_i = N × peer upload, d_min = peer download (every client fetches
   * object 0 once). Null when they do not apply: no network model, or an unlimited link.
   */
  static RunResult.Bounds bounds(RunSpec spec) {
    NetworkSpec net = spec.network();
    int n = spec.workload().clients();
    double f = spec.objects().size();
    double us = (double) spec.servers() * net.server().uploadBytesPerSec();
    double u = net.peer().uploadBytesPerSec();
    double d = net.peer().downloadBytesPerSec();
    if (!net.enabled() || us <= 0 || u <= 0 || d <= 0) {
      return null;
    }
    return new RunResult.Bounds(
        round(DistributionBounds.clientServer(n, f, us, d) * 1000),
        round(DistributionBounds.p2p(n, f, us, n * u, d) * 1000));
  }

  /** Maintenance traffic per online peer and second of the measured phase. */
  static RunResult.Maintenance maintenance(
      ChurnPlan plan, int peers, long durationNanos, long messages, long bytes) {
    double peerSeconds =
        plan.active() ? plan.aliveSeconds(durationNanos) : peers * (durationNanos / 1e9);
    return new RunResult.Maintenance(
        peerSeconds == 0 ? 0 : round(messages / peerSeconds),
        peerSeconds == 0 ? 0 : round(bytes / peerSeconds),
        messages,
        bytes);
  }

  /** Free-riders' downloads against the other clients' ({@code swarm.free-riders}); else null. */
  static RunResult.FreeRiders freeRiders(RunSetup setup, List<PeerStats> peers) {
    java.util.BitSet riders = FreeRiders.of(setup);
    if (riders.isEmpty() || !SwarmStrategy.NAME.equals(setup.spec().transfer().name())) {
      return null;
    }
    OpStats free = new OpStats();
    OpStats compliant = new OpStats();
    for (PeerStats p : peers) {
      OpStats s = p.opOrNull(OpType.FETCH);
      if (s != null && p.role() != Role.SERVER) {
        (riders.get(p.address()) ? free : compliant).merge(s);
      }
    }
    return new RunResult.FreeRiders(
        riders.cardinality(), free.ok(), free.ok() == 0 ? null : ms(free.latencyMicros(), 50),
        compliant.ok(), compliant.ok() == 0 ? null : ms(compliant.latencyMicros(), 50));
  }

  /** Runs with an adversary: who attacked and the bytes it made peers throw away; else null. */
  static RunResult.Adversary adversary(
      RunSetup setup, Adversaries adversaries, List<PeerStats> peers) {
    if (!adversaries.active()) {
      return null;
    }
    long wasted = 0;
    for (PeerStats p : peers) {
      wasted += p.wastedBytes();
    }
    AdversarySettings a = adversaries.settings();
    boolean chosen = a.placement() == AdversarySettings.Placement.TARGETED
        && setup.topology().idsChosenFreely(setup.settings());
    return new RunResult.Adversary(
        a.behaviour().label(), a.placement().label(), adversaries.count(), chosen,
        adversaries.targets().length, wasted);
  }

  /** Objects of the catalog that no peer up at the end of the run held. */
  static int dataLoss(RunSetup setup, List<PeerStats> peers) {
    java.util.BitSet held = new java.util.BitSet(setup.catalog().size());
    for (PeerStats p : peers) {
      if (p.heldAtEnd() != null) {
        for (int o : p.heldAtEnd()) {
          held.set(o);
        }
      }
    }
    return setup.catalog().size() - held.cardinality();
  }

  private static RunResult.OpSummary opSummary(
      OpType t, OpStats s, long messages, long bytes, boolean churn, boolean adversary) {
    Histogram lat = s.latencyMicros();
    Histogram hops = s.hops();
    boolean any = lat.getTotalCount() > 0;
    RunResult.Latency latency =
        new RunResult.Latency(
            any ? round(lat.getMean() / 1000.0) : 0,
            ms(lat, 50),
            ms(lat, 90),
            ms(lat, 99),
            ms(lat, 99.9),
            any ? round(lat.getMaxValue() / 1000.0) : 0);
    RunResult.Hops h =
        new RunResult.Hops(
            any ? round(hops.getMean()) : 0,
            any ? hops.getValueAtPercentile(50) : 0,
            any ? hops.getValueAtPercentile(99) : 0,
            any ? hops.getMaxValue() : 0);
    long count = s.count();
    RunResult.Messages m =
        new RunResult.Messages(
            count == 0 ? 0 : round((double) messages / count),
            messages,
            count == 0 ? 0 : round((double) bytes / count));
    Long fetchBytes = null;
    Double goodput = null;
    if (t == OpType.FETCH) {
      fetchBytes = s.bytes();
      goodput = s.fetchNanos() == 0 ? 0.0 : round(s.bytes() / (s.fetchNanos() / 1e9));
    }
    Double recall = null;
    if (t == OpType.SEARCH) {
      recall = s.recallCount() == 0 ? 0.0 : round(s.recallSum() / s.recallCount());
    }
    Double availability = null;
    Long notIssued = null;
    if (churn) {
      notIssued = s.failures().getOrDefault(Failures.CLIENT_DOWN, 0L);
      long issued = count - notIssued;
      availability = issued == 0 ? null : round((double) s.ok() / issued);
    }
    Long attacked = adversary ? s.marked(OpStats.ATTACKED) : null;
    Double poisoned = null;
    if (adversary && t == OpType.SEARCH) {
      long hits = s.marked(OpStats.HITS);
      poisoned = hits == 0 ? 0.0 : round((double) s.marked(OpStats.POISONED_HITS) / hits);
    }
    return new RunResult.OpSummary(
        count, s.ok(), s.failed(), new LinkedHashMap<>(s.failures()), latency, h, m, fetchBytes,
        goodput, recall, availability, notIssued, attacked, poisoned);
  }

  private static RunResult.LoadSummary load(List<PeerStats> peers) {
    double[] handled = new double[peers.size()];
    double[] uploaded = new double[peers.size()];
    double serverUp = 0;
    double allUp = 0;
    double serverContent = 0;
    double allContent = 0;
    long rejected = 0;
    for (int i = 0; i < peers.size(); i++) {
      PeerStats p = peers.get(i);
      handled[i] = p.messagesHandled();
      uploaded[i] = p.bytesUploaded();
      allUp += p.bytesUploaded();
      allContent += p.contentBytesUploaded();
      rejected += p.chunksRejected();
      if (p.role() == Role.SERVER) {
        serverUp += p.bytesUploaded();
        serverContent += p.contentBytesUploaded();
      }
    }
    return new RunResult.LoadSummary(
        spread(handled),
        spread(uploaded),
        allUp == 0 ? 0 : round(serverUp / allUp),
        allContent == 0 ? 0 : round(serverContent / allContent),
        rejected,
        new RunResult.PerPeer(
            peers.stream().map(PeerStats::bytesUploaded).toList(),
            peers.stream().map(PeerStats::messagesHandled).toList()));
  }

  private static RunResult.Spread spread(double[] xs) {
    double max = 0;
    double sum = 0;
    for (double x : xs) {
      max = Math.max(max, x);
      sum += x;
    }
    return new RunResult.Spread(max, xs.length == 0 ? 0 : round(sum / xs.length), round(jain(xs)));
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : round(h.getValueAtPercentile(percentile) / 1000.0);
  }

  /** Rounds to 4 significant decimals after the point, so results.json stays readable. */
  static double round(double v) {
    return Math.round(v * 10_000.0) / 10_000.0;
  }
}
