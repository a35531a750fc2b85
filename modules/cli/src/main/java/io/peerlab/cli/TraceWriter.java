package io.peerlab.cli;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.run.MessageObserver;
import io.peerlab.core.run.ProgressListener;
import io.peerlab.scenario.ScenarioRunner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes every delivered message of a run to {@code trace-<topology>.csv}: time, sender,
 * receiver, message type, the op it served and its size. For teaching and debugging; large runs
 * make large files. Hosts deliver from one thread (the sim loop, the local delivery thread), but
 * writes are synchronised anyway.
 */
final class TraceWriter implements MessageObserver {
  private final Path dir;
  private BufferedWriter out;

  TraceWriter(Path dir) {
    this.dir = dir;
  }

  synchronized void open(String topology) {
    close();
    try {
      Files.createDirectories(dir);
      out = Files.newBufferedWriter(dir.resolve("trace-" + topology + ".csv"), StandardCharsets.UTF_8);
      out.write("time_ms,from,to,message,op,bytes\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the trace in " + dir + ": " + e.getMessage(), e);
    }
  }

  synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        out = null;
      }
    }
  }

  @Override
  public synchronized void delivered(long timeNanos, int from, int to, Message m) {
    if (out == null) {
      return;
    }
    try {
      out.write(String.format(Locale.ROOT, "%.3f,%d,%d,%s,%s,%d%n", timeNanos / 1e6, from, to,
          m.getClass().getSimpleName(), OpToken.format(m.op()), m.wireSize()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens and closes the per-topology files around each run. */
  ScenarioListenerDecorator around(ScenarioRunner.Listener inner) {
    return new ScenarioListenerDecorator(inner);
  }

  final class ScenarioListenerDecorator implements ScenarioRunner.Listener {
    private final ScenarioRunner.Listener inner;

    ScenarioListenerDecorator(ScenarioRunner.Listener inner) {
      this.inner = inner;
    }

    @Override
    public void topologyStarted(String topology, int index, int count, String runtime) {
      open(topology);
      inner.topologyStarted(topology, index, count, runtime);
    }

    @Override
    public ProgressListener progress() {
      return inner.progress();
    }

    @Override
    public void topologyFinished(RunResult result) {
      close();
      inner.topologyFinished(result);
    }
  }
}
