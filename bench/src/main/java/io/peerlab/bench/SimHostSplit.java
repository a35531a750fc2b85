package io.peerlab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a {@link SimHostBench} event's time goes: the overlay's own code (its routing state,
 * lookups and DHT store, everything in {@code io.peerlab.core.overlay}) against the rest (the
 * event queue, the network model, the peer around the overlay, its counters and timers), so that
 * the bench's ratio to the bare queue loop can be read as "simulator" and "protocol".
 *
 * <p>How to run: {@code java -XX:+UseParallelGC -Xmx3g -cp bench/target/benchmarks.jar
 * io.peerlab.bench.SimHostSplit TOPOLOGY PEERS REPS}, e.g. {@code kademlia 1024 5}. It warms up as
 * {@link SimHostCpuTime} does, then runs REPS lookup runs; a JDK Flight Recording samples this
 * thread's stack every millisecond throughout, and each sample of the REPS runs goes to the innermost frame of a peerlab
 * class: a sample in {@code java.util} code that the overlay called counts as the overlay's, one in
 * {@code ctx.send} as the simulator's. {@code RequestTracker} (the overlays' timeouts) counts as the
 * simulator's, which makes the overlay's share a lower bound. Then the bare loop's CPU time per
 * event, as {@link SimHostCpuTime} measures it, and what 0.5x of it leaves.
 *
 * <p>Sampling shares are estimates: a sample can land a few instructions late ("skid"), which moves
 * time between neighbouring lines far more than between packages.
 */
public final class SimHostSplit {
  private SimHostSplit() {}

  /** Classes whose samples are the overlay's: the protocol's own code. */
  static final String OVERLAY = "io.peerlab.core.overlay.";

  public static void main(String[] args) throws IOException {
    SimHostBench b = SimHostCpuTime.fromArgs("SimHostSplit", args);
    int reps = Integer.parseInt(args[2]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    Path file = Files.createTempFile("simhost-split", ".jfr");
    long events = 0;
    long cpu;
    Instant from;
    Instant to;
    // Recording from before the warm-up: starting one later makes the JIT's code run slower for a
    // while (a chord run measured 33 % slower), so only the samples of the measured runs count.
    try (Recording rec = new Recording()) {
      rec.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1)).withStackTrace();
      rec.start();
      SimHostCpuTime.warmUp(b, true);
      from = Instant.now();
      long c0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < reps; i++) {
        events += SimHostCpuTime.oneRun(b, true);
      }
      cpu = mx.getCurrentThreadCpuTime() - c0;
      to = Instant.now();
      rec.stop();
      rec.dump(file);
    }
    long[] split = split(file, Thread.currentThread().getId(), from, to);
    Files.deleteIfExists(file);

    SimHostCpuTime.warmUp(b, false);
    long loopEvents = 0;
    long c1 = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < reps; i++) {
      loopEvents += SimHostCpuTime.oneRun(b, false);
    }
    long loopCpu = mx.getCurrentThreadCpuTime() - c1;

    double perEvent = (double) cpu / events;
    double loopPerEvent = (double) loopCpu / loopEvents;
    long samples = split[0] + split[1];
    if (samples == 0) {
      System.out.println("no samples of this thread were recorded: run more REPS");
      return;
    }
    double overlayShare = (double) split[0] / samples;
    double overlayNanos = perEvent * overlayShare;
    double restNanos = perEvent - overlayNanos;
    double budget = 2 * loopPerEvent; // 0.5x of the bare loop's rate
    System.out.printf("%s %d peers, %d runs (%d events each): %.0f ns of CPU per event%n",
        b.topology, b.simPeers, reps, b.eventsPerRun, perEvent);
    System.out.printf("  overlay's code (%s*): %.1f %% of %d samples, %.0f ns per event%n",
        OVERLAY, 100 * overlayShare, samples, overlayNanos);
    System.out.printf("  simulator and peer around it:            %.0f ns per event%n", restNanos);
    System.out.printf("  bare queue loop: %.0f ns per event; 0.5x of its rate leaves %.0f ns per event"
        + " (lookupRun / loop now %.3f; with the overlay's code free it would be %.3f)%n",
        loopPerEvent, budget, loopPerEvent / perEvent, loopPerEvent / restNanos);
  }

  /**
   * {overlay samples, other samples} of the thread {@code javaThreadId} in the recording, taken
   * between {@code from} and {@code to}.
   */
  static long[] split(Path file, long javaThreadId, Instant from, Instant to) throws IOException {
    long[] out = new long[2];
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedThread t = e.getThread("sampledThread");
      RecordedStackTrace st = e.getStackTrace();
      if (t == null || t.getJavaThreadId() != javaThreadId || st == null
          || e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
        continue;
      }
      List<String> classes = new ArrayList<>();
      for (RecordedFrame f : st.getFrames()) {
        if (f.isJavaFrame()) {
          classes.add(f.getMethod().getType().getName());
        }
      }
      int owner = owner(classes);
      if (owner >= 0) {
        out[owner]++;
      }
    }
    return out;
  }

  /**
   * Whose a sample is, from its frames' classes, innermost first: 0 the overlay's, 1 the rest's, by
   * the innermost peerlab class; -1 when no frame is peerlab's.
   */
  static int owner(List<String> classes) {
    for (String c : classes) {
      if (c.startsWith("io.peerlab.")) {
        return c.startsWith(OVERLAY) ? 0 : 1;
      }
    }
    return -1;
  }
}
