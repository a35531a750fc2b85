package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options {@code ./peerlab} adds, decided from the command line by
 * {@code scripts/jvm-defaults.sh} (which the launcher sources): the serial collector for sim runs,
 * C1 alone for small runs that fetch nothing, nothing for other runtimes and commands, and the
 * user's own collector in PEERLAB_JAVA_OPTS instead of ours; and which jars make the sim class path
 * (SimClassPathTest runs sim scenarios on the repository's list).
 */
class LauncherDefaultsTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final String SERIAL = "-XX:+UseSerialGC";
  private static final String C1 = "-XX:TieredStopAtLevel=1";
  private static final String PARALLEL = "-XX:+UseParallelGC";

  @Test
  void simRuns_getTheSerialCollector_andSmallLookupOnlyRunsC1Alone() throws Exception {
    // chord-scale.conf: runtime = sim, peers = 100000, mix fetch = 0.
    assertThat(opts("", "run", "config/scenarios/chord-scale.conf", "--set", "peers=50000"))
        .containsExactly(SERIAL);
    assertThat(opts("", "run", "config/scenarios/chord-scale.conf", "--set", "peers=1000"))
        .containsExactly(SERIAL, C1);
    assertThat(opts("", "run", "config/scenarios/chord-scale.conf", "--set", "peers=20001"))
        .containsExactly(SERIAL);
    // The quickstart fetches (SHA-256 of every chunk wants C2) and runs on local unless told.
    assertThat(opts("", "run", "config/scenarios/quickstart.conf")).isEmpty();
    assertThat(opts("", "run", "config/scenarios/quickstart.conf", "--runtime", "sim"))
        .containsExactly(SERIAL);
    assertThat(opts("", "run", "config/scenarios/quickstart.conf", "--runtime=sim",
        "--set", "workload.mix.fetch=0")).containsExactly(SERIAL, C1);
  }

  @Test
  void runsOfAboutTenToTheFivePeers_getTheParallelCollector_onTwoCoresOrMore() throws Exception {
    assertThat(opts("", Map.of("PEERLAB_CORES", "2"), "run", "config/scenarios/chord-scale.conf"))
        .containsExactly(PARALLEL);
    assertThat(opts("", Map.of("PEERLAB_CORES", "2"), "run", "config/scenarios/chord-scale.conf",
        "--set", "peers=50001")).containsExactly(PARALLEL);
    assertThat(opts("", Map.of("PEERLAB_CORES", "1"), "run", "config/scenarios/chord-scale.conf"))
        .containsExactly(SERIAL);
    // Beyond LARGE_SIM: the heap room of the million-peer runs.
    assertThat(opts("", Map.of("PEERLAB_CORES", "8"), "run", "config/scenarios/chord-scale.conf",
        "--set", "peers=1000000")).containsExactly(SERIAL);
    // The user's collector still wins.
    assertThat(opts("-XX:+UseG1GC", Map.of("PEERLAB_CORES", "2"), "run", "config/scenarios/chord-scale.conf"))
        .isEmpty();
  }

  @Test
  void otherRuntimesCommandsAndUnknownSizes_keepTheJvmDefaults(@TempDir Path dir) throws Exception {
    assertThat(opts("", "run", "config/scenarios/chord-scale.conf", "--runtime", "local")).isEmpty();
    assertThat(opts("", "run", "config/scenarios/chord-scale.conf", "--set", "runtime=cluster")).isEmpty();
    assertThat(opts("", "bench")).isEmpty();
    assertThat(opts("", "demo", "config/scenarios/chord-scale.conf")).isEmpty();
    // A sweep may go past the size in the file: not small as far as the launcher knows.
    assertThat(opts("", "run", "config/scenarios/chord-scale.conf", "--set", "peers=1000",
        "--sweep", "peers=1000,200000")).containsExactly(SERIAL);
    // A scenario file the launcher cannot read: nothing guessed.
    Path odd = Files.writeString(dir.resolve("odd.conf"), "include \"elsewhere.conf\"\n");
    assertThat(opts("", "run", odd.toString())).isEmpty();
    assertThat(opts("", "run", dir.resolve("missing.conf").toString())).isEmpty();
  }

  @Test
  void keysFromAnIncludedFile_count_andTheIncludingFilesOwnComeAfter(@TempDir Path dir) throws Exception {
    Path base = Files.writeString(dir.resolve("base.conf"),
        "peerlab {\n  runtime = sim\n  peers = 1000\n  workload.mix { lookup = 1, fetch = 0 }\n}\n");
    Files.createDirectories(dir.resolve("sub"));
    Path child = Files.writeString(dir.resolve("sub/child.conf"),
        "include \"../base.conf\"\npeerlab { name = child }\n");
    assertThat(opts("", "run", child.toString())).containsExactly(SERIAL, C1);
    // A later key of the including file wins, as in HOCON.
    Path bigger = Files.writeString(dir.resolve("bigger.conf"),
        "include file(\"" + base.getFileName() + "\")\npeerlab.peers = 100000\n");
    assertThat(opts("", Map.of("PEERLAB_CORES", "2"), "run", bigger.toString())).containsExactly(PARALLEL);
    // A sweep in the included file leaves the size unknown, unless the including file drops it.
    Path sweeping = Files.writeString(dir.resolve("sweeping.conf"),
        "include \"base.conf\"\npeerlab.sweep { key = peers, values = [1000, 300000] }\n");
    assertThat(opts("", "run", sweeping.toString())).containsExactly(SERIAL);
    Path dropped = Files.writeString(dir.resolve("dropped.conf"),
        "include \"sweeping.conf\"\npeerlab.sweep = null\n");
    assertThat(opts("", "run", dropped.toString())).containsExactly(SERIAL, C1);
    // An include of itself ends (four levels at most).
    Path loop = Files.writeString(dir.resolve("loop.conf"), "include \"loop.conf\"\npeerlab.runtime = sim\n");
    assertThat(opts("", "run", loop.toString())).containsExactly(SERIAL);
  }

  @Test
  void aCollectorInPeerlabJavaOpts_replacesTheSerialOne() throws Exception {
    assertThat(opts("-Xmx4g -XX:+UseParallelGC", "run", "config/scenarios/chord-scale.conf",
        "--set", "peers=1000")).containsExactly(C1);
    assertThat(opts("-Xmx4g", Map.of("PEERLAB_CORES", "1"), "run", "config/scenarios/chord-scale.conf"))
        .containsExactly(SERIAL);
  }

  @Test
  void theSimClassPath_isTheListedJarsInTheListsOrder_orNothingWhenOneIsMissing(@TempDir Path dir)
      throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    for (String jar : List.of("config-1.4.9.jar", "peerlab-core-1.jar", "pekko-actor_2.13-1.7.0.jar",
        "jackson-core-2.21.jar", "jackson-core-extra.txt")) {
      Files.writeString(lib.resolve(jar), "");
    }
    Path list = dir.resolve("list.txt");
    Files.writeString(list, "# a comment\npeerlab-core-\n\n  config-  # trailing\njackson-core-\n");
    assertThat(simClassPath(lib, list)).containsExactly(
        lib + "/peerlab-core-1.jar:" + lib + "/config-1.4.9.jar:" + lib + "/jackson-core-2.21.jar");
    // A listed library the build no longer has: the whole class path, not a partial one.
    Files.writeString(list, "peerlab-core-\nHdrHistogram-\n");
    assertThat(simClassPath(lib, list)).isEmpty();
  }

  /** The launcher's sim_class_path DIR LIST: its output lines (none when it fails). */
  private static List<String> simClassPath(Path lib, Path list) throws IOException, InterruptedException {
    Path bash = Path.of("/bin/bash");
    assumeTrue(Files.isExecutable(bash), "no /bin/bash on this machine: the launcher needs bash, its rules cannot be run");
    Process p = new ProcessBuilder(bash.toString(), "-c",
        "source scripts/jvm-defaults.sh && sim_class_path \"$0\" \"$1\" || true", lib.toString(),
        list.toString()).directory(ROOT.toFile()).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("sim_class_path ended").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  private static List<String> opts(String javaOpts, String... args) throws IOException, InterruptedException {
    // One core unless a test says otherwise: the rules must not depend on the machine testing them.
    return opts(javaOpts, Map.of("PEERLAB_CORES", "1"), args);
  }

  private static List<String> opts(String javaOpts, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path bash = Path.of("/bin/bash");
    assumeTrue(Files.isExecutable(bash), "no /bin/bash on this machine: the launcher needs bash, its rules cannot be run");
    List<String> cmd = new ArrayList<>(List.of(bash.toString(), "scripts/jvm-defaults.sh"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().put("PEERLAB_JAVA_OPTS", javaOpts);
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("jvm-defaults.sh ended").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }
}
