package io.peerlab.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.api.Directory;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.metrics.RunResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.opentest4j.AssertionFailedError;

/**
 * What a {@link ProtocolRun} did, and the checks peerlab applies to its own overlays. Each check
 * returns this report, so they chain; a failed check is a JUnit failure that says which op, key or
 * figure broke it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ProtocolReport {
  private final RunSetup setup;
  private final RunResult result;
  private final List<LookupAnswer> answers;

  ProtocolReport(RunSetup setup, RunResult result, List<LookupAnswer> answers) {
    this.setup = setup;
    this.result = result;
    this.answers = List.copyOf(answers);
  }

  /** The run's figures, as one entry of results.json. */
  public RunResult result() {
    return result;
  }

  /** Every peer of the run, with its key. */
  public Directory directory() {
    return setup.directory();
  }

  /** Every lookup answered, in the order answers arrived. */
  public List<LookupAnswer> answers() {
    return answers;
  }

  /** Mean hops of the answered lookups, as the protocol reported them. */
  public double meanHops() {
    return answers.stream().mapToInt(LookupAnswer::hops).average().orElse(Double.NaN);
  }

  /** Every op of every type succeeded, no peer threw, and the run was not cut short. */
  public ProtocolReport assertAllOpsSucceeded() {
    for (Map.Entry<String, RunResult.OpSummary> e : result.figures().ops().entrySet()) {
      RunResult.OpSummary s = e.getValue();
      if (s.failed() > 0 || s.ok() != s.count()) {
        throw new AssertionFailedError(
            s.failed() + " of " + s.count() + " " + e.getKey() + " ops failed: " + s.failures()
                + "; notes: " + result.health().notes());
      }
    }
    if (result.health().errors() > 0 || result.timing().deadlineHit()) {
      throw new AssertionFailedError("the run was not clean: " + result.health().notes());
    }
    return this;
  }

  /**
   * Every lookup was answered by exactly the peers {@code oracle} names for its key (compared
   * over the oracle's length: a protocol may name more).
   */
  public ProtocolReport assertEveryLookupAnsweredBy(Oracle oracle) {
    if (answers.isEmpty()) {
      throw new AssertionFailedError("no lookup was answered");
    }
    for (LookupAnswer a : answers) {
      int[] expected = oracle.responsible(setup.directory(), a.key());
      int[] got = Arrays.copyOf(a.responsible(), Math.min(expected.length, a.responsible().length));
      if (!Arrays.equals(expected, got)) {
        throw new AssertionFailedError(
            a + ", but the oracle names " + Arrays.toString(expected), Arrays.toString(expected),
            Arrays.toString(a.responsible()));
      }
    }
    return this;
  }

  /** The mean of the hops the protocol reported is at most {@code bound}. */
  public ProtocolReport assertMeanHopsAtMost(double bound) {
    double mean = meanHops();
    if (!(mean <= bound)) {
      throw new AssertionFailedError(
          String.format(java.util.Locale.ROOT, "mean hops %.3f over %d lookups exceed the bound %.3f",
              mean, answers.size(), bound));
    }
    return this;
  }

  /** Searches found at least this share of the matching objects in the catalogue, on average. */
  public ProtocolReport assertSearchRecallAtLeast(double recall) {
    RunResult.OpSummary s = result.figures().ops().get("search");
    if (s == null || s.recall() == null) {
      throw new AssertionFailedError("the run had no searches");
    }
    if (!(s.recall() >= recall)) {
      throw new AssertionFailedError("search recall " + s.recall() + " is below " + recall);
    }
    return this;
  }

  /** Every answer and figure of the run as text; equal for equal runs. Wall time is left out. */
  public String fingerprint() {
    StringBuilder b = new StringBuilder();
    for (LookupAnswer a : answers) {
      b.append(a.origin()).append(' ').append(a.op()).append(' ').append(a.key().hex()).append(' ')
          .append(Arrays.toString(a.responsible())).append(' ').append(a.hops()).append('\n');
    }
    return b.append(result).toString();
  }
}
