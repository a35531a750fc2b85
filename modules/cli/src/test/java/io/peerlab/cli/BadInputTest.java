package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of issue 18 (and the output-folder cases): one line, exit 2, no stack trace,
 * and nothing run or written. docs/reliability.md lists them.
 */
class BadInputTest {
  static final String Q = CliTest.QUICKSTART;

  /** One line on stderr starting "peerlab: ", exit 2, no stack trace, no control character. */
  static CliTest.Result bad(String... args) {
    CliTest.Result r = CliTest.run(args);
    assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
    assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).startsWith("peerlab: ").doesNotContain("\tat ", "Exception", "Error:");
    assertThat(r.err().chars().filter(c -> c < 32 && c != '\n')).as("control characters").isEmpty();
    assertThat(r.out()).isEmpty();
    return r;
  }

  @Test
  void scenarioFiles_thatAreEmpty_binary_orIncludeAMissingFile_areOneLine(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    Path empty = Files.writeString(dir.resolve("empty.conf"), "");
    assertThat(bad("run", empty.toString(), "--out", out.toString()).err()).contains("sets no key");
    Path comments = Files.writeString(dir.resolve("comments.conf"), "# nothing\npeerlab {}\n");
    assertThat(bad("run", comments.toString()).err()).contains("sets no key");

    byte[] binary = new byte[4096];
    new Random(7).nextBytes(binary);
    binary[10] = 27; // ESC: would drive a terminal if echoed
    Path bin = Files.write(dir.resolve("bin.conf"), binary);
    assertThat(bad("run", bin.toString()).err()).contains("is not a text file");
    Path latin1 = Files.write(dir.resolve("latin1.conf"), new byte[] {'a', '=', (byte) 0xE9, '\n'});
    assertThat(bad("run", latin1.toString()).err()).contains("not UTF-8");

    Path inc = Files.writeString(dir.resolve("inc.conf"), "include required(\"nope.conf\")\npeerlab.name = x\n");
    assertThat(bad("run", inc.toString()).err())
        .contains("include required(...) names 'nope.conf', which does not exist")
        .doesNotContain("java.io");
    assertThat(out).doesNotExist();
  }

  @Test
  void valuesPeerlabWouldChange_orCannotHold_areOneLine(@TempDir Path dir) {
    Path out = dir.resolve("out");
    String o = out.toString();
    assertThat(bad("run", Q, "--out", o, "--set", "objects.replicas=100").err())
        .contains("key 'peerlab.objects.replicas': must be at most peers - servers (63)");
    assertThat(bad("run", Q, "--out", o, "--set", "objects.chunk-size=1MiB").err())
        .contains("key 'peerlab.objects.chunk-size': must be at most peerlab.objects.size");
    for (String key : new String[] {"peers", "objects.count", "workload.ops"}) {
      assertThat(bad("run", Q, "--out", o, "--runtime", "sim", "--set", key + "=2000000000").err())
          .contains("key 'peerlab." + key + "': must be at most");
    }
    // Within the bounds, beyond this JVM's heap: the key that costs most and an -Xmx that fits.
    assertThat(bad("run", Q, "--out", o, "--set", "peers=10000000", "--set", "workload.clients=1000").err())
        .contains("key 'peerlab.peers': this scenario needs about", "PEERLAB_JAVA_OPTS=-Xmx");
    assertThat(bad("run", Q, "--out", o, "--runtime", "sim", "--set", "name=\u001b[31mred").err())
        .contains("key 'peerlab.name'", "[31mred");
    assertThat(out).doesNotExist();
  }

  @Test
  void anOutFolderThatCannotBeWritten_failsBeforeTheRun(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThat(bad("run", Q, "--out=").err()).contains("--out: empty folder name");
    assertThat(bad("run", Q, "--out", file.toString()).err()).contains("is a file, not a folder");
    // Under a file: no user, root included, can make this folder.
    assertThat(bad("run", Q, "--out", file.resolve("sub").toString()).err()).contains("cannot create the folder");
    assertThat(bad("run", Q, "--out", "/proc/peerlab-x").err()).contains("cannot create the folder");
    Path readOnly = Files.createDirectory(dir.resolve("ro"));
    if (readOnly.toFile().setWritable(false) && !Files.isWritable(readOnly)) { // not as root
      assertThat(bad("run", Q, "--out", readOnly.toString()).err()).contains("cannot write there");
    }
    assertThat(file.getParent().toFile().list()).containsExactlyInAnyOrder("a-file", "ro");
  }

  @Test
  void anOutFolderHoldingResults_needsForce(@TempDir Path dir) throws IOException {
    String out = dir.toString();
    String[] run = {"run", Q, "--runtime", "sim", "--out", out, "--quiet", "--no-report",
        "--set", "workload.ops=50", "--set", "workload.warmup-ops=0"};
    assertThat(CliTest.run(run).code()).isZero();
    String before = Files.readString(dir.resolve("results.json"));
    assertThat(bad(run).err()).contains("already holds results", "--force");
    assertThat(Files.readString(dir.resolve("results.json"))).isEqualTo(before);
    List<String> forced = new ArrayList<>(List.of(run));
    forced.add("--force");
    assertThat(CliTest.run(forced.toArray(String[]::new)).code()).isZero();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    assertThat(json.get("status").asText()).isEqualTo("complete");
  }

  @Test
  void twoRunsInTheSameSecond_getTwoFolders(@TempDir Path dir) throws Exception {
    LocalDateTime second = LocalDateTime.of(2026, 12, 4, 20, 0, 0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Path>> claims = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        claims.add(() -> OutputFolder.fresh(dir, "quickstart", second));
      }
      List<Path> got = new ArrayList<>();
      for (Future<Path> f : pool.invokeAll(claims)) {
        got.add(f.get().getFileName());
      }
      assertThat(got).doesNotHaveDuplicates().hasSize(8);
      assertThat(got.stream().map(Path::toString))
          .contains("quickstart-20261204-200000", "quickstart-20261204-200000-2", "quickstart-20261204-200000-8");
    } finally {
      pool.shutdownNow();
    }
    // A folder left by an earlier run is never reused either.
    assertThat(OutputFolder.fresh(dir, "quickstart", second).getFileName().toString())
        .isEqualTo("quickstart-20261204-200000-9");
  }

  /** A run with no ok op: latency, hops and fairness have no samples, "–" in the table, null in JSON. */
  @Test
  void figuresWithoutSamples_areADash_andNull(@TempDir Path dir) throws IOException {
    CliTest.Result r = CliTest.run("run", Q, "--runtime", "sim", "--out", dir.toString(), "--quiet",
        "--no-report", "--set", "network.loss=0.99", "--set", "workload.ops=40", "--set", "workload.warmup-ops=0",
        "--set", "workload.op-timeout=200ms", "--set", "phase-timeout=1s", "--set", "topologies=[client-server]");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode run = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("runs").get(0);
    long ok = 0;
    for (JsonNode op : run.get("ops")) {
      ok += op.get("ok").asLong();
    }
    assertThat(ok).as("loss 0.99 leaves no ok op").isZero();
    for (JsonNode op : run.get("ops")) {
      assertThat(op.get("latencyMs").get("p50").isNull()).isTrue();
      assertThat(op.get("hops").get("mean").isNull()).isTrue();
    }
    assertThat(run.get("load").get("bytesUploaded").get("jain").isNull()).isTrue();
    assertThat(r.out()).containsPattern("upload fairness \\(Jain\\) +\u2013")
        .containsPattern("lookup latency p50 / p99 ms +\u2013 / \u2013");
    assertThat(Files.readAllLines(dir.resolve("results.csv")).get(1)).contains(",,,,,,");
  }
}
