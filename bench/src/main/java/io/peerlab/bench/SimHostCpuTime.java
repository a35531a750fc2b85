package io.peerlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * {@link SimHostBench}'s two figures in events per second of this thread's CPU time instead of
 * wall time: on a machine shared with other builds, JMH's wall-clock scores move with the load
 * (errors larger than the scores), CPU time much less.
 *
 * <p>How to run: {@code java -XX:+UseParallelGC -Xmx3g -cp bench/target/benchmarks.jar
 * io.peerlab.bench.SimHostCpuTime TOPOLOGY PEERS REPS}, e.g. {@code kademlia 1024 5}. Each of
 * the two first warms up for 5 s of CPU time (two runs at least), as JMH's warm-up iterations would;
 * then REPS measured runs; prints the median, min and max of each and their ratio.
 */
public final class SimHostCpuTime {
  private SimHostCpuTime() {}

  public static void main(String[] args) {
    SimHostBench b = fromArgs("SimHostCpuTime", args);
    int reps = Integer.parseInt(args[2]);
    double run = median(b, true, reps);
    double loop = median(b, false, reps);
    System.out.printf("%s %d peers: lookupRun / priorityQueueLoop = %.3f (%d events, %d queue entries"
        + " and %d queued on average per run)%n", b.topology, b.simPeers, run / loop, b.eventsPerRun,
        b.stepsPerRun, b.pendingPerRun);
  }

  /**
   * The bench a {@code TOPOLOGY PEERS REPS} command line of {@code tool} names, built (its first
   * run made); a wrong count of arguments prints the usage and exits with 2.
   */
  static SimHostBench fromArgs(String tool, String[] args) {
    if (args.length != 3) {
      System.err.println("usage: " + tool + " TOPOLOGY PEERS REPS");
      System.exit(2);
    }
    SimHostBench b = new SimHostBench();
    b.topology = args[0];
    b.simPeers = Integer.parseInt(args[1]);
    b.opsPerClient = 20;
    b.set = "";
    b.build();
    return b;
  }

  /** CPU time spent warming up each of the two before measuring. */
  static final long WARM_UP_NANOS = 5_000_000_000L;

  static long oneRun(SimHostBench b, boolean lookupRun) {
    SimHostBench.Events ev = new SimHostBench.Events();
    if (lookupRun) {
      b.lookupRun(ev);
    } else {
      b.priorityQueueLoop(ev);
    }
    return ev.events;
  }

  /** Runs until {@link #WARM_UP_NANOS} of this thread's CPU time went by, at least two runs. */
  static void warmUp(SimHostBench b, boolean lookupRun) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long warmStart = mx.getCurrentThreadCpuTime();
    for (int w = 0; w < 2 || mx.getCurrentThreadCpuTime() - warmStart < WARM_UP_NANOS; w++) {
      oneRun(b, lookupRun);
    }
  }

  private static double median(SimHostBench b, boolean lookupRun, int reps) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] rates = new double[reps];
    // Warm-up as JMH's would be (SimHostBench: iterations of seconds each): runs until WARM_UP_NANOS
    // of this thread's CPU time went by, at least two. A small run lasts a few milliseconds, so a
    // fixed two runs measured code the JIT had not finished compiling (client-server: 0.48x after
    // two warm-up runs, 0.63x after forty; the baseline loop is short and simple, warm much sooner).
    warmUp(b, lookupRun);
    for (int i = 0; i < reps; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long events = oneRun(b, lookupRun);
      long cpu = mx.getCurrentThreadCpuTime() - c0;
      rates[i] = events / (cpu / 1e9);
    }
    Arrays.sort(rates);
    System.out.printf("%s %s: %.0f events per CPU second (median of %d; min %.0f, max %.0f)%n",
        b.topology, lookupRun ? "lookupRun" : "priorityQueueLoop", rates[reps / 2], reps, rates[0],
        rates[reps - 1]);
    return rates[reps / 2];
  }
}
