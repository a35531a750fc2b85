package io.peerlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerlab.scenario.ResultsWriter;
import io.peerlab.scenario.ScenarioReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a run's results on disk whatever happens to the process. Every finished topology's report
 * is written at once ({@link #checkpoint}, status running). On SIGINT or SIGTERM the JVM runs this
 * guard's shutdown hook: it sets {@link #stopped()} (the runner cuts the topology short and starts
 * no other), waits up to {@link #GRACE_SECONDS} for the run to write its own results marked
 * interrupted, and if the run has not done so by then writes the last checkpoint itself, marked
 * interrupted. It closes the trace (on a whole line) either way. The JVM then exits with 130 (INT)
 * or 143 (TERM), as it does for a signal.
 */
final class RunGuard implements AutoCloseable {
  /** How long the hook waits for the run to stop and write before writing the last checkpoint. */
  static final long GRACE_SECONDS = 8;

  private final Path dir;
  private final PrintStream err;
  private final TraceWriter trace;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final CountDownLatch written = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onSignal, "peerlab-interrupt");
  private volatile ScenarioReport last;
  /** The first results' write while it may still be going (main thread only). */
  private FutureTask<?> first;
  private volatile boolean finished;

  RunGuard(Path dir, PrintStream err, TraceWriter trace) {
    this.dir = dir;
    this.err = err;
    this.trace = trace;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** True once SIGINT/SIGTERM arrived. */
  boolean stopped() {
    return stop.get();
  }

  /** The report so far, after a topology: written now, and kept for the hook. */
  void checkpoint(ScenarioReport report) {
    awaitFirst();
    last = report;
    ResultsWriter.write(report, dir);
  }

  /**
   * The report before the first topology (no runs yet), written on a thread of its own while the
   * run builds its peers: the first results.json of a process starts Jackson cold, a fifth of a
   * second the main thread does not wait for. Every later write waits for this one first, so the
   * files end as the run's last write left them.
   */
  void firstCheckpoint(ScenarioReport report) {
    awaitFirst();
    last = report;
    first = new FutureTask<>(() -> ResultsWriter.write(report, dir), null);
    Thread t = new Thread(first, "peerlab-first-results");
    t.setDaemon(true);
    t.start();
  }

  private void awaitFirst() {
    FutureTask<?> f = first;
    if (f == null) {
      return;
    }
    first = null;
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The report after the last topology, kept for the hook but not written: {@link #finish} writes
   * the same runs a moment later (a run of 10^5 peers would otherwise write its results twice).
   */
  void hold(ScenarioReport report) {
    last = report;
  }

  /**
   * The report at the end (complete, interrupted or failed): written. The hook waits on until
   * {@link #close}, so the command prints its table before the JVM exits.
   */
  JsonNode finish(ScenarioReport report) {
    awaitFirst();
    last = report;
    return ResultsWriter.write(report, dir);
  }

  /** The last report written, or null before the first topology ended. */
  ScenarioReport last() {
    return last;
  }

  private void onSignal() {
    if (finished) {
      return;
    }
    stop.set(true);
    err.println("peerlab: interrupted; stopping the run and writing the results so far to " + dir);
    try {
      if (!written.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
        ScenarioReport r = last;
        if (r != null) {
          ResultsWriter.write(r.withStatus(ScenarioReport.INTERRUPTED), dir);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      err.println("peerlab: could not write the results: " + e.getMessage());
    } finally {
      closeTrace();
    }
  }

  private void closeTrace() {
    if (trace != null) {
      try {
        trace.close();
      } catch (RuntimeException e) {
        err.println("peerlab: could not close the trace: " + e.getMessage());
      }
    }
  }

  /** The run is over and its results written: a later exit is not an interruption. */
  @Override
  public void close() {
    try {
      awaitFirst(); // a run that failed early still leaves its first results.json
    } catch (RuntimeException e) {
      err.println("peerlab: could not write the results: " + e.getMessage());
    }
    finished = true;
    written.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down (a signal): the hook runs and sees the run finished.
    }
  }
}
