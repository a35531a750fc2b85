package io.peerlab.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.peer.OpResult;
import io.peerlab.core.peer.PeerNode;
import io.peerlab.core.run.MessageObserver;
import io.peerlab.core.run.ProgressListener;
import io.peerlab.core.workload.Op;
import io.peerlab.core.workload.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A topology running on the local runtime and waiting for ops: every peer a {@link PeerActor} in
 * one ActorSystem, booted through the run's JOIN phase, the topology's settle time and the PUBLISH
 * phase, and then left running. Ops come from the caller, one at a time, from any thread: {@link
 * #lookup}, {@link #search} and {@link #fetch} start an op at a client peer and complete with its
 * {@link OpResult} when the peer has an answer (or when the run's op timeout passes).
 *
 * <p>This is the host the JMH benchmarks measure, and a handle for interactive use and teaching
 * (start a system, send a few lookups, watch the messages with a {@link MessageObserver}). Peers,
 * the network model, timers and delivery are exactly those of {@link LocalRuntime}; the op
 * scripts of the run's workload are never started. Nothing is recorded in the peers' stats: the
 * caller gets every op's result.
 *
 * <pre>{@code
 * try (LiveSystem live = LiveSystem.start(setup)) {
 *   OpResult r = live.lookup(live.clients()[0], 7).toCompletableFuture().join();
 * }
 * }</pre>
 */
public final class LiveSystem implements AutoCloseable {
  /** How long {@link #close} waits for the peers to stop and fail the ops still in flight. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private static final int MAX_ERROR_NOTES = 5;

  private final RunSetup setup;
  private final ActorSystem<Void> system;
  private final List<ActorRef<PeerActor.Command>> peers;
  private final DeliveryScheduler scheduler;
  private final int[] clients;
  private final Boot boot;
  private final List<String> errorNotes = new ArrayList<>();
  private int errors;
  private volatile boolean closed;

  private LiveSystem(
      RunSetup setup, MessageObserver observer, Config pekkoOverrides, DeliveryGate gate) {
    this.setup = setup;
    this.boot = new Boot(setup.peers());
    LocalFabric fabric =
        new LocalFabric(
            setup.spec().network().enabled(), ProgressListener.NONE, observer, boot::phaseDone,
            this::failure, gate);
    CompletableFuture<List<ActorRef<PeerActor.Command>>> spawned = new CompletableFuture<>();
    this.system =
        ActorSystem.create(spawnPeers(setup, fabric, spawned), "peerlab-live",
            PekkoConfig.local(pekkoOverrides));
    this.peers = spawned.join();
    this.scheduler =
        new DeliveryScheduler(setup.newNetworkModel(), fabric, System.nanoTime(), "peerlab-live-delivery");
    fabric.wire(peers, scheduler);
    this.clients =
        java.util.stream.IntStream.range(0, setup.peers())
            .filter(a -> setup.directory().get(a).role().issues())
            .toArray();
  }

  /** Boots {@code setup}'s topology and returns once every peer has joined and published. */
  public static LiveSystem start(RunSetup setup) {
    return start(setup, null, ConfigFactory.empty());
  }

  /**
   * Boots {@code setup}'s topology and returns once every peer has joined and published.
   *
   * @param observer sees every delivered message (boot included), or null
   * @param pekkoOverrides Pekko settings on top of peerlab's ({@link PekkoConfig})
   * @throws IllegalStateException if JOIN or PUBLISH does not finish within the run's phase
   *     timeout; the system is stopped first
   */
  public static LiveSystem start(RunSetup setup, MessageObserver observer, Config pekkoOverrides) {
    return start(setup, observer, pekkoOverrides, null);
  }

  /**
   * As {@link #start(RunSetup, MessageObserver, Config)}, with every delivery passing through
   * {@code gate} (pause, step: peerlab demo), boot included.
   *
   * @param gate a hold on deliveries, or null for none
   */
  public static LiveSystem start(
      RunSetup setup, MessageObserver observer, Config pekkoOverrides, DeliveryGate gate) {
    LiveSystem live = new LiveSystem(setup, observer, pekkoOverrides, gate);
    try {
      live.await(Phase.JOIN);
      long settle = setup.topology().settleNanos(setup);
      if (settle > 0) {
        CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(settle, TimeUnit.NANOSECONDS))
            .join();
      }
      live.await(Phase.PUBLISH);
      return live;
    } catch (RuntimeException e) {
      live.close();
      throw e;
    }
  }

  private static Behavior<Void> spawnPeers(
      RunSetup setup, LocalFabric fabric, CompletableFuture<List<ActorRef<PeerActor.Command>>> out) {
    return Behaviors.setup(ctx -> {
      List<ActorRef<PeerActor.Command>> refs = new ArrayList<>(setup.peers());
      for (int a = 0; a < setup.peers(); a++) {
        refs.add(ctx.spawn(PeerActor.create(a, setup, fabric), "peer-" + a));
      }
      out.complete(List.copyOf(refs));
      return Behaviors.empty();
    });
  }

  private void await(Phase phase) {
    CompletableFuture<Void> done = boot.begin(phase, peers);
    long timeout = setup.spec().phaseTimeoutNanos();
    try {
      done.get(timeout, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the " + phase.name().toLowerCase() + " phase of " + setup.topology().name()
              + " did not finish within " + Duration.ofNanos(timeout).toSeconds() + " s: "
              + boot.pending() + " of " + setup.peers() + " peers not done");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while booting the live system", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("booting the live system failed", e.getCause());
    }
  }

  // ---- ops ----

  /** Finds the peers responsible for object {@code object} (an index into the run's catalog). */
  public CompletionStage<OpResult> lookup(int peer, int object) {
    return submit(peer, new Op(0, OpType.LOOKUP, checkObject(object), List.of(), -1));
  }

  /** Finds the objects that carry every one of {@code keywords}. */
  public CompletionStage<OpResult> search(int peer, List<String> keywords) {
    if (keywords.isEmpty()) {
      throw new IllegalArgumentException("a search needs at least one keyword");
    }
    return submit(peer, new Op(0, OpType.SEARCH, 0, keywords, -1));
  }

  /** Locates and downloads object {@code object}, every chunk verified against its manifest. */
  public CompletionStage<OpResult> fetch(int peer, int object) {
    return submit(peer, new Op(0, OpType.FETCH, checkObject(object), List.of(), -1));
  }

  /**
   * Starts {@code op} at {@code peer} ({@link io.peerlab.core.peer.PeerNode#submit}); the result
   * comes on a peer's thread, so callers that do more than hand it on should move to their own
   * executor ({@code thenApplyAsync}).
   */
  public CompletionStage<OpResult> submit(int peer, Op op) {
    checkIssuer(peer);
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("the live system is closed"));
    }
    CompletableFuture<OpResult> result = new CompletableFuture<>();
    peers.get(peer).tell(new PeerActor.Submit(op, result::complete));
    return result;
  }

  /**
   * Runs {@code look} with peer {@code peer}'s node on the peer's own thread (between two of its
   * events) and completes with what it returns: a consistent read of protocol state for a
   * teaching view. {@code look} must only read.
   */
  public <T> CompletionStage<T> inspect(int peer, java.util.function.Function<PeerNode, T> look) {
    return onNode(peer, look);
  }

  /**
   * Crashes peer {@code peer} now, as a planned crash of the churn model does ({@link
   * PeerNode#crash}): its ops in flight fail, its overlay state is lost, it ignores what arrives
   * until {@link #restart}. Completes once done on the peer's thread.
   */
  public CompletionStage<Void> crash(int peer) {
    return onNode(peer, node -> {
      node.crash();
      return null;
    });
  }

  /** Brings a crashed peer back ({@link PeerNode#restart}): it rejoins through its overlay. */
  public CompletionStage<Void> restart(int peer) {
    return onNode(peer, node -> {
      node.restart();
      return null;
    });
  }

  private <T> CompletionStage<T> onNode(int peer, java.util.function.Function<PeerNode, T> call) {
    if (peer < 0 || peer >= setup.peers()) {
      throw new IllegalArgumentException(
          "no peer " + peer + ": addresses are 0.." + (setup.peers() - 1));
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    peers.get(peer).tell(new PeerActor.WithNode(node -> {
      try {
        result.complete(call.apply(node));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    }));
    return result;
  }

  /**
   * Slows the network model down {@code factor} times from now on ({@link
   * DeliveryScheduler#stretch}); 1 is real speed. Timers are not stretched.
   */
  public void slowdown(double factor) {
    scheduler.stretch(factor);
  }

  // ---- what it is ----

  public RunSetup setup() {
    return setup;
  }

  /** Addresses of the peers that can issue ops (role CLIENT or BOTH), ascending. */
  public int[] clients() {
    return clients.clone();
  }

  /** Run time now, in nanoseconds since the system started (the clock ops are timed with). */
  public long now() {
    return scheduler.now();
  }

  /** The ActorSystem the peers live in. */
  public ActorSystem<Void> system() {
    return system;
  }

  /** Messages the network model dropped so far. */
  public long messagesLost() {
    return scheduler.lost();
  }

  /** Exceptions peer logic threw so far (each peer carried on after it). */
  public synchronized int errors() {
    return errors;
  }

  /** The first few of those exceptions, one line each. */
  public synchronized List<String> errorNotes() {
    return List.copyOf(errorNotes);
  }

  /**
   * Stops every peer (ops still in flight complete as failed, "unfinished"), then the delivery
   * thread and the ActorSystem. Ops submitted after this fail at once.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<CompletableFuture<PeerActor.Finished>> stopped = new ArrayList<>(peers.size());
    for (ActorRef<PeerActor.Command> p : peers) {
      stopped.add(
          AskPattern.<PeerActor.Command, PeerActor.Finished>ask(
                  p, PeerActor.Finish::new, STOP_TIMEOUT, system.scheduler())
              .toCompletableFuture());
    }
    try {
      CompletableFuture.allOf(stopped.toArray(new CompletableFuture<?>[0]))
          .get(STOP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Stopping anyway: a peer that did not answer has nothing left to say.
    }
    scheduler.close();
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // A slow shutdown is not worth an exception in close().
    }
  }

  // ---- internals ----

  private void checkIssuer(int peer) {
    if (peer < 0 || peer >= setup.peers()) {
      throw new IllegalArgumentException(
          "no peer " + peer + ": addresses are 0.." + (setup.peers() - 1));
    }
    if (!setup.directory().get(peer).role().issues()) {
      throw new IllegalArgumentException(
          "peer " + peer + " is a " + setup.directory().get(peer).role() + " in "
              + setup.topology().name() + " and issues no ops; clients are " + describeClients());
    }
  }

  private String describeClients() {
    if (clients.length == 0) {
      return "none";
    }
    boolean contiguous = clients[clients.length - 1] - clients[0] == clients.length - 1;
    return contiguous
        ? clients[0] + ".." + clients[clients.length - 1]
        : java.util.Arrays.toString(clients);
  }

  private int checkObject(int object) {
    if (object < 0 || object >= setup.catalog().size()) {
      throw new IllegalArgumentException(
          "no object " + object + ": the catalog has objects 0.." + (setup.catalog().size() - 1));
    }
    return object;
  }

  private synchronized void failure(int peer, Throwable error) {
    errors++;
    if (errorNotes.size() < MAX_ERROR_NOTES) {
      errorNotes.add("peer " + peer + " threw " + error);
    }
  }

  /** The boot phases: begin one on every peer and complete when every peer reports it done. */
  private static final class Boot {
    private final int peers;
    private final BitSet reported = new BitSet();
    private Phase phase;
    private CompletableFuture<Void> done = new CompletableFuture<>();

    Boot(int peers) {
      this.peers = peers;
    }

    synchronized CompletableFuture<Void> begin(Phase p, List<ActorRef<PeerActor.Command>> refs) {
      phase = p;
      reported.clear();
      done = new CompletableFuture<>();
      for (ActorRef<PeerActor.Command> ref : refs) {
        ref.tell(new PeerActor.Begin(p));
      }
      return done;
    }

    synchronized void phaseDone(int peer, Phase p) {
      if (p == phase && !reported.get(peer)) {
        reported.set(peer);
        if (reported.cardinality() == peers) {
          done.complete(null);
        }
      }
    }

    synchronized int pending() {
      return peers - reported.cardinality();
    }
  }
}
