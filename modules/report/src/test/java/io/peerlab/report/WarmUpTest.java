package io.peerlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  @Test
  void warmUp_drawsEveryKindOfChartTheReportDraws_onADaemonThread() throws InterruptedException {
    // Three SVG documents, each with its axes and labels: a failure would have returned 0.
    assertThat(WarmUp.charts()).isGreaterThan(3 * 1000);
    Thread t = WarmUp.start(true);
    assertThat(t.isDaemon()).isTrue();
    t.join(TimeUnit.MINUTES.toMillis(1));
    assertThat(t.isAlive()).isFalse();
  }
}
