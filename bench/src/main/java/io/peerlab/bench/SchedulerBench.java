package io.peerlab.bench;

import com.typesafe.config.ConfigFactory;
import io.peerlab.core.api.Message;
import io.peerlab.core.net.Link;
import io.peerlab.core.net.NetworkModel;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.runtime.DeliveryScheduler;
import io.peerlab.runtime.PekkoConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.dispatch.ExecutionContexts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import scala.concurrent.ExecutionContextExecutor;

/**
 * How late timers fire: peerlab's {@link DeliveryScheduler} against Pekko's scheduler.
 *
 * <p>How to run: {@code java -jar bench/target/benchmarks.jar SchedulerBench} or {@code ./peerlab
 * bench SchedulerBench}.
 *
 * <p>Each sample asks for a wake-up {@code delayMicros} from now and waits for it, so a sample is
 * the delay plus the lateness (and one cross-thread hand-off); lateness = sample - delay, read off
 * the percentiles. The local runtime delays every message and timer through its {@link
 * DeliveryScheduler}; this compares it with Pekko's own scheduler (a hashed wheel) at its default
 * 10 ms tick and at 1 ms, each running the wake-up on its own thread, and with the benchmark thread
 * parking itself ({@link LockSupport#parkNanos}), the operating system's floor.
 */
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class SchedulerBench {

  @Param({"1000", "5000"})
  public long delayMicros;

  private static final ExecutionContextExecutor ON_TIMER_THREAD =
      ExecutionContexts.fromExecutor(Runnable::run);

  /** peerlab's delivery thread, as the local runtime runs it (network model off). */
  @State(Scope.Benchmark)
  public static class Delivery implements DeliveryScheduler.Sink {
    DeliveryScheduler scheduler;
    volatile CompletableFuture<Object> pending;
    long handles;

    @Setup
    public void start() {
      NetworkModel net = new NetworkModel(NetworkSpec.off(), new Link[] {Link.UNLIMITED}, 1);
      scheduler = new DeliveryScheduler(net, this, System.nanoTime(), "bench-delivery");
    }

    @TearDown
    public void stop() {
      scheduler.close();
    }

    @Override
    public void deliver(int to, int from, Message message, long dueNanos) {}

    @Override
    public void fire(int to, long handle, long dueNanos) {
      pending.complete(handle);
    }
  }

  /** A Pekko ActorSystem configured like peerlab's, with the scheduler tick of the subclass. */
  public abstract static class PekkoTimer {
    ActorSystem<Void> system;

    abstract String tick();

    @Setup
    public void start() {
      system =
          ActorSystem.create(
              Behaviors.empty(), "scheduler-bench",
              PekkoConfig.local(
                  ConfigFactory.parseString("pekko.scheduler.tick-duration = " + tick())));
    }

    @TearDown
    public void stop() throws Exception {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @State(Scope.Benchmark)
  public static class Pekko10ms extends PekkoTimer {
    @Override
    String tick() {
      return "10ms";
    }
  }

  @State(Scope.Benchmark)
  public static class Pekko1ms extends PekkoTimer {
    @Override
    String tick() {
      return "1ms";
    }
  }

  @Benchmark
  @Baseline("SchedulerBench.parkNanos")
  public Object deliveryScheduler(Delivery d) {
    CompletableFuture<Object> f = new CompletableFuture<>();
    d.pending = f;
    d.scheduler.timer(d.scheduler.now() + delayMicros * 1_000, 0, ++d.handles);
    return f.join();
  }

  private Object pekko(PekkoTimer p) {
    CompletableFuture<Object> f = new CompletableFuture<>();
    // Run on the scheduler's own thread, as the delivery thread runs its sink: no dispatcher hop.
    p.system.scheduler().scheduleOnce(
        Duration.ofNanos(delayMicros * 1_000), () -> f.complete(Boolean.TRUE), ON_TIMER_THREAD);
    return f.join();
  }

  @Benchmark
  @Baseline("SchedulerBench.parkNanos")
  public Object pekkoScheduler10msTick(Pekko10ms p) {
    return pekko(p);
  }

  @Benchmark
  @Baseline("SchedulerBench.parkNanos")
  public Object pekkoScheduler1msTick(Pekko1ms p) {
    return pekko(p);
  }

  /** The floor: the benchmark thread parks itself for the delay. */
  @Benchmark
  public void parkNanos() {
    LockSupport.parkNanos(delayMicros * 1_000);
  }
}
