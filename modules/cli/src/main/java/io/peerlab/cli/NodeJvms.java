package io.peerlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code peerlab node} JVMs on 127.0.0.1 for the one-command cluster tools: node 0 is the seed on a
 * free port, the others bind port 0 and join through it. {@link #close} stops them all (SIGTERM,
 * so they leave the cluster, then SIGKILL after 15 s); a JVM shutdown hook kills them if this
 * process is interrupted. Each node's output goes to {@code <logs>/node-<i>.log}.
 */
final class NodeJvms implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final Path logs;
  private final PrintStream err;
  private final int seedPort;
  private final Thread hook;

  private final List<Path> plugins;

  NodeJvms(int count, Path logs, String javaOpts, PrintStream err) {
    this(count, logs, javaOpts, List.of(), err);
  }

  /** @param plugins plugin paths every node loads ({@code --plugin}), as the run does */
  NodeJvms(int count, Path logs, String javaOpts, List<Path> plugins, PrintStream err) {
    this.plugins = List.copyOf(plugins);
    this.logs = logs;
    this.err = err;
    this.seedPort = freePort();
    this.hook = new Thread(() -> processes.forEach(Process::destroyForcibly), "peerlab-node-jvms");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
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
    for (int i : early) {
      err.println("peerlab: node " + i + " had exited early (code " + processes.get(i).exitValue()
          + "); see " + logs.resolve("node-" + i + ".log"));
    }
    if (!processes.isEmpty()) {
      err.println("peerlab: stopped the " + processes.size() + " node JVMs");
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook does the same.
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
