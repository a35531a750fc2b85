package io.peerlab.cli;

import io.peerlab.core.api.Phase;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.run.ProgressListener;
import io.peerlab.runtime.Durations;
import io.peerlab.scenario.ScenarioRunner;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar per topology on stderr. On a terminal it redraws one line a few times a second;
 * elsewhere (CI logs, pipes) it prints one line per phase and one per finished topology.
 */
final class ConsoleProgress implements ScenarioRunner.Listener, ProgressListener {
  private static final int BAR = 30;

  private final PrintStream err;
  private final boolean quiet;
  private final boolean tty = System.console() != null;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile Phase phase;
  private volatile int expected;
  private volatile String label = "";
  private volatile long startedAt;
  private Thread ticker;

  ConsoleProgress(PrintStream err, boolean quiet) {
    this.err = err;
    this.quiet = quiet;
  }

  @Override
  public void topologyStarted(String topology, int index, int count, String runtime) {
    label = String.format(Locale.ROOT, "[%d/%d] %-14s", index + 1, count, topology);
    startedAt = System.nanoTime();
    phase = null;
    expected = 0;
    done.set(0);
    failed.set(0);
    if (quiet) {
      return;
    }
    if (tty) {
      ticker = new Thread(this::tick, "peerlab-progress");
      ticker.setDaemon(true);
      ticker.start();
    } else {
      err.println(label + " on " + runtime);
    }
  }

  @Override
  public void sweepPointStarted(int index, int count, String values) {
    if (!quiet) {
      err.println((tty ? "\r" : "") + "sweep: value " + (index + 1) + " of " + count + " (" + values + ")");
    }
  }

  @Override
  public void status(String message) {
    if (!quiet) {
      err.println((tty ? "\r" : "") + "peerlab: " + message);
    }
  }

  @Override
  public ProgressListener progress() {
    return this;
  }

  @Override
  public void phaseStarted(Phase p, int ops) {
    done.set(0);
    failed.set(0);
    expected = ops;
    phase = p;
    if (!quiet && !tty) {
      err.println("  " + p.name().toLowerCase(Locale.ROOT) + (ops > 0 ? " (" + ops + " ops)" : ""));
    }
  }

  @Override
  public void opEnded(boolean ok, boolean measured) {
    done.incrementAndGet();
    if (!ok) {
      failed.incrementAndGet();
    }
  }

  @Override
  public void topologyFinished(RunResult result) {
    Thread t = ticker;
    ticker = null;
    if (t != null) {
      t.interrupt();
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (quiet) {
      return;
    }
    long ok = result.figures().ops().values().stream().mapToLong(RunResult.OpSummary::ok).sum();
    long bad = result.figures().ops().values().stream().mapToLong(RunResult.OpSummary::failed).sum();
    boolean interrupted = result.health().notes().contains(ScenarioRunner.INTERRUPTED_NOTE);
    String line = String.format(Locale.ROOT, "%s %s %s: %d ok, %d failed%s", label,
        interrupted ? "interrupted after" : "done in", Durations.human(System.nanoTime() - startedAt), ok, bad,
        result.timing().deadlineHit() ? " (deadline reached)" : "");
    err.println(tty ? "\r" + line + " ".repeat(20) : line);
  }

  private void tick() {
    while (!Thread.currentThread().isInterrupted()) {
      err.print("\r" + render());
      err.flush();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  String render() {
    Phase p = phase;
    int total = expected;
    long d = done.get();
    String name = p == null ? "starting" : p.name().toLowerCase(Locale.ROOT);
    if (total <= 0) {
      return String.format(Locale.ROOT, "%s %-8s [%s]", label, name, " ".repeat(BAR));
    }
    int filled = (int) Math.min(BAR, d * BAR / total);
    return String.format(Locale.ROOT, "%s %-8s [%s%s] %d/%d ops%s", label, name, "#".repeat(filled),
        ".".repeat(BAR - filled), d, total, failed.get() > 0 ? ", " + failed.get() + " failed" : "");
  }
}
