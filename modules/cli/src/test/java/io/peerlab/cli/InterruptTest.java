package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * SIGTERM in the middle of a real {@code local} run, in a child JVM running the command as a user
 * would: the topology that finished is on disk, complete, and the file says interrupted.
 */
class InterruptTest {

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void sigterm_afterTheFirstTopology_leavesThatTopologyComplete_andSaysInterrupted(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path out = dir.resolve("out");
    Process p = command("run", CliTest.QUICKSTART, "--runtime", "local", "--out", out.toString(),
        "--trace", "--no-report", "--set", "workload.ops=600", "--set", "workload.warmup-ops=60");
    List<String> err = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        err.add(line);
        if (line.contains("client-server") && line.contains("done in")) {
          break;
        }
      }
      // The first topology is done and its results written: the second is starting or running.
      signal(p, "TERM");
      while ((line = r.readLine()) != null) {
        err.add(line);
      }
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits within seconds of SIGTERM").isTrue();
    assertThat(p.exitValue()).as(String.join("\n", err)).isEqualTo(143);
    assertThat(String.join("\n", err)).doesNotContain("\tat ", "Exception");

    JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(json.get("status").asText()).isEqualTo("interrupted");
    JsonNode first = json.get("runs").get(0);
    assertThat(first.get("topology").asText()).isEqualTo("client-server");
    assertThat(first.get("deadlineHit").asBoolean()).isFalse();
    long ok = 0;
    for (JsonNode op : first.get("ops")) {
      assertThat(op.get("failed").asLong()).isZero();
      ok += op.get("ok").asLong();
    }
    assertThat(ok).isEqualTo(600);
    assertThat(Files.readAllLines(out.resolve("results.csv")).get(0)).startsWith("scenario,runtime,topology");
    // Trace files end on a whole line.
    for (String name : new String[] {"trace-client-server.csv", "trace-central-index.csv"}) {
      Path trace = out.resolve(name);
      if (Files.exists(trace) && Files.size(trace) > 0) {
        String text = Files.readString(trace);
        assertThat(text).as(name).endsWith("\n");
        for (String l : text.split("\n")) {
          assertThat(l.split(",", -1)).as(name + ": " + l).hasSize(6);
        }
      }
    }
    assertThat(out.toFile().list()).noneMatch(n -> n.endsWith(".tmp"));
  }

  /**
   * An OutOfMemoryError the up-front estimate does not foresee (it leaves out the bytes that
   * objects.materialize keeps): one line, exit 3, and the sweep point that finished is written.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void outOfMemory_isOneLine_exit3_andKeepsWhatFinished(@TempDir Path dir) throws IOException, InterruptedException {
    Path out = dir.resolve("out");
    Process p = command(List.of("-Xmx128m"), "run", CliTest.QUICKSTART, "--runtime", "sim", "--out", out.toString(),
        "--quiet", "--no-report", "--set", "objects.materialize=true", "--set", "objects.count=100",
        "--set", "workload.mix={lookup=0,search=0,fetch=1}", "--set", "topologies=[client-server]",
        "--set", "network.enabled=false", "--sweep", "objects.size=64KiB,8MiB");
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isEqualTo(3);
    assertThat(err.lines().count()).as(err).isEqualTo(1);
    assertThat(err).startsWith("peerlab: out of memory").contains("PEERLAB_JAVA_OPTS=-Xmx").doesNotContain("\tat ");
    JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(json.get("status").asText()).isEqualTo("failed");
    assertThat(json.get("runs")).hasSize(1);
    assertThat(json.get("runs").get(0).get("sweep").get("objects.size").asText()).isEqualTo("64KiB");
  }

  /**
   * Sends a signal with kill(1): Process.destroy() sends SIGTERM too, but closes the streams this
   * test still reads.
   */
  static void signal(Process p, String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  /** The peerlab command in a child JVM, on this test's classpath; stdout goes nowhere. */
  static Process command(String... args) throws IOException {
    return command(List.of("-Xmx512m"), args);
  }

  static Process command(List<String> jvm, String... args) throws IOException {
    return commandOn(jvm, System.getProperty("java.class.path"), args);
  }

  /** The same on another class path (SimClassPathTest: a part of this test's). */
  static Process commandOn(List<String> jvm, String classPath, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvm);
    cmd.addAll(List.of("-cp", classPath, Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(new File("."))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }
}
