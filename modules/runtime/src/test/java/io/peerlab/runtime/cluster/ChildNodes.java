package io.peerlab.runtime.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Real {@code peerlab node} JVMs for multi-JVM tests, started with the test classpath on
 * 127.0.0.1 and free ports (node 0 is the seed). {@link #close} stops them all (SIGTERM, then
 * SIGKILL after 10 s); a JVM shutdown hook kills any that a crashed test left behind. Each node's
 * output goes to {@code target/cluster-logs/<name>-<i>.log}.
 */
final class ChildNodes implements AutoCloseable {
  private static final List<Process> LIVE = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
  }

  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  private ChildNodes() {}

  static ChildNodes start(String name, int count) {
    ChildNodes nodes = new ChildNodes();
    try {
      Path logs = Path.of("target", "cluster-logs");
      Files.createDirectories(logs);
      for (int i = 0; i < count; i++) {
        nodes.ports.add(freePort());
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      for (int i = 0; i < count; i++) {
        List<String> cmd = new ArrayList<>(List.of(
            java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath,
            ClusterNode.class.getName(), "--host", "127.0.0.1", "--port", String.valueOf(nodes.ports.get(i))));
        if (i > 0) {
          cmd.addAll(List.of("--seed", "127.0.0.1:" + nodes.seedPort()));
        }
        Path log = logs.resolve(name + "-" + i + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LIVE.add(p);
        nodes.processes.add(p);
      }
      return nodes;
    } catch (IOException e) {
      nodes.close();
      throw new UncheckedIOException(e);
    }
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
    return processes.stream().noneMatch(Process::isAlive);
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
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
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
