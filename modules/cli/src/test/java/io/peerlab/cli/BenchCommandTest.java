package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peerlab bench} without running JMH: help and bad input (the JMH command line and staleness: BenchJarTest). */
class BenchCommandTest {

  @Test
  void help_namesBothProfiles_theSummary_andThePassThroughToJmh() {
    CliTest.Result r = CliTest.run("bench", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("--profile", "--out", "--jar", "--deadline", "quick", "full", "summary",
            BenchCommand.QUICK_RUNS, "'-- -h' shows JMH's own help", "Exit codes");
    assertThat(CliTest.run("--help").out()).contains("bench");
  }

  @Test
  void badInput_exitsWith2_andNamesTheOption(@TempDir Path dir) {
    CliTest.Result profile = CliTest.run("bench", "--profile", "fast");
    assertThat(profile.code()).isEqualTo(2);
    assertThat(profile.err()).startsWith("peerlab: --profile must be quick or full, not 'fast'");

    CliTest.Result deadline = CliTest.run("bench", "--deadline", "5q");
    assertThat(deadline.code()).isEqualTo(2);
    assertThat(deadline.err()).startsWith("peerlab: --deadline must be a duration such as 30m or 2h");

    CliTest.Result jar = CliTest.run("bench", "--jar", dir.resolve("nope.jar").toString());
    assertThat(jar.code()).isEqualTo(2);
    assertThat(jar.err()).startsWith("peerlab: no benchmarks jar at ").doesNotContain("\tat ");

    CliTest.Result summary = CliTest.run("bench", "summary", dir.resolve("nope.json").toString());
    assertThat(summary.code()).isEqualTo(2);
    assertThat(summary.err().trim()).isEqualTo("peerlab: no such file: " + dir.resolve("nope.json"));
  }
}
