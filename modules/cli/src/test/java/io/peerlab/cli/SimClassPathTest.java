package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sim class path ({@link SimClassPath}, scripts/sim-classpath.txt): sim runs of every
 * topology, op and option the CDS training scenario covers, and of the churn, adversary and
 * flash-crowd scenarios, run in a child JVM on exactly the jars the launcher gives a sim run; a run
 * that needs more (the local runtime) moves to the whole class path and ends as it would there.
 */
class SimClassPathTest {

  /** The launcher's list, read from the repository (one jar-name prefix a line, # comments). */
  static List<String> prefixes() throws IOException {
    Path list = Path.of("../../scripts/sim-classpath.txt"); // tests run in modules/cli
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(list)) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(l);
      }
    }
    return out;
  }

  /**
   * This test's class path cut as the launcher cuts its own: class folders (peerlab's modules in
   * a reactor build) and the jars whose name starts with a listed prefix.
   */
  static String simClassPath() throws IOException {
    List<String> prefixes = prefixes();
    List<String> kept = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(e);
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      if (Files.isDirectory(p) || prefixes.stream().anyMatch(name::startsWith)) {
        kept.add(e);
      }
    }
    return String.join(File.pathSeparator, kept);
  }

  private record Ended(int code, String err) {}

  private static Ended run(List<String> jvm, String classPath, String... args)
      throws IOException, InterruptedException {
    List<String> options = new ArrayList<>(List.of("-Xmx512m"));
    options.addAll(jvm);
    Process p = InterruptTest.commandOn(options, classPath, args);
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(4, TimeUnit.MINUTES)).as("the run ends").isTrue();
    return new Ended(p.exitValue(), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void theSimClassPathLeavesPekkoOut() throws IOException {
    String cp = simClassPath();
    assertThat(cp).contains("peerlab-").contains("config-").doesNotContain("pekko-actor")
        .doesNotContain("scala-library").doesNotContain("bcprov");
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void simRuns_needNoOtherJar(@TempDir Path dir) throws Exception {
    String cp = simClassPath();
    Ended training = run(List.of(), cp, "run", "../../scripts/cds-training.conf", "--quiet",
        "--out", dir.resolve("training").toString());
    assertThat(training.code()).as(training.err()).isZero();
    assertThat(dir.resolve("training/report.html")).isNotEmptyFile();
    // Churn, adversaries and a swarm's flash crowd: the sim scenarios beyond the training's.
    for (String scenario : List.of("churn", "adversary", "flash-crowd-sweep")) {
      Ended e = run(List.of(), cp, "run", "../../config/scenarios/" + scenario + ".conf", "--quiet",
          "--out", dir.resolve(scenario).toString(), "--set", "peers=64", "--set", "workload.clients=32",
          "--set", "workload.ops=200", "--set", "workload.warmup-ops=0");
      assertThat(e.code()).as(scenario + ": " + e.err()).isZero();
      assertThat(dir.resolve(scenario + "/results.json")).isNotEmptyFile();
    }
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aLocalRun_movesToTheWholeClassPath(@TempDir Path dir) throws Exception {
    String cp = simClassPath();
    String[] args = {"run", CliTest.QUICKSTART, "--runtime", "local", "--quiet", "--no-report",
        "--set", "topologies=[client-server]", "--set", "workload.ops=60", "--set",
        "workload.warmup-ops=0", "--out", ""};
    // Without the whole class path named, the sim class path cannot run it: the check can fail.
    args[args.length - 1] = dir.resolve("alone").toString();
    Ended alone = run(List.of(), cp, args);
    assertThat(alone.code()).as("a local run on the sim class path alone").isNotZero();
    assertThat(alone.err()).contains("NoClassDefFoundError"); // (Logback's, before Pekko's)

    args[args.length - 1] = dir.resolve("moved").toString();
    Ended moved = run(
        List.of("-D" + SimClassPath.FULL_PROPERTY + "=" + System.getProperty("java.class.path")), cp,
        args);
    assertThat(moved.code()).as(moved.err()).isZero();
    assertThat(Files.readString(dir.resolve("moved/results.json"))).contains("\"local\"");
  }
}
