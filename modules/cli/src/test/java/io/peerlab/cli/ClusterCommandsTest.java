package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster commands as a user meets them: bad input, an absent cluster, a full demo run. */
class ClusterCommandsTest {

  private record Result(int code, String out, String err) {}

  private static Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Cli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Path smallScenario(Path dir) throws IOException {
    Path f = dir.resolve("small.conf");
    Files.writeString(f, """
        peerlab {
          name = small
          topologies = [client-server]
          peers = 12
          servers = 1
          deadline = 2m
          objects { count = 20, size = 128KiB, chunk-size = 64KiB }
          workload { clients = 6, ops = 60, warmup-ops = 6 }
        }
        """);
    return f;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void node_withABadSeed_isBadInput() {
    Result r = cli("node", "--seed", "nonsense");
    assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(r.err()).contains("host:port").contains("peerlab node --help");
  }

  @Test
  void clusterOptions_withoutTheClusterRuntime_areBadInput(@TempDir Path dir) throws IOException {
    Result r = cli("run", smallScenario(dir).toString(), "--nodes", "3", "--out", dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(r.err()).contains("--runtime cluster");
  }

  @Test
  void run_withNoClusterAtTheSeed_givesUpAtTheJoinTimeout_withAdvice(@TempDir Path dir) throws IOException {
    int port = freePort();
    Result r = cli("run", smallScenario(dir).toString(), "--runtime", "cluster", "--seed-node", "127.0.0.1:" + port,
        "--nodes", "1", "--set", "cluster.join-timeout=3s", "--quiet", "--out", dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(Cli.RUN_FAILED);
    assertThat(r.err()).contains("could not join the cluster through seed node 127.0.0.1:" + port)
        .contains("peerlab node --port " + port)
        .doesNotContain("Exception");
  }

  @Test
  void clusterDemo_runsOnNodeJvms_writesMemberFigures_andStopsEveryNode(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    Result r = cli("cluster-demo", "--nodes", "2", smallScenario(dir).toString(), "--quiet", "--out", out.toString(),
        "--node-java-opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", "--set", "cluster.join-timeout=120s");

    assertThat(r.code()).as(r.err()).isEqualTo(Cli.OK);
    assertThat(r.out()).contains("cluster members");
    JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(json.get("runtime").asText()).isEqualTo("cluster");
    JsonNode run = json.get("runs").get(0);
    assertThat(run.get("ops").get("lookup").get("failed").asLong()).isZero();
    assertThat(run.get("members")).hasSize(2);
    assertThat(run.get("members").get(0).get("peers").asInt() + run.get("members").get(1).get("peers").asInt())
        .isEqualTo(12);
    assertThat(out.resolve("nodes").resolve("node-0.log")).exists();
    assertThat(Files.readString(out.resolve("nodes").resolve("node-1.log"))).contains("is up");
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count())
        .as("every node JVM has exited").isZero();
  }
}
