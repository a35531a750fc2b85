package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code peerlab demo}'s command line: its options, and bad input as one line with exit code 2. */
class DemoCommandTest {

  @Test
  void help_namesEveryOption_andItsDefault() {
    CliTest.Result help = CliTest.run("demo", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("SCENARIO", "--port", "8080", "--bind", "127.0.0.1", "--slowdown", "50",
        "--set", "--vs", "--start", "--for");
    assertThat(CliTest.run("--help").out()).contains("demo");
  }

  @Test
  void badInput_isOneLine_exitCode2() {
    CliTest.Result slowdown = CliTest.run("demo", "--slowdown", "0");
    assertThat(slowdown.code()).isEqualTo(2);
    assertThat(slowdown.err().trim()).isEqualTo("peerlab: --slowdown: must be a number of 1 or more, got 0.0");

    CliTest.Result missing = CliTest.run("demo", "nope.conf");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).startsWith("peerlab: cannot read scenario file 'nope.conf'");
    assertThat(missing.err().lines().count()).isEqualTo(1);

    CliTest.Result badKey = CliTest.run("demo", "--set", "workload.opz=3");
    assertThat(badKey.code()).isEqualTo(2);
    assertThat(badKey.err()).contains("'peerlab.workload.opz': unknown key").doesNotContain("\tat ");

    CliTest.Result badVs = CliTest.run("demo", "--vs", "swarm");
    assertThat(badVs.code()).isEqualTo(2);
    assertThat(badVs.err().trim()).isEqualTo("peerlab: --vs: expected key=value, got 'swarm'");

    CliTest.Result badFor = CliTest.run("demo", "--for", "soon");
    assertThat(badFor.code()).isEqualTo(2);
    assertThat(badFor.err().trim()).isEqualTo("peerlab: --for: must be a duration such as 90s or 2h, got 'soon'");
  }

  @Test
  void aPortInUse_isOneLine_exitCode1_andTheDemoStops() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliTest.Result r = CliTest.run("demo", "--port", String.valueOf(taken.getLocalPort()), "--for", "10s");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err().trim()).startsWith("peerlab: demo: cannot listen on 127.0.0.1:" + taken.getLocalPort());
      assertThat(r.err().lines().count()).isEqualTo(1);
    }
  }

  @Test
  void servesForItsDeadline_thenStops() {
    CliTest.Result r = CliTest.run("demo", "--port", "0", "--for", "2s", "--start", "--slowdown", "1");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("peerlab demo: open http://127.0.0.1:", "peerlab demo: stopped after 2s");
  }
}
