package io.peerlab.bench;

import io.peerlab.core.api.RunSetup;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.sim.SimHost;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The sim host's share of a {@code config/scenarios/chord-scale.conf} run, in process: the main
 * thread's CPU time of each whole run (building the peers, warm start, publish, 10,000 lookups by
 * 1,000 clients, upkeep on), without the JVM's start-up, the scenario loading or the report that a
 * {@code peerlab run} adds, and without GC threads. On a shared machine this moves much less with
 * the load than a whole process's wall time.
 *
 * <p>How to run: {@code java -XX:+UseParallelGC -Xmx4g -cp bench/target/benchmarks.jar
 * io.peerlab.bench.SimScaleCpuTime PEERS REPS [TOPOLOGY]}, e.g. {@code 100000 3}. The first run
 * includes the JIT's warm-up; prints one line per run with its events (deterministic: seed
 * 1234567890, as {@code compare.py} runs it) and queue profile.
 */
public final class SimScaleCpuTime {
  private SimScaleCpuTime() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: SimScaleCpuTime PEERS REPS [TOPOLOGY]");
      System.exit(2);
    }
    int peers = Integer.parseInt(args[0]);
    int reps = Integer.parseInt(args[1]);
    String topology = args.length > 2 ? args[2] : "chord";
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int r = 0; r < reps; r++) {
      RunSetup setup = BenchSpecs.setup(topology, peers, "on", List.of(
          "seed=1234567890", "servers=0", "deadline=30m", "phase-timeout=10m",
          "network.latency={min=5ms,max=25ms}",
          "objects.count=10000", "objects.size=16KiB", "objects.chunk-size=16KiB",
          "objects.popularity=0", "objects.keywords-per-object=0", "objects.replicas=1",
          "workload.mode=closed", "workload.clients=1000", "workload.ops=10000",
          "workload.warmup-ops=0", "workload.mix.lookup=1.0", "workload.mix.search=0",
          "workload.mix.fetch=0", "workload.op-timeout=60s",
          "chord.successors=8", "chord.warm-start=true"), "");
      long c0 = mx.getCurrentThreadCpuTime();
      SimHost.QueueProfile p = new SimHost().profile(setup, RunControl.quiet());
      long cpu = mx.getCurrentThreadCpuTime() - c0;
      System.out.printf("%s %d peers, run %d: %.2f s CPU, %d events, %d queue entries taken,"
              + " %.0f queued on average, notes %s%n", topology, peers, r, cpu / 1e9,
          p.outcome().events(), p.steps(), p.meanQueued(), p.outcome().notes());
    }
  }
}
