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
 * io.peerlab.bench.SimHostCpuTime TOPOLOGY PEERS REPS}, e.g. {@code kademlia 1024 5}. Two warm-up
 * runs of each, then REPS measured; prints the median, min and max of each and their ratio.
 */
public final class SimHostCpuTime {
  private SimHostCpuTime() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: SimHostCpuTime TOPOLOGY PEERS REPS");
      System.exit(2);
    }
    SimHostBench b = new SimHostBench();
    b.topology = args[0];
    b.simPeers = Integer.parseInt(args[1]);
    b.opsPerClient = 20;
    b.set = "";
    int reps = Integer.parseInt(args[2]);
    b.build();
    double run = median(b, true, reps);
    double loop = median(b, false, reps);
    System.out.printf("%s %d peers: lookupRun / priorityQueueLoop = %.3f (%d events, %d queue entries"
        + " and %d queued on average per run)%n", b.topology, b.simPeers, run / loop, b.eventsPerRun,
        b.stepsPerRun, b.pendingPerRun);
  }

  private static double median(SimHostBench b, boolean lookupRun, int reps) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] rates = new double[reps];
    for (int i = -2; i < reps; i++) {
      SimHostBench.Events ev = new SimHostBench.Events();
      long c0 = mx.getCurrentThreadCpuTime();
      if (lookupRun) {
        b.lookupRun(ev);
      } else {
        b.priorityQueueLoop(ev);
      }
      long cpu = mx.getCurrentThreadCpuTime() - c0;
      if (i >= 0) {
        rates[i] = ev.events / (cpu / 1e9);
      }
    }
    Arrays.sort(rates);
    System.out.printf("%s %s: %.0f events per CPU second (median of %d; min %.0f, max %.0f)%n",
        b.topology, lookupRun ? "lookupRun" : "priorityQueueLoop", rates[reps / 2], reps, rates[0],
        rates[reps - 1]);
    return rates[reps / 2];
  }
}
