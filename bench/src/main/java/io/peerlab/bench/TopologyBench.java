package io.peerlab.bench;

import io.peerlab.core.api.RunSetup;
import io.peerlab.core.peer.OpResult;
import io.peerlab.core.util.Seeds;
import io.peerlab.runtime.LiveSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Lookup and search, one op at a time, on every topology, on the {@code local} runtime.
 *
 * <p>How to run: {@code java -jar bench/target/benchmarks.jar TopologyBench -p peers=64} or
 * {@code ./peerlab bench TopologyBench}.
 *
 * <p>A {@link LiveSystem} (real PeerActors, the local fabric and delivery scheduler) is booted once
 * per trial, then benchmark threads issue ops at client peers and wait for each answer.
 *
 * <ul>
 *   <li>{@code *Latency}: one thread, {@code Mode.SampleTime}: the latency distribution (p50, p99,
 *       p99.9) of one op on an otherwise idle system. Compare with {@link
 *       PekkoBaseline#askLatency} (the shortest Pekko round trip) and {@link
 *       PekkoBaseline#pingPongLatency} (the same hops with no peerlab code).
 *   <li>{@code *Throughput}: four threads, each its own client peer with one op in flight ({@code
 *       Mode.Throughput}). Compare with {@link PekkoBaseline#pingPongThroughput} at the same
 *       concurrency.
 * </ul>
 *
 * Parameters: {@code topology} (add a name to the list once it is in {@code run.Topologies};
 * nothing else changes), {@code peers}, {@code network} ("off": the cost of the actors and the
 * algorithm alone; "on": reference.conf's network model; a duration such as "1ms": its links with
 * that one-way latency, so the floor is the modelled round trip), and {@code set} (extra scenario
 * keys, "key=value;key=value").
 */
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class TopologyBench {

  @Param({"client-server", "central-index", "super-peer", "flooding", "random-walk", "chord", "kademlia"})
  public String topology;

  @Param({"64", "1024"})
  public int peers;

  @Param({"off", "1ms"})
  public String network;

  @Param({""})
  public String set;

  LiveSystem live;

  @Setup(Level.Trial)
  public void boot() {
    RunSetup setup = BenchSpecs.setup(topology, peers, network, List.of(), set);
    live = LiveSystem.start(setup);
  }

  @TearDown(Level.Trial)
  public void stop() {
    live.close();
  }

  /**
   * One benchmark thread: its client peer (threads take distinct clients in address order) and a
   * seeded sequence of target objects, uniform over the catalog.
   */
  @State(Scope.Thread)
  public static class Client {
    int peer;
    int[] objects;
    List<List<String>> queries;
    int index;
    int next;
    long ops;
    long failed;
    long trialOps;
    long trialFailed;
    String firstFailure;

    @Setup(Level.Trial)
    public void pick(TopologyBench b, ThreadParams thread) {
      int[] clients = b.live.clients();
      index = thread.getThreadIndex();
      peer = clients[index % clients.length];
      RunSetup setup = b.live.setup();
      SplittableRandom r = Seeds.random(setup.spec().seed(), "bench-client", thread.getThreadIndex());
      objects = new int[4096];
      queries = new ArrayList<>(objects.length);
      for (int i = 0; i < objects.length; i++) {
        objects[i] = r.nextInt(setup.catalog().size());
        queries.add(List.of(setup.catalog().keywords(objects[i]).get(0)));
      }
    }

    int nextIndex() {
      int i = next;
      next = (i + 1) & (objects.length - 1);
      return i;
    }

    OpResult check(OpResult r) {
      ops++;
      if (!r.ok() && failed++ == 0) {
        firstFailure = r.type().label() + " from peer " + peer + " failed: " + r.failure();
      }
      return r;
    }

    /**
     * Failed ops are part of what is measured (a flood may not reach the object: "not-found" after
     * the overlay's hit timeout) and are reported after each iteration.
     */
    @TearDown(Level.Iteration)
    public void report() {
      if (failed > 0) {
        System.out.printf(
            "%n  thread %d: %d of %d ops failed (first: %s)%n", index, failed, ops, firstFailure);
      }
      trialOps += ops;
      trialFailed += failed;
      ops = 0;
      failed = 0;
      firstFailure = null;
    }

    /** A trial in which every op failed measured nothing: say so as an error. */
    @TearDown(Level.Trial)
    public void noSuccess() {
      if (trialOps > 0 && trialFailed == trialOps) {
        throw new IllegalStateException("every one of " + trialOps + " ops failed");
      }
    }
  }

  private OpResult lookup(Client c) {
    return c.check(live.lookup(c.peer, c.objects[c.nextIndex()]).toCompletableFuture().join());
  }

  private OpResult search(Client c) {
    return c.check(live.search(c.peer, c.queries.get(c.nextIndex())).toCompletableFuture().join());
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Baseline(
      value = {"PekkoBaseline.askLatency", "PekkoBaseline.pingPongLatency"},
      onlyWith = "network=off")
  public OpResult lookupLatency(Client c) {
    return lookup(c);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  @Baseline(
      value = {"PekkoBaseline.pingPongThroughput", "PekkoBaseline.askThroughput"},
      onlyWith = "network=off")
  public OpResult lookupThroughput(Client c) {
    return lookup(c);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Baseline(
      value = {"PekkoBaseline.askLatency", "PekkoBaseline.pingPongLatency"},
      onlyWith = "network=off")
  public OpResult searchLatency(Client c) {
    return search(c);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  @Baseline(
      value = {"PekkoBaseline.pingPongThroughput", "PekkoBaseline.askThroughput"},
      onlyWith = "network=off")
  public OpResult searchThroughput(Client c) {
    return search(c);
  }
}
