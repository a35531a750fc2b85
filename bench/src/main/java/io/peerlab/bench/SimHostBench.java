package io.peerlab.bench;

import io.peerlab.core.api.RunSetup;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.sim.SimHost;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The core alone on the {@code sim} host: how many events (message deliveries plus timer firings)
 * one thread simulates per second of wall time for a lookup workload, the figure discrete-event
 * simulators are usually compared by.
 *
 * <p>How to run: {@code java -jar bench/target/benchmarks.jar SimHostBench -p simPeers=1024} or
 * {@code ./peerlab bench SimHostBench}.
 *
 * <p>Each invocation is one whole run: {@code simPeers} peers built, JOIN, PUBLISH, then {@code
 * opsPerClient} lookups in closed loop from every non-server peer, with reference.conf's network
 * model in virtual time. The {@code events} counter is the primary figure; the invocation rate is
 * runs per second. Building the peers (their overlay, store and per-peer histograms) is part of
 * every run, so the figure is what a user of {@code peerlab run --runtime sim} gets, not the bare
 * event loop; {@code opsPerClient} sets how far it is amortised.
 *
 * <p>{@code topology}: add a name once it is in {@code run.Topologies} ("chord" is the usual
 * comparison with other simulators); nothing else changes. The baseline {@link
 * #priorityQueueLoop} is the floor of any discrete-event loop written in plain Java, with no peer
 * logic, doing the run's queue work: a {@link PriorityQueue} holding as many events as the run
 * held on average, taking and putting back as many entries per run as the run took (an event, a
 * message's downlink stage, a phase step), and counting the run's events. Both figures are then
 * events per second of the same run. {@link SimHostSplit} says how much of a run's time per event
 * is the overlay's own code and how much the simulator's.
 */
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SimHostBench {

  /**
   * Not the unstructured overlays by default: a flooding lookup costs messages in proportion to
   * the peers, so a run of 20 lookups per client at 16384 peers would take an hour; try them with
   * {@code -p topology=flooding -p opsPerClient=1}. Chord and Kademlia include their join
   * protocol and stabilisation in every run.
   */
  @Param({"client-server", "central-index", "chord", "kademlia"})
  public String topology;

  /** 16384 peers need about 2 GB of heap: every peer keeps its own latency histograms. */
  @Param({"1024", "16384"})
  public int simPeers;

  @Param({"20"})
  public int opsPerClient;

  /** Extra scenario keys, "key=value;key=value". */
  @Param({""})
  public String set;

  RunSetup setup;
  long eventsPerRun;
  long stepsPerRun;
  int pendingPerRun;

  /** Events simulated, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Events {
    public long events;

    @Setup(Level.Iteration)
    public void reset() {
      events = 0;
    }
  }

  @Setup(Level.Trial)
  public void build() {
    setup =
        BenchSpecs.setup(
            topology, simPeers, "on",
            List.of(
                "runtime=sim",
                "workload.clients=" + (simPeers - 1),
                "workload.ops=" + (long) opsPerClient * (simPeers - 1),
                "workload.warmup-ops=0",
                "workload.mix.lookup=1",
                "workload.mix.search=0",
                "workload.mix.fetch=0"),
            set);
    SimHost.QueueProfile first = new SimHost().profile(setup, RunControl.quiet());
    check(first.outcome());
    eventsPerRun = first.outcome().events();
    stepsPerRun = first.steps();
    pendingPerRun = (int) Math.round(first.meanQueued());
  }

  private RunOutcome run() {
    return check(new SimHost().run(setup, RunControl.quiet()));
  }

  private static RunOutcome check(RunOutcome out) {
    if (out.deadlineHit() || out.errors() > 0 || !out.notes().isEmpty()) {
      throw new IllegalStateException(
          "the sim run did not finish cleanly (deadline " + out.deadlineHit() + ", errors "
              + out.errors() + "): " + out.notes());
    }
    return out;
  }

  @Benchmark
  @Baseline("SimHostBench.priorityQueueLoop")
  public RunOutcome lookupRun(Events counter) {
    RunOutcome out = run();
    counter.events += out.events();
    return out;
  }

  /** A pending event: when, and for whom. */
  private record Event(long time, int to) implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      return Long.compare(time, o.time);
    }
  }

  @Benchmark
  public long priorityQueueLoop(Events counter) {
    PriorityQueue<Event> queue = new PriorityQueue<>();
    SplittableRandom r = new SplittableRandom(setup.spec().seed());
    for (int i = 0; i < pendingPerRun; i++) {
      queue.add(new Event(r.nextLong(1_000_000), i));
    }
    long sum = 0;
    for (long n = 0; n < stepsPerRun; n++) {
      Event e = queue.poll();
      sum += e.to;
      queue.add(new Event(e.time + 1 + r.nextLong(20_000_000), e.to));
    }
    counter.events += eventsPerRun;
    return sum;
  }
}
