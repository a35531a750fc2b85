package io.peerlab.cli;

import java.io.PrintStream;
import org.slf4j.LoggerFactory;

/** Entry point of the {@code peerlab} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    SimClassPath.remember(args);
    // Initialise logging before any actor system starts, so nothing is buffered and replayed. A
    // `run` does it once it knows its runtime: a sim run starts no actor system and logs nothing,
    // and configuring Logback is about a tenth of a small sim run's CPU time.
    if (args.length == 0 || !args[0].equals("run")) {
      initLogging();
    } else {
      // A run reads a scenario: its defaults (Typesafe Config parsing reference.conf, about a fifth
      // of a second before the JIT warms up) are parsed on the other core while picocli reads the
      // command line.
      io.peerlab.scenario.ScenarioLoader.preloadReference();
    }
    // Pekko prints a fatal error of its threads straight to System.err; the command says it in one
    // line of its own (exit code 3), so that print is filtered out (PanicFilter).
    PrintStream err = PanicFilter.wrap(System.err);
    System.setErr(err);
    System.exit(Cli.execute(args, System.out, err));
  }

  /** Configures logging (logback.xml) now; idempotent. */
  static void initLogging() {
    LoggerFactory.getILoggerFactory();
  }
}
