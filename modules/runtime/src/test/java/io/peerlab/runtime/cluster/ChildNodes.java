package io.peerlab.runtime.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Real {@code peerlab node} JVMs for multi-JVM tests, started with the test classpath on
 * 127.0.0.1 and free ports (node 0 is the seed), talking TLS with a throwaway CA made for them
 * ({@link #tls}). {@link #stranger} starts a JVM that tries to join without that CA. {@link #close}
 * stops them all (SIGTERM, then SIGKILL after 10 s); a JVM shutdown hook kills any that a crashed
 * test left behind. Each JVM's output goes to {@code target/cluster-logs/<name>-<i>.log}.
 */
final class ChildNodes implements AutoCloseable {
  private static final List<Process> LIVE = new CopyOnWriteArrayList<>();
  private static final Path LOGS = Path.of("target", "cluster-logs");

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
  }

  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final List<Process> strangers = new ArrayList<>();
  private final Path tls;

  private ChildNodes(Path tls) {
    this.tls = tls;
  }

  static ChildNodes start(String name, int count) {
    ChildNodes nodes;
    try {
      nodes = new ChildNodes(Files.createTempDirectory("peerlab-tls-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      ClusterTls.init(nodes.tls, true);
      Files.createDirectories(LOGS);
      for (int i = 0; i < count; i++) {
        nodes.ports.add(freePort());
      }
      for (int i = 0; i < count; i++) {
        String seed = i > 0 ? "127.0.0.1:" + nodes.seedPort() : null;
        nodes.processes.add(launch(log(name, i), nodes.ports.get(i), seed, Optional.of(nodes.tls)));
      }
      return nodes;
    } catch (IOException e) {
      nodes.close();
      throw new UncheckedIOException(e);
    }
  }

  /** The TLS folder (CA, node key and certificate) the nodes and the run process share. */
  Path tls() {
    return tls;
  }

  /**
   * Starts a JVM that is none of these nodes and tries to join through the seed, talking TLS with
   * {@code tls}'s key material (another CA's), or plain TCP if empty. It retries until {@link
   * #close}.
   *
   * @return its port
   */
  int stranger(String name, Optional<Path> tls) {
    try {
      int port = freePort();
      strangers.add(launch(log(name, 0), port, "127.0.0.1:" + seedPort(), tls));
      return port;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path log(String name, int i) {
    return LOGS.resolve(name + "-" + i + ".log");
  }

  private static Process launch(Path log, int port, String seed, Optional<Path> tls) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(
        java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath,
        ClusterNode.class.getName(), "--host", "127.0.0.1", "--port", String.valueOf(port)));
    if (seed != null) {
      cmd.addAll(List.of("--seed", seed));
    }
    tls.ifPresent(t -> cmd.addAll(List.of("--tls", t.toString())));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LIVE.add(p);
    return p;
  }

  int seedPort() {
    return ports.get(0);
  }

  /** Node {@code i}'s address, {@code 127.0.0.1:port}. */
  String address(int i) {
    return "127.0.0.1:" + ports.get(i);
  }

  int size() {
    return processes.size();
  }

  /** The node that sorts last by address, as the coordinator orders members. */
  int lastByAddress() {
    int best = 0;
    for (int i = 1; i < ports.size(); i++) {
      if (ports.get(i) > ports.get(best)) {
        best = i;
      }
    }
    return best;
  }

  /** SIGKILL node {@code i}: a crash, with no chance to leave the cluster. */
  void kill(int i) throws InterruptedException {
    Process p = processes.get(i);
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  boolean allGone() {
    return processes.stream().noneMatch(Process::isAlive) && strangers.stream().noneMatch(Process::isAlive);
  }

  @Override
  public void close() {
    List<Process> all = new ArrayList<>(processes);
    all.addAll(strangers);
    for (Process p : all) {
      p.destroy();
    }
    for (Process p : all) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      LIVE.remove(p);
    }
    try {
      ClusterTls.delete(tls);
    } catch (IOException e) {
      System.err.println("could not delete the throwaway TLS folder " + tls + ": " + e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
