package io.peerlab.runtime.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Marker;

/**
 * A Logback turbo filter that bounds what the loggers under some prefixes may write: at most
 * {@code perMinute} lines per logger in each minute; the first line held back in a minute is
 * announced, and the next minute's first line is preceded by how many were held back.
 *
 * <p>For Pekko's remoting loggers ({@code org.apache.pekko.remote}), whose lines are caused by
 * what arrives from the network: random bytes at a plain-TCP node's port made Artery's {@code
 * Decoder} and inbound compression tables write one warning per frame (85 MB of logs from 600 KB).
 * Logback's {@code DuplicateMessageFilter} does not bound these, because Pekko hands SLF4J a
 * formatted message that differs in every line (a version byte, an origin uid). In logback.xml:
 *
 * <pre>{@code
 * <turboFilter class="io.peerlab.runtime.cluster.NetworkLogLimit">
 *   <prefix>org.apache.pekko.remote</prefix>
 *   <perMinute>3</perMinute>
 * </turboFilter>
 * }</pre>
 */
public final class NetworkLogLimit extends TurboFilter {
  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  private final List<String> prefixes = new CopyOnWriteArrayList<>();
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private volatile int perMinute = 3;

  public NetworkLogLimit() {
    this(System::nanoTime);
  }

  /** With a clock in nanoseconds (tests). */
  NetworkLogLimit(LongSupplier clock) {
    this.clock = clock;
  }

  /** Loggers whose names start with {@code prefix} are bounded (repeatable). */
  public void addPrefix(String prefix) {
    prefixes.add(prefix);
  }

  /** Lines each bounded logger may write per minute. */
  public void setPerMinute(int perMinute) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("perMinute must be at least 1, got " + perMinute);
    }
    this.perMinute = perMinute;
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // format is null when a caller only asks whether a level is enabled; lines below the logger's
    // level would be dropped anyway and must not use up its lines.
    if (format == null || !isStarted() || !level.isGreaterOrEqual(logger.getEffectiveLevel()) || !bounded(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    Window w = windows.computeIfAbsent(logger.getName(), n -> new Window(clock.getAsLong()));
    long heldBack;
    boolean firstHeld;
    boolean pass;
    synchronized (w) {
      long now = clock.getAsLong();
      heldBack = 0;
      if (now - w.start >= MINUTE) {
        heldBack = w.held;
        w.start = now;
        w.lines = 0;
        w.held = 0;
      }
      pass = w.lines < perMinute;
      if (pass) {
        w.lines++;
      } else {
        w.held++;
      }
      firstHeld = !pass && w.held == 1;
    }
    Logger self = ((LoggerContext) getContext()).getLogger(NetworkLogLimit.class);
    if (heldBack > 0) {
      self.warn("{} more lines from {} were held back in the last minute", heldBack, logger.getName());
    }
    if (firstHeld) {
      self.warn("{} wrote {} lines this minute; holding back the rest of this minute (lines caused by what"
          + " arrives from the network are bounded)", logger.getName(), perMinute);
    }
    return pass ? FilterReply.NEUTRAL : FilterReply.DENY;
  }

  private boolean bounded(String name) {
    for (String p : prefixes) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static final class Window {
    long start;
    int lines;
    long held;

    Window(long start) {
      this.start = start;
    }
  }
}
