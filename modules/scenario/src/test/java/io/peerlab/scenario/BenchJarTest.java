package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks jar without running JMH: the JMH command line and staleness. */
class BenchJarTest {

  /** peerlab bench's quick profile. */
  private static final List<String> QUICK =
      List.of("-f 1 -wi 1 -w 500ms -i 3 -r 500ms -p peers=64 -p simPeers=1024 -p delayMicros=1000".split(" "));

  @Test
  void jmhArgs_takeTheProfile_exceptWhereTheUserGaveTheSameOptionOrParam() {
    Path json = Path.of("out", "jmh.json");
    List<String> args =
        BenchJar.jmhArgs(
            QUICK,
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
        BenchJar.jmhArgs(List.of(), List.of("-rf", "csv", "-rff", "r.csv"), Path.of("x.json"));
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

    assertThat(BenchJar.stale(root, jar)).isFalse();

    Files.setLastModifiedTime(core, FileTime.from(Instant.ofEpochSecond(150)));
    assertThat(BenchJar.stale(root, jar)).isTrue();
  }

  private static Path write(Path file, long epochSecond) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x");
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(epochSecond)));
    return file;
  }
}
