package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peerlab bench} without running JMH: help, bad input, the JMH command line, staleness. */
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

  @Test
  void jmhArgs_takeTheProfile_exceptWhereTheUserGaveTheSameOptionOrParam() {
    Path json = Path.of("out", "jmh.json");
    List<String> args =
        BenchCommand.jmhArgs(
            BenchCommand.QUICK,
            List.of("TopologyBench", "-f", "2", "-p", "peers=1024", "-p", "topology=client-server"),
            json);

    assertThat(String.join(" ", args))
        .isEqualTo("-wi 1 -w 500ms -i 3 -r 500ms -p simPeers=1024 -p delayMicros=1000"
            + " TopologyBench -f 2 -p peers=1024 -p topology=client-server -rf json -rff "
            + json);
  }

  @Test
  void jmhArgs_keepTheUsersResultFormatAndFile() {
    List<String> args =
        BenchCommand.jmhArgs(List.of(), List.of("-rf", "csv", "-rff", "r.csv"), Path.of("x.json"));
    assertThat(args).containsExactly("-rf", "csv", "-rff", "r.csv");
  }

  @Test
  void jar_isStale_whenASourceOrPomOfItsModulesIsNewer_butNotForTheCli(@TempDir Path root)
      throws Exception {
    Path jar = write(root.resolve("bench/target/benchmarks.jar"), 100);
    write(root.resolve("pom.xml"), 50);
    write(root.resolve("bench/pom.xml"), 50);
    write(root.resolve("bench/src/main/java/A.java"), 50);
    write(root.resolve("modules/core/pom.xml"), 50);
    Path core = write(root.resolve("modules/core/src/main/java/B.java"), 50);
    write(root.resolve("modules/cli/src/main/java/C.java"), 200);
    write(root.resolve("modules/core/src/test/java/BTest.java"), 200);
    write(root.resolve("modules/core/target/classes/B.class"), 200);

    assertThat(BenchCommand.stale(root, jar)).isFalse();

    Files.setLastModifiedTime(core, FileTime.from(Instant.ofEpochSecond(150)));
    assertThat(BenchCommand.stale(root, jar)).isTrue();
  }

  private static Path write(Path file, long epochSecond) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x");
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(epochSecond)));
    return file;
  }
}
