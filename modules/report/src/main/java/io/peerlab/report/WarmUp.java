package io.peerlab.report;

import io.peerlab.report.Charts.Line;
import io.peerlab.report.Charts.Marker;
import io.peerlab.report.Charts.XAxis;
import io.peerlab.scenario.ResultsWriter;
import java.util.List;

/**
 * What a run's end needs, made ready on a thread of its own while the run is still going (a sim
 * run leaves the second core mostly idle): results.json's writer ({@link ResultsWriter#warmUp})
 * and, when a report is to be written, one small chart of each kind the report draws (percentile
 * lines with a marker, a Lorenz curve, bars), drawn and thrown away. Loading and initialising
 * JFreeChart, JFreeSVG, Java2D's fonts and the classes they use is most of what a small run's
 * report costs. What is written
 * afterwards is the same; it only finds the classes ready (and some of their code compiled).
 */
public final class WarmUp {
  private WarmUp() {}

  private static final java.util.concurrent.atomic.AtomicReference<Thread> STARTED =
      new java.util.concurrent.atomic.AtomicReference<>();

  /**
   * Starts the warm-up on a daemon thread (it never delays the exit), once per process; the
   * thread. The first call decides whether charts are drawn.
   */
  public static Thread start(boolean charts) {
    Thread running = STARTED.get();
    if (running != null) {
      return running;
    }
    Thread t = thread(charts);
    if (!STARTED.compareAndSet(null, t)) {
      return STARTED.get();
    }
    t.start();
    return t;
  }

  private static Thread thread(boolean charts) {
    Thread t = new Thread(() -> {
      try {
        ResultsWriter.warmUp();
      } catch (RuntimeException | LinkageError e) {
        // left for the real write to meet
      }
      if (charts) {
        charts();
      }
    }, "peerlab-warm-up");
    t.setDaemon(true);
    return t;
  }

  /** The charts, drawn and discarded; any failure is left for the real report to meet. */
  static int charts() {
    try {
      double[] x = {1, 2, 10, 100};
      List<Line> lines = List.of(new Line("a", 0, false, x, new double[] {1, 2, 4, 8}),
          new Line("b", 1, true, x, new double[] {1, Double.NaN, 3, 5}));
      int n = Charts.svg(Charts.lines("warm-up", XAxis.NINES, "percentile", "ms", false, lines,
          List.of(new Marker(1, "measure", 2))), "warm-up-1").length();
      n += Charts.svg(Charts.lines("warm-up", XAxis.PERCENT, "share", "share", true, lines, List.of()),
          "warm-up-2").length();
      n += Charts.svg(Charts.bars("warm-up", "ops/s", List.of("ops"), List.of("a", "b"),
          new double[][] {{1.5, 2.5}}, v -> String.valueOf(v), false, new int[] {0, 1}), "warm-up-3").length();
      return n;
    } catch (RuntimeException | LinkageError e) {
      return 0;
    }
  }
}
