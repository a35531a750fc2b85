package io.peerlab.runtime.cluster;

import java.io.File;
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
 * Real {@code peerlab node} JVMs for multi-JVM tests (peerlab's own and a protocol author's):
 * started with the test's class path on 127.0.0.1 and free ports (node 0 is the seed), talking
 * TLS with a throwaway CA made for them ({@link #tls}, deleted by {@link #close}). A {@link
 * ClusterRuntime} built on {@link #settings} runs peerlab runs on them; the testkit's {@code
 * TestCluster} wraps both. {@link #stranger} starts a JVM that tries to join without that CA.
 * {@link #close} stops them all (SIGTERM, then SIGKILL after 10 s); a JVM shutdown hook kills any
 * that a crashed test left behind. Each JVM's output goes to {@code
 * target/cluster-logs/<name>-<i>.log} (relative to the working directory: the module's folder
 * under Maven).
 *
 * <pre>{@code
 * try (ChildNodes nodes = ChildNodes.start("my-test", 2);
 *     ClusterRuntime cluster = new ClusterRuntime(nodes.settings(), System.out::println)) {
 *   RunOutcome outcome = cluster.run(RunSetup.of(spec), RunControl.quiet());
 * }
 * }</pre>
 *
 * <p>A node JVM's class path is this JVM's test class path ({@code surefire.test.class.path}, else
 * {@code java.class.path}), so a protocol under test and its {@code META-INF/services} entry are
 * on every node; {@link Options#classpath} adds plugin jars or folders that are not.
 */
public final class ChildNodes implements AutoCloseable {
  private static final List<Process> LIVE = new CopyOnWriteArrayList<>();
  private static final Path LOGS = Path.of("target", "cluster-logs");

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
  }

  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final List<Process> strangers = new ArrayList<>();
  private final Path tls;

  private final Options options;

  private ChildNodes(Path tls, Options options) {
    this.tls = tls;
    this.options = options;
  }

  /** {@code count} node JVMs with the defaults of {@link Options}. */
  public static ChildNodes start(String name, int count) {
    return options(name, count).start();
  }

  /** What to start, before {@link Options#start}: {@code count} nodes, logs named {@code name}. */
  public static Options options(String name, int count) {
    return new Options(name, count);
  }

  /**
   * How the node JVMs are started. Defaults: {@link ClusterNode}'s main class, the test class
   * path, {@code -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} (small, quick to start).
   */
  public static final class Options {
    private final String name;
    private final int count;
    private final List<String> classpath = new ArrayList<>();
    private String mainClass = ClusterNode.class.getName();
    private final List<String> mainArgs = new ArrayList<>();
    private final List<String> javaOptions =
        new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));

    private Options(String name, int count) {
      if (count < 1) {
        throw new IllegalArgumentException("need at least one node, got " + count);
      }
      this.name = name;
      this.count = count;
    }

    /** Jars or class folders every node has on its class path besides the test's (plugins). */
    public Options classpath(Path... entries) {
      for (Path p : entries) {
        classpath.add(p.toAbsolutePath().toString());
      }
      return this;
    }

    /**
     * Another main class for the nodes, which must accept {@link ClusterNode#main}'s arguments
     * followed by {@code args} (the testkit's observing node does), and run a node through
     * {@link ClusterNode#serve}.
     */
    public Options mainClass(String className, String... args) {
      this.mainClass = className;
      this.mainArgs.clear();
      this.mainArgs.addAll(List.of(args));
      return this;
    }

    /** JVM options instead of the defaults. */
    public Options javaOptions(String... options) {
      javaOptions.clear();
      javaOptions.addAll(List.of(options));
      return this;
    }

    /** Starts the JVMs (they join in the background; a ClusterRuntime waits for them). */
    public ChildNodes start() {
      return ChildNodes.start(this);
    }
  }

  private static ChildNodes start(Options o) {
    String name = o.name;
    int count = o.count;
    ChildNodes nodes;
    try {
      nodes = new ChildNodes(Files.createTempDirectory("peerlab-tls-"), o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      ClusterTls.init(nodes.tls, true);
      Files.createDirectories(LOGS);
      nodes.ports.addAll(freePorts(count, List.of()));
      for (int i = 0; i < count; i++) {
        String seed = i > 0 ? "127.0.0.1:" + nodes.seedPort() : null;
        nodes.processes.add(nodes.launch(log(name, i), nodes.ports.get(i), seed, Optional.of(nodes.tls), true));
      }
      return nodes;
    } catch (IOException e) {
      nodes.close();
      throw new UncheckedIOException(e);
    }
  }

  /** The TLS folder (CA, node key and certificate) the nodes and the run process share. */
  public Path tls() {
    return tls;
  }

  /**
   * Starts a JVM that is none of these nodes and tries to join through the seed, talking TLS with
   * {@code tls}'s key material (another CA's), or plain TCP if empty. It retries until {@link
   * #close}.
   *
   * @return its port
   */
  public int stranger(String name, Optional<Path> tls) {
    try {
      int port = freePorts(1, ports).get(0);
      strangers.add(launch(log(name, 0), port, "127.0.0.1:" + seedPort(), tls, false));
      return port;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The output of JVM {@code i} started under {@code name} (a node, or a stranger with i = 0). */
  public static Path log(String name, int i) {
    return LOGS.resolve(name + "-" + i + ".log");
  }

  /**
   * The settings a {@link ClusterRuntime} (this process as the run process) needs to use these
   * nodes: their seed, their count, their TLS folder.
   */
  public ClusterSettings settings() {
    return ClusterSettings.loopback(seedPort(), size()).withTls(tls);
  }

  /** A node ({@code member}: with the options' main class and arguments) or a stranger. */
  private Process launch(Path log, int port, String seed, Optional<Path> tls, boolean member) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> classpath = new ArrayList<>();
    classpath.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    classpath.addAll(options.classpath);
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(options.javaOptions);
    cmd.addAll(List.of("-cp", String.join(File.pathSeparator, classpath),
        member ? options.mainClass : ClusterNode.class.getName(), "--host", "127.0.0.1", "--port", String.valueOf(port)));
    if (seed != null) {
      cmd.addAll(List.of("--seed", seed));
    }
    tls.ifPresent(t -> cmd.addAll(List.of("--tls", t.toString())));
    if (member) {
      cmd.addAll(options.mainArgs);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LIVE.add(p);
    return p;
  }

  public int seedPort() {
    return ports.get(0);
  }

  /** Node {@code i}'s address, {@code 127.0.0.1:port}. */
  public String address(int i) {
    return "127.0.0.1:" + ports.get(i);
  }

  public int size() {
    return processes.size();
  }

  /** The node that sorts last by address, as the coordinator orders members. */
  public int lastByAddress() {
    int best = 0;
    for (int i = 1; i < ports.size(); i++) {
      if (ports.get(i) > ports.get(best)) {
        best = i;
      }
    }
    return best;
  }

  /** SIGKILL node {@code i}: a crash, with no chance to leave the cluster. */
  public void kill(int i) throws InterruptedException {
    Process p = processes.get(i);
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  public boolean allGone() {
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

  /**
   * {@code count} distinct free ports on 127.0.0.1, none of them in {@code taken}. Every socket
   * stays bound until all are chosen: closed one by one, the kernel could hand the same port out
   * twice, and two nodes would then race for it (seen once: the seed lost, and the run waited for a
   * third node that never came).
   */
  static List<Integer> freePorts(int count, List<Integer> taken) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> out = new ArrayList<>();
      while (out.size() < count) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        if (!taken.contains(s.getLocalPort())) {
          out.add(s.getLocalPort());
        }
      }
      return out;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }
}
