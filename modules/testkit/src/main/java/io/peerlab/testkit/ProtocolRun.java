package io.peerlab.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Settings;
import io.peerlab.core.api.Topology;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.net.Link;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.run.Transfers;
import io.peerlab.core.sim.SimHost;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;
import io.peerlab.runtime.LocalRuntime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;
import org.opentest4j.AssertionFailedError;

/**
 * A seeded run of one topology for a protocol's own JUnit tests, on peerlab's deterministic {@code
 * sim} host ({@link #onSim}), on real actors in this JVM ({@link #onLocal}) or on a real
 * multi-JVM Pekko Cluster ({@link #onCluster}): the same hosts, op scripts and counting as {@code
 * peerlab run --runtime sim|local|cluster}, with every lookup's answer recorded for {@link
 * ProtocolReport}'s checks. The same run description gives the same op scripts on all three; only
 * {@code sim} is deterministic to the message, so {@link #assertRerunsIdentical} runs there.
 *
 * <pre>{@code
 * ProtocolReport r = ProtocolRun.of(new OneHop()).peers(256).seed(7).lookups(32, 2_000)
 *     .settings(new OneHopSettings(1)).onSim();
 * r.assertAllOpsSucceeded()
 *  .assertEveryLookupAnsweredBy(Oracles.ringSuccessor())
 *  .assertMeanHopsAtMost(1.0);
 * }</pre>
 *
 * Defaults: 64 peers, no servers, seed 42, 32 clients doing 1,000 lookups of 1,000 uniformly
 * popular objects, a network of 5–25 ms latency with 1 MiB/s up and 4 MiB/s down per peer, a
 * deadline of one virtual hour on {@code sim} and {@value #REAL_DEADLINE_SECONDS} s of wall time on
 * {@code local} and a cluster ({@link #deadlineSeconds}). Every setter returns this run.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ProtocolRun {
  private static final long MS = 1_000_000L;
  private static final long SEC = 1_000 * MS;
  private static final long MIB = 1L << 20;
  static final long REAL_DEADLINE_SECONDS = 120;
  private static final AtomicLong RUNS = new AtomicLong();

  private final Topology topology;
  private long seed = 42;
  private int peers = 64;
  private int servers;
  private int clients = 32;
  private int ops = 1_000;
  private double lookup = 1;
  private double search;
  private double fetch;
  private int objects = 1_000;
  private int keywordsPerObject;
  private boolean network = true;
  private long opTimeoutNanos = 60 * SEC;
  private long deadlineSeconds;
  private final List<Object> settings = new ArrayList<>();

  private ProtocolRun(Topology topology) {
    this.topology = topology;
  }

  /** A run of {@code topology} (an instance of the protocol's own Topology class). */
  public static ProtocolRun of(Topology topology) {
    return new ProtocolRun(topology);
  }

  public ProtocolRun seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** All peers, servers included. */
  public ProtocolRun peers(int peers) {
    this.peers = peers;
    return this;
  }

  public ProtocolRun servers(int servers) {
    this.servers = servers;
    return this;
  }

  /** {@code clients} peers run {@code ops} lookups in all, closed loop. */
  public ProtocolRun lookups(int clients, int ops) {
    return ops(clients, ops, 1, 0, 0);
  }

  /** {@code clients} peers run {@code ops} ops in all with this mix (shares summing to 1). */
  public ProtocolRun ops(int clients, int ops, double lookup, double search, double fetch) {
    this.clients = clients;
    this.ops = ops;
    this.lookup = lookup;
    this.search = search;
    this.fetch = fetch;
    return this;
  }

  /** The catalog: {@code count} objects with {@code keywordsPerObject} keywords each (for searches). */
  public ProtocolRun objects(int count, int keywordsPerObject) {
    this.objects = count;
    this.keywordsPerObject = keywordsPerObject;
    return this;
  }

  /** Off: every message arrives at once, in send order. */
  public ProtocolRun network(boolean on) {
    this.network = on;
    return this;
  }

  public ProtocolRun opTimeoutNanos(long nanos) {
    this.opTimeoutNanos = nanos;
    return this;
  }

  /**
   * The run's hard limit: virtual time on {@code sim}, wall time on {@code local} and a cluster,
   * where a protocol that stops answering ends the run here (its ops fail with {@code timeout}).
   */
  public ProtocolRun deadlineSeconds(long seconds) {
    if (seconds <= 0) {
      throw new IllegalArgumentException("the deadline must be positive, got " + seconds);
    }
    this.deadlineSeconds = seconds;
    return this;
  }

  /** Settings records the protocol reads with {@code ctx.setup().settings().get(...)}. */
  public ProtocolRun settings(Object... records) {
    settings.addAll(List.of(records));
    return this;
  }

  /** Runs on the sim host and returns what happened; the same configuration gives the same report. */
  public ProtocolReport onSim() {
    List<LookupAnswer> answers = new ArrayList<>();
    RunSetup setup = RunSetup.of(spec(new Observed(topology, answers::add), "testkit", 3_600));
    RunOutcome outcome = new SimHost().run(setup, RunControl.quiet());
    RunResult result = Summaries.summarize(setup, "sim", outcome, null);
    return new ProtocolReport(setup, result, answers);
  }

  /**
   * Runs on peerlab's {@code local} runtime: every peer an actor in one ActorSystem in this JVM,
   * real time, the network model's delays on real timers. Answers, hops and figures are those of
   * real concurrency, so they may differ from run to run; the checks of {@link ProtocolReport}
   * hold all the same for a correct protocol.
   */
  public ProtocolReport onLocal() {
    List<LookupAnswer> answers = Collections.synchronizedList(new ArrayList<>());
    RunSetup setup = RunSetup.of(spec(new Observed(topology, answers::add), "testkit", REAL_DEADLINE_SECONDS));
    RunOutcome outcome = new LocalRuntime().run(setup, RunControl.quiet());
    RunResult result = Summaries.summarize(setup, "local", outcome, null);
    synchronized (answers) {
      return new ProtocolReport(setup, result, answers);
    }
  }

  /**
   * Runs on {@code cluster}'s node JVMs, with this JVM as the run process: the peers are spread
   * over the nodes and talk over Artery (TLS) on 127.0.0.1, with the network model on top. Each
   * node records the lookups its peers answer; the report has them all.
   */
  public ProtocolReport onCluster(TestCluster cluster) {
    String name = "testkit-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
    RunSetup setup = RunSetup.of(spec(topology, name, REAL_DEADLINE_SECONDS));
    RunOutcome outcome = cluster.run(setup);
    RunResult result = Summaries.summarize(setup, "cluster", outcome, null);
    return new ProtocolReport(setup, result, cluster.answers(name));
  }

  /**
   * Runs twice and fails unless both runs are identical, answer by answer and figure by figure:
   * the protocol draws randomness only from its context and time only from the host.
   */
  public ProtocolReport assertRerunsIdentical() {
    ProtocolReport first = onSim();
    // Only sim is deterministic to the message: real runtimes interleave as the threads do.
    ProtocolReport second = onSim();
    String a = first.fingerprint();
    String b = second.fingerprint();
    if (!a.equals(b)) {
      int i = 0;
      while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
        i++;
      }
      throw new AssertionFailedError(
          "two runs with seed " + seed + " differ from character " + i + ": ..."
              + a.substring(Math.max(0, i - 80), Math.min(a.length(), i + 80)) + "... vs ..."
              + b.substring(Math.max(0, i - 80), Math.min(b.length(), i + 80)) + "...",
          a, b);
    }
    return first;
  }

  /** @param defaultDeadlineSeconds the deadline unless {@link #deadlineSeconds} set one */
  private RunSpec spec(Topology observed, String name, long defaultDeadlineSeconds) {
    long deadline = (deadlineSeconds > 0 ? deadlineSeconds : defaultDeadlineSeconds) * SEC;
    Settings s = Settings.of(FetchSettings.forTests());
    for (Object o : settings) {
      s = s.with(o);
    }
    NetworkSpec net =
        new NetworkSpec(network, 5 * MS, 25 * MS, 0.0, new Link(MIB, 4 * MIB), new Link(16 * MIB, 16 * MIB));
    ObjectsSpec objs =
        new ObjectsSpec(objects, 16 * 1024, 16 * 1024, 0.0, keywordsPerObject, Math.max(10, 4 * keywordsPerObject), 1);
    WorkloadSpec workload =
        new WorkloadSpec(LoadMode.CLOSED, clients, ops, 0, 0, 0, lookup, search, fetch, opTimeoutNanos, 1);
    return new RunSpec(
        name, seed, observed, Transfers.get("single-source"), peers, servers, net, objs, workload,
        deadline, Math.min(deadline, 600 * SEC), s);
  }
}
