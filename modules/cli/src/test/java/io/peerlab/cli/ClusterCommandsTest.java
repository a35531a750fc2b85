package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerlab.runtime.cluster.ClusterTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cluster commands as a user meets them: bad input, an absent cluster, key material, random
 * bytes at a node's port, a full demo run over TLS.
 */
class ClusterCommandsTest {
  /** Small node JVMs for these tests. */
  private static final String NODE_JAVA_OPTS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

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
  void node_withAnAddressThatDoesNotResolve_isOneLine_exit2() {
    long start = System.nanoTime();
    Result r = cli("node", "--host", "999.1.1.1", "--port", "0", "--seed", "127.0.0.1:25520");
    assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(r.err().lines()).hasSize(1).first().asString().contains("--host 999.1.1.1");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
  }

  @Test
  void node_onAWildcardAddress_isOneLine_exit2() {
    Result r = cli("node", "--host", "0.0.0.0", "--port", "0", "--seed", "127.0.0.1:25520");
    assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(r.err().lines()).hasSize(1).first().asString().contains("wildcard");
  }

  @Test
  void node_onAnAddressOtherHostsReach_withoutTls_refusesToStart_unlessInsecure() throws IOException {
    Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .findFirst();
    Assumptions.assumeTrue(external.isPresent(), "this machine has a non-loopback IPv4 address");
    String host = external.get().getHostAddress();
    // Checked before anything binds: no traffic leaves 127.0.0.1.
    Result r = cli("node", "--host", host, "--port", "0", "--seed", "127.0.0.1:25520");
    assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(r.err().lines()).hasSize(1).first().asString()
        .contains("would let in anyone").contains("--tls DIR").contains("--insecure");
  }

  @Test
  void run_withATlsFolderWithoutKeys_isBadInput_beforeJoining(@TempDir Path dir) throws IOException {
    Result r = cli("run", smallScenario(dir).toString(), "--runtime", "cluster", "--tls", dir.resolve("none").toString(),
        "--out", dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(r.err()).contains("peerlab.cluster.tls").contains("peerlab tls-init");
  }

  @Test
  void node_withATlsFolderWithoutKeys_isOneLine_exit2(@TempDir Path dir) {
    Result r = cli("node", "--port", "0", "--seed", "127.0.0.1:25520", "--tls", dir.toString());
    assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(r.err().lines()).hasSize(1).first().asString().contains("peerlab tls-init");
  }

  @Test
  void tlsInit_writesOwnerOnlyPemFiles_refusesToOverwrite_andRenewsTheNodeKeyFromTheSameCa(@TempDir Path dir)
      throws IOException {
    Path tls = dir.resolve("tls");
    Result made = cli("tls-init", tls.toString());
    assertThat(made.code()).as(made.err()).isEqualTo(Cli.OK);
    for (String f : new String[] {"ca.crt", "ca.key", "tls.crt", "tls.key"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(f)))).as(f).isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls))).isEqualTo("rwx------");
    assertThat(Files.readString(tls.resolve("tls.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    String ca = Files.readString(tls.resolve("ca.crt"));
    String key = Files.readString(tls.resolve("tls.key"));

    Result again = cli("tls-init", tls.toString());
    assertThat(again.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(again.err()).contains("--force");
    assertThat(Files.readString(tls.resolve("tls.key"))).isEqualTo(key);

    assertThat(cli("tls-init", tls.toString(), "--renew").code()).isEqualTo(Cli.OK);
    assertThat(Files.readString(tls.resolve("ca.crt"))).isEqualTo(ca);
    assertThat(Files.readString(tls.resolve("tls.key"))).isNotEqualTo(key);
    // The renewed folder passes the check a node makes at start.
    ClusterTls.check(tls);

    assertThat(cli("tls-init", tls.toString(), "--force").code()).isEqualTo(Cli.OK);
    assertThat(Files.readString(tls.resolve("ca.crt"))).isNotEqualTo(ca);
  }

  /**
   * Random bytes at a running node's port, as raw garbage and as well-framed garbage after Artery's
   * magic header, from 127.0.0.1 and bounded in count. The node runs with the command's own
   * logback.xml; its log must grow by a few lines, not one per frame.
   */
  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  void randomBytesAtANodesPort_writeAFewLogLines_notOnePerFrame(boolean tls, @TempDir Path dir) throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (NodeJvms jvms = new NodeJvms(1, dir, NODE_JAVA_OPTS + " -Dlogback.configurationFile=logback.xml", tls,
        new PrintStream(err, true, StandardCharsets.UTF_8))) {
      jvms.awaitUp(TimeUnit.SECONDS.toNanos(120));
      Path log = jvms.logOf(0);
      long before = Files.readAllLines(log).size();
      int port = Integer.parseInt(jvms.seed().substring(jvms.seed().indexOf(':') + 1));
      Random random = new Random(18);
      for (int c = 0; c < 3; c++) {
        send(port, bytes(random, 100_000));
      }
      ByteBuffer frames = ByteBuffer.allocate(5 + 3_000 * 68).order(ByteOrder.LITTLE_ENDIAN);
      frames.put("AKKA".getBytes(StandardCharsets.US_ASCII)).put((byte) 2);
      for (int f = 0; f < 3_000; f++) {
        frames.putInt(64).put(bytes(random, 64));
      }
      send(port, frames.array());

      // The node is another JVM: poll its log until it has not grown for 3 s (at most 60 s).
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      long size = -1;
      long stableSince = System.nanoTime();
      while (System.nanoTime() < end && System.nanoTime() - stableSince < TimeUnit.SECONDS.toNanos(3)) {
        long now = Files.size(log);
        if (now != size) {
          size = now;
          stableSince = System.nanoTime();
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      }
      long added = Files.readAllLines(log).size() - before;
      System.out.println("tls=" + tls + ": 300,000 random bytes and 3,000 random frames added " + added + " log lines");
      assertThat(added).as(Files.readString(log)).isLessThanOrEqualTo(20);
      assertThat(jvms.allAlive()).as("the node is still running").isTrue();
    }
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Writes to 127.0.0.1:port; the node may close the connection before it has read everything. */
  private static void send(int port, byte[] bytes) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = s.getOutputStream();
      for (int off = 0; off < bytes.length; off += 8192) {
        out.write(bytes, off, Math.min(8192, bytes.length - off));
      }
      out.flush();
    } catch (IOException e) {
      // The node hung up: what it read is what counts.
    }
  }

  @Test
  void clusterDemo_whoseNodeJvmDiesAtStart_saysSoInOneLine_withinSeconds(@TempDir Path dir) throws IOException {
    long start = System.nanoTime();
    Result r = cli("cluster-demo", "--nodes", "2", smallScenario(dir).toString(), "--quiet",
        "--out", dir.resolve("out").toString(), "--node-java-opts=-Xbogus");

    assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(r.err()).contains("exited with code 1 before it was up").contains("-Xbogus").doesNotContain("Exception");
    assertThat(r.err().lines().filter(l -> l.contains("before it was up"))).hasSize(1);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count()).isZero();
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
        "--node-java-opts", NODE_JAVA_OPTS, "--set", "cluster.join-timeout=120s");

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
