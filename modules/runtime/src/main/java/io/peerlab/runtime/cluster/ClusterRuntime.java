package io.peerlab.runtime.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.run.Outcomes;
import io.peerlab.core.run.PeerRuntime;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.runtime.RunCoordinator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The {@code cluster} runtime: the run process joins a Pekko Cluster of {@code peerlab node}s as a
 * member with role {@value ClusterConfig#COORDINATOR_ROLE} (it hosts no peers), waits until enough
 * nodes are Up, and runs each topology there with a {@link RunCoordinator} over {@link ClusterPeers}. One ActorSystem serves every
 * topology of a scenario (joining takes seconds); {@link #close} leaves the cluster.
 *
 * <p>Every run has a deadline, and the caller stops waiting at the deadline plus a grace period
 * even if the cluster wedges; a member lost mid-run costs its peers, not the run.
 */
public final class ClusterRuntime implements PeerRuntime {
  /** Extra time past the run's deadline before the caller stops waiting for a wedged cluster. */
  private static final long GRACE_SECONDS = 60;

  private static final Duration ASK = Duration.ofSeconds(5);

  /** Messages unacknowledged per member pair on the control lane ({@link Outbox}'s window). */
  public static final int CONTROL_WINDOW = ClusterFabric.CONTROL_WINDOW;
  private static final int CLOCK_PROBES = 8;
  private static final long STATUS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final ClusterSettings settings;
  private final Consumer<String> status;
  private final Config overrides;
  private ActorSystem<SpawnProtocol.Command> system;

  public ClusterRuntime(ClusterSettings settings, Consumer<String> status) {
    this(settings, status, ConfigFactory.empty());
  }

  /** With extra Pekko settings on top of peerlab's (tests use this). */
  public ClusterRuntime(ClusterSettings settings, Consumer<String> status, Config overrides) {
    this.settings = settings;
    this.status = status;
    this.overrides = overrides;
  }

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public boolean realTime() {
    return true;
  }

  /**
   * Joins the cluster and waits for the nodes now, rather than in the first {@link #run}, so that
   * the first run's wall time does not include joining.
   *
   * @throws ClusterException if the cluster or the nodes are not there within the join timeout
   */
  @Override
  public synchronized void open() {
    if (system == null) {
      join();
      awaitNodes(true);
    }
  }

  @Override
  public synchronized RunOutcome run(RunSetup setup, RunControl control) {
    boolean first = system == null;
    if (first) {
      join();
    }
    List<ClusterPeers.Node> nodes = awaitNodes(first);
    List<String> notes = new ArrayList<>();
    if (nodes.isEmpty()) {
      return Outcomes.notRun(setup, "not started: no cluster node is up");
    }
    if (nodes.size() < settings.nodes()) {
      notes.add("ran on " + nodes.size() + " of the " + settings.nodes() + " nodes asked for");
    }
    long runId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    CompletableFuture<RunOutcome> result = new CompletableFuture<>();
    system.getWhenTerminated().thenRun(() -> result.complete(
        Outcomes.notRun(setup, "the run process left the cluster during the run (downed by the split brain resolver?)")));
    boolean model = settings.networkModel();
    spawn(RunCoordinator.create(setup, control, result, new ClusterPeers(runId, nodes, model, notes)), "run-" + runId);
    long waitNanos = setup.spec().deadlineNanos() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
    try {
      return result.get(waitNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return new RunOutcome(
          List.of(), -1, -1, true, null, 0, 0,
          List.of("the cluster run did not end within the deadline plus " + GRACE_SECONDS + " s"), 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the run", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the run failed", e.getCause());
    }
  }

  /**
   * The baseline for cross-member message rates: plain Pekko from the first node to the second
   * ({@link RawBench}), with no peerlab in the way. Needs two nodes.
   */
  public RawBench.Result rawBench(int messages, int window) {
    return rawBench(messages, window, 0);
  }

  /**
   * As {@link #rawBench(int, int)}, with every stream message padded to {@code frameBytes}
   * serialised bytes (the size of {@link #peerStream}'s, to compare the two).
   */
  public synchronized RawBench.Result rawBench(int messages, int window, int frameBytes) {
    List<ClusterPeers.Node> nodes = twoNodes("the raw benchmark");
    ActorRef<NodeGuardian.Command> target = nodes.get(1).guardian();
    try {
      return AskPattern.<NodeGuardian.Command, RawBench.Result>ask(
              nodes.get(0).guardian(), r -> new NodeGuardian.StartRawBench(target, messages, window, frameBytes, r),
              Duration.ofMinutes(5), system.scheduler())
          .toCompletableFuture()
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the benchmark", e);
    } catch (ExecutionException e) {
      throw new ClusterException("the raw benchmark did not finish: " + e.getCause());
    }
  }

  /**
   * peerlab's own cross-member rate, measured as {@link #rawBench} measures plain Pekko: an open
   * loop from the peers of {@code setup} on the first node to those on the second, through the
   * whole peer path ({@link PeerStream}), with messages of {@code frameBytes} serialised bytes
   * (at least their natural size). Needs two nodes; {@code setup} names a topology whose overlay
   * ignores messages it does not know (client-server does).
   *
   * @param warmup messages streamed first and not timed
   * @param messages messages timed
   */
  public synchronized PeerStream.Result peerStream(RunSetup setup, int warmup, int messages, int frameBytes) {
    List<ClusterPeers.Node> nodes = twoNodes("the peer stream");
    CompletableFuture<PeerStream.Result> result = new CompletableFuture<>();
    long runId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    Duration limit = Duration.ofMinutes(5);
    spawn(PeerStream.create(runId, setup, nodes, warmup, messages, frameBytes, limit, result), "stream-" + runId);
    try {
      return result.get(limit.toSeconds() + GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the peer stream", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ClusterException("the peer stream did not finish: " + (e.getCause() == null ? e : e.getCause()).getMessage());
    }
  }

  /** Joins if need be and returns the nodes, at least two, or says that {@code what} needs two. */
  private List<ClusterPeers.Node> twoNodes(String what) {
    boolean first = system == null;
    if (first) {
      join();
    }
    List<ClusterPeers.Node> nodes = awaitNodes(first);
    if (nodes.size() < 2) {
      throw new ClusterException(what + " needs two nodes, found " + nodes.size());
    }
    return nodes;
  }

  /** Leaves the cluster and stops this process's member. */
  @Override
  public synchronized void close() {
    if (system == null) {
      return;
    }
    ActorSystem<?> s = system;
    system = null;
    CoordinatedShutdown.get(s).runAll(CoordinatedShutdown.unknownReason());
    try {
      s.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      s.terminate();
    }
  }

  /** {@code host:port} of every member this process sees in the cluster (itself included). */
  synchronized Set<String> memberAddresses() {
    open();
    Set<String> all = new HashSet<>();
    for (Member m : Cluster.get(system).state().getMembers()) {
      all.add(HostPort.of(m.address()));
    }
    return all;
  }

  private static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return true; // Artery fails to bind it and says so
    }
  }

  private List<HostPort> seeds() {
    List<HostPort> seeds = new ArrayList<>();
    for (String s : settings.seedNodes()) {
      seeds.add(HostPort.parse(s));
    }
    return seeds;
  }

  private void join() {
    status.accept("joining the cluster through " + String.join(", ", settings.seedNodes())
        + "; waiting for " + settings.nodes() + " node" + (settings.nodes() == 1 ? "" : "s"));
    if (settings.tls().isEmpty() && !isLoopback(settings.host())) {
      status.accept("warning: this process binds " + settings.host() + " without TLS, so anyone who reaches it"
          + " can join the cluster; give it --tls (peerlab.cluster.tls) as the nodes have (docs/cluster.md)");
    }
    Config config =
        ClusterConfig.member(
            new HostPort(settings.host(), settings.port()), seeds(), ClusterConfig.COORDINATOR_ROLE,
            settings.tlsDir(), overrides);
    system = ActorSystem.create(
        Behaviors.setup(ctx -> SpawnProtocol.create()), ClusterConfig.SYSTEM, config);
  }

  /**
   * Waits up to the join timeout for {@code settings.nodes()} nodes that are Up, reachable and
   * registered. The first time, falling short is an error with advice; later (a node was lost in
   * an earlier run) the run goes on with the nodes there are.
   */
  private List<ClusterPeers.Node> awaitNodes(boolean first) {
    long start = System.nanoTime();
    long end = start + settings.joinTimeoutNanos();
    long nextStatus = start + STATUS_EVERY_NANOS;
    Cluster cluster = Cluster.get(system);
    List<ActorRef<NodeGuardian.Command>> found = List.of();
    while (true) {
      boolean selfUp = cluster.selfMember().status() == MemberStatus.up();
      if (selfUp) {
        found = upNodes(cluster);
        if (found.size() >= settings.nodes()) {
          break;
        }
      }
      long now = System.nanoTime();
      if (now >= end) {
        if (!first) {
          break;
        }
        long secs = TimeUnit.NANOSECONDS.toSeconds(settings.joinTimeoutNanos());
        String seeds = String.join(", ", settings.seedNodes());
        close();
        if (!selfUp) {
          throw new ClusterException(
              "could not join the cluster through seed node " + seeds + " within " + secs
                  + " s; is 'peerlab node --port " + HostPort.parse(settings.seedNodes().get(0)).port()
                  + (settings.tls().isEmpty() ? "" : " --tls <a copy of " + settings.tls() + ">")
                  + "' running there, and can it reach this process at " + settings.host()
                  + "? (docs/cluster.md)");
        }
        throw new ClusterException(
            "only " + found.size() + " of the " + settings.nodes() + " nodes asked for (--nodes) were up after "
                + secs + " s" + (found.isEmpty() ? "" : " (" + addresses(found) + ")")
                + "; start more with 'peerlab node --seed " + settings.seedNodes().get(0)
                + " --port 0', or ask for fewer");
      }
      if (now >= nextStatus) {
        nextStatus = now + STATUS_EVERY_NANOS;
        status.accept(selfUp
            ? String.format(Locale.ROOT, "waiting for %d nodes: %d up so far%s", settings.nodes(), found.size(),
                found.isEmpty() ? "" : " (" + addresses(found) + ")")
            : "waiting to join the cluster through " + String.join(", ", settings.seedNodes()));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for cluster nodes", e);
      }
    }
    List<ClusterPeers.Node> nodes = new ArrayList<>();
    for (ActorRef<NodeGuardian.Command> g : found) {
      ClockSync sync = new ClockSync();
      for (int i = 0; i < CLOCK_PROBES; i++) {
        long t0 = System.nanoTime();
        try {
          NodeGuardian.ClockReading r =
              AskPattern.<NodeGuardian.Command, NodeGuardian.ClockReading>ask(
                      g, NodeGuardian.ClockProbe::new, ASK, system.scheduler())
                  .toCompletableFuture()
                  .get();
          sync.sample(t0, r.nanos(), System.nanoTime());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while probing clocks", e);
        } catch (ExecutionException e) {
          break;
        }
      }
      if (sync.hasSample()) {
        Address a = g.path().address();
        nodes.add(new ClusterPeers.Node(HostPort.of(a), a, g, sync.offsetNanos()));
      }
    }
    return nodes;
  }

  /** Registered node guardians on members that are Up and reachable, sorted by address. */
  private List<ActorRef<NodeGuardian.Command>> upNodes(Cluster cluster) {
    Receptionist.Listing listing;
    try {
      listing =
          AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                  system.receptionist(), r -> Receptionist.find(NodeGuardian.KEY, r), ASK, system.scheduler())
              .toCompletableFuture()
              .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking for cluster nodes", e);
    } catch (ExecutionException e) {
      return List.of();
    }
    Set<Address> up = new HashSet<>();
    Set<Member> unreachable = cluster.state().getUnreachable();
    for (Member m : cluster.state().getMembers()) {
      if (m.status() == MemberStatus.up() && m.hasRole(ClusterConfig.NODE_ROLE) && !unreachable.contains(m)) {
        up.add(m.address());
      }
    }
    List<ActorRef<NodeGuardian.Command>> out = new ArrayList<>();
    for (ActorRef<NodeGuardian.Command> g : listing.getServiceInstances(NodeGuardian.KEY)) {
      if (up.contains(g.path().address())) {
        out.add(g);
      }
    }
    out.sort(Comparator.comparing((ActorRef<NodeGuardian.Command> g) -> g.path().address().host().getOrElse(() -> ""))
        .thenComparing(g -> (Integer) g.path().address().port().getOrElse(() -> 0)));
    return out;
  }

  private static String addresses(List<ActorRef<NodeGuardian.Command>> refs) {
    List<String> out = new ArrayList<>();
    for (ActorRef<NodeGuardian.Command> g : refs) {
      out.add(HostPort.of(g.path().address()));
    }
    return String.join(", ", out);
  }

  private <T> void spawn(org.apache.pekko.actor.typed.Behavior<T> behavior, String name) {
    try {
      AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(
              system, r -> new SpawnProtocol.Spawn<>(behavior, name, Props.empty(), r), ASK, system.scheduler())
          .toCompletableFuture()
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the run", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not start the run's coordinator", e.getCause());
    }
  }
}
