package io.peerlab.runtime;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A fatal error (an OutOfMemoryError, a StackOverflowError) thrown on a thread the caller does not
 * own, handed to the thread that waits for the run, which rethrows it: the command then says so in
 * one line and exits with its documented code, with the results so far written, instead of
 * Pekko's fatal-error handler ending the JVM (the local runtime turns
 * {@code pekko.jvm-exit-on-fatal-error} off) or a thread dying with a stack trace.
 *
 * <p>Two ways in: the delivery thread's uncaught-exception handler, and {@link FatalErrorFilter}, a
 * Logback turbo filter in the command's {@code logback.xml}, for the error Pekko logs before it
 * shuts an ActorSystem down. This class needs no Logback (the runtime's users may log otherwise).
 */
public final class FatalErrors {
  private FatalErrors() {}

  private static final AtomicReference<VirtualMachineError> PENDING = new AtomicReference<>();

  /** Records {@code t} if it is fatal; true if it was. */
  public static boolean record(Throwable t) {
    if (t instanceof VirtualMachineError e) {
      PENDING.compareAndSet(null, e);
      return true;
    }
    return false;
  }

  /** Rethrows a recorded fatal error (once), if there is one. */
  public static void rethrowPending() {
    VirtualMachineError e = PENDING.getAndSet(null);
    if (e != null) {
      throw e;
    }
  }

  /** For threads the runtime starts: record a fatal error, print nothing. */
  public static final Thread.UncaughtExceptionHandler HANDLER = (thread, t) -> {
    if (!record(t)) {
      System.err.println("peerlab: thread " + thread.getName() + " failed: " + t);
    }
  };
}
