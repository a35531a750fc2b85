package io.peerlab.core.metrics;

import java.util.List;
import java.util.Map;

/**
 * One entry of results.json's {@code runs}: one topology's figures, in groups. The JSON is flat:
 * the groups' fields are written in place of the groups, in this order (docs/results.md), by
 * the scenario module's ResultsWriter; nullable fields are left out of the JSON when null. Times
 * are in milliseconds of the host's clock (virtual on sim).
 *
 * @param identity what ran, and where
 * @param timing how long it took, and how fast it went
 * @param figures what the ops did, and what they cost
 * @param health what went wrong
 * @param members cluster runtime only: what each member hosted and carried; null (left out of
 *     the JSON) on the other runtimes
 * @param sweep the swept keys' values this run was made with (a sweep only; else null)
 * @param bounds the textbook distribution-time bounds of this run's flash crowd (else null)
 * @param timeline the measured ops per interval of the host clock (when asked for; else null)
 * @param intervals what {@code timeline} was made from, with per-interval histograms (for
 *     HdrHistogram interval logs); not part of results.json
 */
public record RunResult(
    Identity identity,
    Timing timing,
    Figures figures,
    Health health,
    List<MemberFigures> members,
    Map<String, Object> sweep,
    Bounds bounds,
    Timeline timeline,
    IntervalSeries intervals) {

  /** A run without sweep values, bounds or timeline. */
  public RunResult(
      Identity identity, Timing timing, Figures figures, Health health, List<MemberFigures> members) {
    this(identity, timing, figures, health, members, null, null, null, null);
  }

  /** This run, tagged with the sweep values it was made with. */
  public RunResult withSweep(Map<String, Object> values) {
    return new RunResult(identity, timing, figures, health, members, values, bounds, timeline, intervals);
  }

  /**
   * Kurose &amp; Ross's minimum distribution times for this run's N, F, u_s, u and d
   * ({@link DistributionBounds}), in milliseconds.
   *
   * @param dcsMs client-server: max(N·F/u_s, F/d_min)
   * @param dp2pMs peer-to-peer: max(F/u_s, F/d_min, N·F/(u_s + Σu_i))
   */
  public record Bounds(double dcsMs, double dp2pMs) {}

  /**
   * The measured ops per interval of the host clock. Every array has one element per interval;
   * an element is null where there is nothing to measure (no op ended, or none ended ok).
   *
   * @param intervalMs the interval's length
   * @param tMs end of each interval, from the start of the run
   * @param opsPerSec measured ops (all types) that ended in the interval, per second
   * @param success share of those that succeeded
   * @param p50Ms median latency of the ok ops that ended in the interval (all types)
   * @param p99Ms their 99th percentile
   * @param ops the same per op type, with ops issued
   * @param phases each phase the run began, and when
   * @param alivePeers peers online at the end of each interval (runs with churn or failures only;
   *     else null)
   * @param maintenanceMessages messages sent for no op (upkeep: stabilisation, pings, refresh,
   *     republish, repair) in each interval of the measured phase
   */
  public record Timeline(
      double intervalMs,
      List<Double> tMs,
      List<Double> opsPerSec,
      List<Double> success,
      List<Double> p50Ms,
      List<Double> p99Ms,
      Map<String, OpTimeline> ops,
      List<PhaseStart> phases,
      List<Integer> alivePeers,
      List<Long> maintenanceMessages) {}

  /**
   * One op type per interval.
   *
   * @param issued measured ops whose (intended) start fell in the interval
   * @param ok ops that ended ok in the interval
   * @param failed ops that failed in the interval (ops the run never started fail at its end)
   * @param p50Ms median latency of the ok ones, null if none
   * @param p99Ms their 99th percentile, null if none
   */
  public record OpTimeline(
      List<Long> issued, List<Long> ok, List<Long> failed, List<Double> p50Ms, List<Double> p99Ms) {}

  /** A phase began at {@code startMs} of the run clock. */
  public record PhaseStart(String phase, double startMs) {}

  /**
   * @param topology the topology's name
   * @param transfer the transfer strategy's name
   * @param runtime the host: sim, local or cluster
   * @param peers peers in the run, servers included
   */
  public record Identity(String topology, String transfer, String runtime, int peers) {}

  /**
   * @param durationMs length of the measured phase
   * @param wallTimeMs wall-clock time of the whole run on this machine (all phases); not
   *     deterministic
   * @param throughputOpsPerSec successful measured ops per second of the measured phase
   * @param distributionTimeMs flash-crowd only: first op start to last op completion
   * @param deadlineHit true when the run was cut short by its deadline
   */
  public record Timing(
      double durationMs,
      Double wallTimeMs,
      double throughputOpsPerSec,
      Double distributionTimeMs,
      boolean deadlineHit) {}

  /**
   * @param ops per op type that the script contains: lookup, search, fetch
   * @param messages all messages sent during the measured phase, by op type (including "other")
   * @param load how evenly work fell on peers
   * @param maintenance upkeep traffic: messages sent for no op, per online peer and second
   * @param dataLoss runs with churn or failures: objects that no online peer held when the run
   *     ended (else null)
   */
  public record Figures(
      Map<String, OpSummary> ops,
      Map<String, Long> messages,
      LoadSummary load,
      Maintenance maintenance,
      Integer dataLoss,
      FreeRiders freeRiders,
      Adversary adversary) {}

  /**
   * Runs with {@code adversary.fraction > 0} (docs/adversary.md): who attacked and what it cost.
   *
   * @param behaviour drop, misroute, poison or free-ride
   * @param placement random or targeted (targeted falls back to the peers' own ids where ids are
   *     costly: {@code idsChosen} is then false)
   * @param malicious malicious peers in the run
   * @param idsChosen true when the malicious peers took ids next to the attacked keys
   * @param targets the attacked objects (the most popular ones)
   * @param wastedBytes content bytes downloaded and then thrown away: chunks that failed their
   *     SHA-256 check, and objects whose manifest was forged
   */
  public record Adversary(
      String behaviour,
      String placement,
      int malicious,
      boolean idsChosen,
      int targets,
      long wastedBytes) {}

  /**
   * Swarms with {@code swarm.free-riders}: how the downloaders that never upload fared against the
   * others (tit-for-tat at work). Latencies of successful fetches in milliseconds; null where the
   * group had none.
   *
   * @param count free-riders
   * @param fetchOk fetches the free-riders completed
   * @param fetchP50Ms their median download time
   * @param compliantFetchOk fetches the other clients completed
   * @param compliantFetchP50Ms their median download time
   */
  public record FreeRiders(
      int count, long fetchOk, Double fetchP50Ms, long compliantFetchOk, Double compliantFetchP50Ms) {}

  /**
   * Traffic spent on keeping the overlay up rather than on ops (Li et al. 2005 plot lookup success
   * against exactly this): messages whose op token is none, sent during the measured phase.
   *
   * @param messagesPerPeerSecond maintenance messages per online peer per second
   * @param bytesPerPeerSecond their wire bytes per online peer per second
   * @param messages all maintenance messages of the measured phase
   * @param bytes their wire bytes
   */
  public record Maintenance(
      double messagesPerPeerSecond, double bytesPerPeerSecond, long messages, long bytes) {}

  /**
   * @param messagesLost messages the network model dropped
   * @param events messages delivered plus timers fired, over the whole run
   * @param notes what went wrong, one line each
   * @param errors exceptions thrown by peer logic during the run (0 in a healthy run)
   */
  public record Health(long messagesLost, long events, List<String> notes, int errors) {}

  /**
   * One op type's figures. {@code availability} is ok / issued, where issued leaves out {@code
   * notIssued}: ops that fell due while their client was down (churn), which are also counted
   * under {@code failures["client-down"]}. Both are null when the run has no churn or failures.
   * {@code attacked} counts the ops (ok or failed) whose answer came from a malicious peer: a
   * lookup answered by one, a search with a poisoned hit, a fetch given a forged manifest; {@code
   * poisonedResults} is the share of search hits that were poisoned. Both are null when the run
   * has no adversary ({@code poisonedResults} also for lookups and fetches).
   */
  public record OpSummary(
      long count,
      long ok,
      long failed,
      Map<String, Long> failures,
      Latency latencyMs,
      Hops hops,
      Messages messages,
      Long bytes,
      Double goodputBytesPerSec,
      Double recall,
      Double availability,
      Long notIssued,
      Long attacked,
      Double poisonedResults) {}

  /** Latency of successful ops in milliseconds. */
  public record Latency(double mean, double p50, double p90, double p99, double p999, double max) {}

  /** Hops of successful ops: peer-to-peer messages on the path to the peer that answered. */
  public record Hops(double mean, double p50, double p99, double max) {}

  /**
   * Messages sent on behalf of ops of this type (requests, forwards, replies, chunks), divided by
   * the number of ops; {@code bytesMean} likewise for wire bytes.
   */
  public record Messages(double mean, long total, double bytesMean) {}

  /** The spread of one per-peer quantity over all peers. */
  public record Spread(double max, double mean, double jain) {}

  /**
   * @param messagesHandled messages each peer received during the measured phase
   * @param bytesUploaded wire bytes each peer sent during the measured phase
   * @param serverShareOfUpload share of all uploaded wire bytes sent by SERVER peers
   * @param serverShareOfContent share of uploaded content (chunk) bytes sent by SERVER peers
   * @param chunksRejected chunks that failed their SHA-256 check
   * @param perPeer the per-peer figures behind the two spreads, one value per peer by address
   */
  public record LoadSummary(
      Spread messagesHandled,
      Spread bytesUploaded,
      double serverShareOfUpload,
      double serverShareOfContent,
      long chunksRejected,
      PerPeer perPeer) {}

  /** Per peer, in address order: wire bytes sent and messages received in the measured phase. */
  public record PerPeer(List<Long> bytesUploaded, List<Long> messagesHandled) {}
}
