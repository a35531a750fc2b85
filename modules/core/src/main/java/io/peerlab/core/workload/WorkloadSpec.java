package io.peerlab.core.workload;

/**
 * Who does which operation when (scenario keys {@code peerlab.workload.*}). Durations are in
 * nanoseconds.
 *
 * @param mode closed loop, open loop or flash crowd
 * @param clients number of peers that run an op script
 * @param ops measured operations in total, over all clients
 * @param warmupOps unmeasured operations in total, run before the measured ones
 * @param rate operations per second over all clients (open loop only)
 * @param thinkTimeNanos pause between a client's ops (closed loop only)
 * @param lookupShare share of lookups in the mix
 * @param searchShare share of searches in the mix
 * @param fetchShare share of fetches in the mix
 * @param opTimeoutNanos an op not finished after this long counts as failed
 * @param queryKeywords keywords per search query, taken from the target object's keywords
 */
public record WorkloadSpec(
    LoadMode mode,
    int clients,
    int ops,
    int warmupOps,
    double rate,
    long thinkTimeNanos,
    double lookupShare,
    double searchShare,
    double fetchShare,
    long opTimeoutNanos,
    int queryKeywords) {

  public WorkloadSpec {
    if (clients <= 0 || ops <= 0 || warmupOps < 0 || thinkTimeNanos < 0 || opTimeoutNanos <= 0
        || queryKeywords <= 0) {
      throw new IllegalArgumentException("invalid workload spec: " + this);
    }
    if (mode == LoadMode.OPEN && !(rate > 0)) {
      throw new IllegalArgumentException("open loop needs a positive rate");
    }
    double sum = lookupShare + searchShare + fetchShare;
    if (lookupShare < 0 || searchShare < 0 || fetchShare < 0 || Math.abs(sum - 1.0) > 1e-9) {
      throw new IllegalArgumentException("the op mix must be non-negative and sum to 1");
    }
  }
}
