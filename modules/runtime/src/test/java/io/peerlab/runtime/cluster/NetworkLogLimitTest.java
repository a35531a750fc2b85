package io.peerlab.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bound on lines from network-facing loggers, on a private Logback context and a stub clock. */
class NetworkLogLimitTest {
  private final AtomicLong now = new AtomicLong();
  private final LoggerContext context = new LoggerContext();
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void configure() {
    NetworkLogLimit limit = new NetworkLogLimit(now::get);
    limit.addPrefix("org.apache.pekko.remote");
    limit.setPerMinute(3);
    limit.setContext(context);
    limit.start();
    context.addTurboFilter(limit);
    lines.setContext(context);
    lines.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(lines);
  }

  @Test
  void aThousandWarningsInAMinute_writeThreeAndOneNotice_thenACountOfTheRest() {
    Logger decoder = context.getLogger("org.apache.pekko.remote.artery.Decoder");
    for (int i = 0; i < 1000; i++) {
      decoder.warn("Dropping message due to: version [" + i + "]");
    }
    assertThat(lines.list).hasSize(4);
    assertThat(lines.list.get(3).getFormattedMessage()).contains("holding back");

    now.addAndGet(TimeUnit.SECONDS.toNanos(61));
    decoder.warn("one more");

    assertThat(lines.list).hasSize(6);
    assertThat(lines.list.get(4).getFormattedMessage())
        .isEqualTo("997 more lines from org.apache.pekko.remote.artery.Decoder were held back in the last minute");
    assertThat(lines.list.get(5).getFormattedMessage()).isEqualTo("one more");
  }

  @Test
  void otherLoggers_andLevelChecks_areNotBounded() {
    Logger cluster = context.getLogger("org.apache.pekko.cluster.Cluster");
    Logger decoder = context.getLogger("org.apache.pekko.remote.artery.Decoder");
    for (int i = 0; i < 100; i++) {
      cluster.warn("member " + i + " is unreachable");
      assertThat(decoder.isWarnEnabled()).isTrue();
    }
    assertThat(lines.list).hasSize(100);
    decoder.warn("first");
    assertThat(lines.list).hasSize(101);
  }
}
