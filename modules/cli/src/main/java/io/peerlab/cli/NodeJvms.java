package io.peerlab.cli;

import io.peerlab.runtime.cluster.ClusterTls;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code peerlab node} JVMs on 127.0.0.1 for the one-command cluster tools: node 0 is the seed on a
 * free port, the others bind port 0 and join through it. {@link #close} stops them all (SIGTERM,
 * so they leave the cluster, then SIGKILL after 15 s); a JVM shutdown hook kills them if this
 * process is interrupted. Each node's output goes to {@code <logs>/node-<i>.log}. With TLS, the
 * nodes and the run process share a throwaway CA made for this set of nodes and deleted with it.
 */
final class NodeJvms implements AutoCloseable {
  /** The line a node prints once it is Up ({@code ClusterNode}). */
  private static final String UP = " is up; the cluster has ";

  private final List<Process> processes = new ArrayList<>();
  private final Path logs;
  private final PrintStream err;
  private final int seedPort;
  private final Thread hook;
  private final Path tls;
  private final String javaOpts;
  /** A node's early exit was already reported, by {@link #awaitUp}. */
  private boolean reported;

  private final List<Path> plugins;

  NodeJvms(int count, Path logs, String javaOpts, boolean withTls, PrintStream err) {
    this(count, logs, javaOpts, withTls, List.of(), err);
  }

  /** @param plugins plugin paths every node loads ({@code --plugin}), as the run does */
  NodeJvms(int count, Path logs, String javaOpts, boolean withTls, List<Path> plugins, PrintStream err) {
    this.plugins = List.copyOf(plugins);
    this.logs = logs;
    this.javaOpts = javaOpts;
    this.err = err;
    this.seedPort = freePort();
    this.hook = new Thread(() -> processes.forEach(Process::destroyForcibly), "peerlab-node-jvms");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      this.tls = withTls ? Files.createTempDirectory("peerlab-tls-") : null;
      if (tls != null) {
        ClusterTls.init(tls, true);
      }
      Files.createDirectories(logs);
      for (int i = 0; i < count; i++) {
        processes.add(start(i, javaOpts));
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start the node JVMs: " + e.getMessage(), e);
    }
  }

  String seed() {
    return "127.0.0.1:" + seedPort;
  }

  Path logs() {
    return logs;
  }

  /** The throwaway TLS folder the nodes use, if they talk TLS. */
  Optional<Path> tls() {
    return Optional.ofNullable(tls);
  }

  /**
   * Waits until every node has printed that it is Up, at most {@code timeoutNanos}.
   *
   * @throws NodeFailed as soon as a node JVM exits (bad JVM options, a port taken, ...), with the
   *     tail of its output, or when the time is up
   */
  void awaitUp(long timeoutNanos) {
    long end = System.nanoTime() + timeoutNanos;
    List<Integer> waiting = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      waiting.add(i);
    }
    while (!waiting.isEmpty()) {
      for (int w = waiting.size() - 1; w >= 0; w--) {
        int i = waiting.get(w);
        if (log(i).stream().anyMatch(l -> l.contains(UP))) {
          waiting.remove(w);
        } else if (!processes.get(i).isAlive()) {
          reported = true;
          throw new NodeFailed("node JVM " + i + " exited with code " + processes.get(i).exitValue()
              + " before it was up: " + tail(i) + " (--node-java-opts '" + javaOpts + "'; log " + logOf(i) + ")", true);
        }
      }
      if (!waiting.isEmpty()) {
        if (System.nanoTime() >= end) {
          throw new NodeFailed("node JVM " + waiting.get(0) + " was not up after "
              + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s: " + tail(waiting.get(0)) + " (log " + logOf(waiting.get(0)) + ")", false);
        }
        // Waiting on other JVMs, which print their state to a file: poll it.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
    }
  }

  /** A node JVM that died or never came up; the message is one line for the user. */
  static final class NodeFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean exited;

    NodeFailed(String message, boolean exited) {
      super(message);
      this.exited = exited;
    }

    /** The JVM exited before it was up: the options or arguments it was given did not work. */
    boolean exited() {
      return exited;
    }
  }

  /** Whether every node JVM is still running. */
  boolean allAlive() {
    return processes.stream().allMatch(Process::isAlive);
  }

  /** Node {@code i}'s output. */
  Path logOf(int i) {
    return logs.resolve("node-" + i + ".log");
  }

  private List<String> log(int i) {
    try {
      return Files.exists(logOf(i)) ? Files.readAllLines(logOf(i), java.nio.charset.StandardCharsets.ISO_8859_1) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The last lines of a node's output, printable characters only, on one line. */
  private String tail(int i) {
    List<String> lines = log(i).stream().map(l -> l.replaceAll("[^\\x20-\\x7e]", "?").strip())
        .filter(l -> !l.isEmpty()).toList();
    String t = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    return t.isEmpty() ? "(no output)" : t.length() > 400 ? t.substring(0, 400) + "..." : t;
  }

  private Process start(int i, String javaOpts) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String o : javaOpts.trim().split("\\s+")) {
      if (!o.isEmpty()) {
        cmd.add(o);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "node",
        "--host", "127.0.0.1", "--port", i == 0 ? String.valueOf(seedPort) : "0"));
    if (i > 0) {
      cmd.addAll(List.of("--seed", seed()));
    }
    if (tls != null) {
      cmd.addAll(List.of("--tls", tls.toString()));
    }
    for (Path p : plugins) {
      cmd.addAll(List.of("--plugin", p.toString()));
    }
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(logs.resolve("node-" + i + ".log").toFile())
        .start();
  }

  @Override
  public void close() {
    List<Integer> early = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      if (!processes.get(i).isAlive()) {
        early.add(i);
      }
      processes.get(i).destroy();
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    try {
      for (Process p : processes) {
        long left = Math.max(0, end - System.nanoTime());
        if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
          p.destroyForcibly();
          p.waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      processes.forEach(Process::destroyForcibly);
      Thread.currentThread().interrupt();
    }
    for (int i : reported ? List.<Integer>of() : early) {
      err.println("peerlab: node " + i + " had exited early (code " + processes.get(i).exitValue()
          + "); see " + logs.resolve("node-" + i + ".log"));
    }
    if (!processes.isEmpty()) {
      err.println("peerlab: stopped the " + processes.size() + " node JVMs");
    }
    deleteTls();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook does the same.
    }
  }

  private void deleteTls() {
    if (tls == null) {
      return;
    }
    try {
      ClusterTls.delete(tls);
    } catch (IOException e) {
      err.println("peerlab: could not delete the throwaway TLS folder " + tls + ": " + e.getMessage());
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1: " + e.getMessage(), e);
    }
  }
}
