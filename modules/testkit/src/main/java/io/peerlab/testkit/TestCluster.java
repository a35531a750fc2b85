package io.peerlab.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.api.RunSetup;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.runtime.cluster.ChildNodes;
import io.peerlab.runtime.cluster.ClusterRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * A real multi-JVM Pekko Cluster on 127.0.0.1 for {@link ProtocolRun#onCluster}: {@code nodes}
 * {@code peerlab node} JVMs started with the test's class path (so the protocol under test and its
 * {@code META-INF/services} entry are on every node) plus any plugin jars given, talking TLS with a
 * throwaway CA, and this JVM as the run process. Start one per test class and close it after:
 *
 * <pre>{@code
 * static TestCluster cluster;
 * @BeforeAll static void start() { cluster = TestCluster.start("my-overlay", 2); }
 * @AfterAll static void stop() { cluster.close(); }
 * }</pre>
 *
 * It is peerlab's own multi-JVM harness ({@link ChildNodes}, which peerlab's cluster tests use)
 * with nodes that report every lookup's answer back to the test. Each node's output goes to
 * {@code target/cluster-logs/<name>-<i>.log}. Starting the JVMs and forming the cluster takes a
 * few seconds; the first run waits for it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TestCluster implements AutoCloseable {
  private final ChildNodes nodes;
  private final ClusterRuntime runtime;
  private final Path answers;

  private TestCluster(ChildNodes nodes, ClusterRuntime runtime, Path answers) {
    this.nodes = nodes;
    this.runtime = runtime;
    this.answers = answers;
  }

  /**
   * Starts {@code nodes} node JVMs, logs named {@code name}.
   *
   * @param plugins jars or class folders that every node loads besides the test's class path
   *     (the test's JVM must see the same topology: it is the one handed to {@link ProtocolRun#of})
   */
  public static TestCluster start(String name, int nodes, Path... plugins) {
    Path answers;
    try {
      answers = Files.createTempDirectory("peerlab-testkit-answers-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChildNodes children = ChildNodes.options(name, nodes).classpath(plugins)
        .mainClass(ObservingNode.class.getName(), ObservingNode.ANSWERS, answers.toString()).start();
    ClusterRuntime runtime = new ClusterRuntime(children.settings(), s -> System.out.println("cluster: " + s));
    return new TestCluster(children, runtime, answers);
  }

  /** How many node JVMs host the peers. */
  public int size() {
    return nodes.size();
  }

  /** The node JVMs (to kill one, say). */
  public ChildNodes nodes() {
    return nodes;
  }

  RunOutcome run(RunSetup setup) {
    return runtime.run(setup, RunControl.quiet());
  }

  /** What the nodes answered in the run named {@code scenario}. */
  List<LookupAnswer> answers(String scenario) {
    return ObservingNode.read(answers, scenario);
  }

  /** Leaves the cluster, stops the node JVMs and deletes their TLS folder and answer files. */
  @Override
  public void close() {
    try {
      runtime.close();
    } finally {
      nodes.close();
      try (Stream<Path> files = Files.walk(answers)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        System.err.println("could not delete " + answers + ": " + e);
      }
    }
  }
}
