package io.peerlab.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.run.PeerRuntime;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The {@code local} runtime, peerlab's default: every peer a {@link PeerActor} in one ActorSystem,
 * real time, messages delayed by the network model through a {@link DeliveryScheduler}. Each run
 * gets a fresh ActorSystem, so topologies do not share mailboxes, threads or warm caches beyond
 * the JVM's own.
 */
public final class LocalRuntime implements PeerRuntime {
  /** Extra time past the run's deadline before the caller stops waiting for a wedged system. */
  private static final long GRACE_SECONDS = 60;

  private final Config overrides;

  public LocalRuntime() {
    this(ConfigFactory.empty());
  }

  /**
   * A fatal error (out of memory) on one of the system's threads must not end the JVM: the
   * waiting thread rethrows it ({@link FatalErrors}) and the command writes what it has.
   */
  private static final Config KEEP_JVM = ConfigFactory.parseString("pekko.jvm-exit-on-fatal-error = off");

  /** How often the waiting thread looks for a fatal error on the system's threads. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** With extra Pekko settings on top of peerlab's (tests use this to verify serialisation). */
  public LocalRuntime(Config overrides) {
    this.overrides = overrides.withFallback(KEEP_JVM);
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public boolean realTime() {
    return true;
  }

  @Override
  public RunOutcome run(RunSetup setup, RunControl control) {
    CompletableFuture<RunOutcome> result = new CompletableFuture<>();
    long origin = System.nanoTime();
    ActorSystem<RunCoordinator.Command> system =
        ActorSystem.create(
            RunCoordinator.create(setup, control, result, new LocalPeers(origin)), "peerlab", PekkoConfig.local(overrides));
    try {
      long waitUntil = System.nanoTime() + setup.spec().deadlineNanos() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
      while (true) {
        FatalErrors.rethrowPending();
        try {
          return result.get(Math.min(POLL_NANOS, Math.max(1, waitUntil - System.nanoTime())), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          if (System.nanoTime() >= waitUntil) {
            throw e;
          }
        }
      }
    } catch (TimeoutException e) {
      return new RunOutcome(
          List.of(), -1, -1, true, null, 0, 0,
          List.of("the actor system did not stop within the deadline plus " + GRACE_SECONDS + " s"), 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the run", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the run failed", e.getCause());
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // The run's result is what matters; a slow shutdown is not worth failing it.
      }
    }
  }
}
