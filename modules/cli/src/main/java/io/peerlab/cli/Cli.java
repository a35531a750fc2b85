package io.peerlab.cli;

import io.peerlab.runtime.cluster.ClusterException;
import io.peerlab.scenario.ScenarioException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Builds the picocli command line and maps outcomes to exit codes ({@link #EXIT_CODES_TABLE}). */
public final class Cli {
  private Cli() {}

  /** Every topology ran to its end. */
  public static final int OK = 0;
  /** A topology did not finish (deadline, errors in peer logic), or peerlab itself failed. */
  public static final int RUN_FAILED = 1;
  /** Bad input; nothing ran. */
  public static final int BAD_INPUT = 2;
  /** Out of memory during the run; finished topologies written, status failed. */
  public static final int OUT_OF_MEMORY = 3;
  /** SIGINT (Ctrl-C); the JVM itself exits 143 on SIGTERM. */
  public static final int INTERRUPTED = 130;

  /** Heap set aside for reporting an OutOfMemoryError. */
  static final int RESERVE_BYTES = 8 * 1024 * 1024;

  /** The exit codes, as --help prints them and docs/reliability.md lists them. */
  public static final String EXIT_CODES_TABLE =
      "Exit codes:%n"
          + "  0    every topology ran to its end. Ops that failed because the scenario%n"
          + "       asked for it (network.loss, churn, corrupt peers) are results.%n"
          + "  1    a topology did not finish: it reached peerlab.deadline, or peer logic%n"
          + "       threw (errors in results.json); or peerlab failed (internal, I/O).%n"
          + "  2    bad input: scenario file, key, value, option, --out folder, or more%n"
          + "       than the heap holds. One line; nothing ran.%n"
          + "  3    out of memory during the run; finished topologies written (status%n"
          + "       failed).%n"
          + "  130  interrupted (SIGINT, Ctrl-C); results so far written (status%n"
          + "       interrupted).%n"
          + "  143  stopped by SIGTERM; likewise.";

  /**
   * {@code s} on one line with every control character (a terminal escape, a NUL, a newline) shown
   * as '?': bad input is quoted back to the user, and must never drive their terminal.
   */
  static String printable(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || c == 0xFFFD || Character.getType(c) == Character.FORMAT) {
        sb.append('?');
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.toString();
  }

  /**
   * The command line for {@code args}. {@code peerlab run ...} gets a {@code peerlab} with its
   * {@code run} subcommand only: picocli builds a model of every subcommand it is given, by
   * reflection, and the other ten were about a tenth of a small sim run's main-thread time. What
   * {@code run} parses, prints for --help and names in its errors ("peerlab run") is the same.
   */
  static CommandLine commandLine(String[] args, PeerlabCommand top) {
    if (args.length == 0 || !args[0].equals("run")) {
      return new CommandLine(top);
    }
    CommandLine cmd = new CommandLine(CommandLine.Model.CommandSpec.wrapWithoutInspection(top).name("peerlab"));
    cmd.addSubcommand("run", new RunCommand());
    return cmd;
  }

  /**
   * Runs the command with these streams; never calls System.exit (tests call this). A plain
   * {@code peerlab run} line ({@link RunArgs}) runs without picocli; every other line, picocli reads.
   */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    PeerlabCommand top = new PeerlabCommand(out, err);
    RunCommand plain = RunArgs.parse(args);
    CommandLine cmd = plain == null ? picocli(args, top, out, err) : null;
    // Freed on an OutOfMemoryError, so that saying so (and writing the results so far) has room.
    byte[] reserve = new byte[RESERVE_BYTES];
    try {
      int code = cmd != null ? cmd.execute(args) : call(plain, top, err);
      reserve[0] = 1;
      return code;
    } catch (OutOfMemoryError e) {
      reserve = null;
      err.println("peerlab: out of memory (max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
          + " MiB); give more with PEERLAB_JAVA_OPTS=-Xmx..., or use fewer peers, objects or ops");
      return OUT_OF_MEMORY;
    }
  }

  /** picocli's command line for {@code args}, with peerlab's streams and its error handlers. */
  private static CommandLine picocli(String[] args, PeerlabCommand top, PrintStream out, PrintStream err) {
    CommandLine cmd = commandLine(args, top);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, err));
    cmd.setParameterExceptionHandler(
        (e, args2) -> {
          err.println("peerlab: " + printable(e.getMessage()));
          CommandLine sub = e.getCommandLine();
          err.println("peerlab: see '" + sub.getCommandSpec().qualifiedName() + " --help'");
          return BAD_INPUT;
        });
    return cmd;
  }

  /** Runs a plain run line's command; what it throws is said as picocli's handler above says it. */
  private static int call(RunCommand run, PeerlabCommand top, PrintStream err) {
    run.parent = top;
    try {
      return run.call();
    } catch (Exception e) {
      return failed(e, err);
    }
  }

  /** What a command that threw {@code e} says, and its exit code. */
  private static int failed(Exception e, PrintStream err) {
    if (e instanceof ScenarioException se) {
      err.println("peerlab: " + printable(se.getMessage()));
      return BAD_INPUT;
    }
    if (e instanceof ClusterException ce) {
      err.println("peerlab: cluster: " + ce.getMessage());
      return RUN_FAILED;
    }
    if (e instanceof UncheckedIOException io) {
      err.println("peerlab: " + io.getMessage());
      return RUN_FAILED;
    }
    err.println("peerlab: internal error: " + e);
    if (Boolean.getBoolean("peerlab.debug")) {
      e.printStackTrace(err);
    } else {
      err.println("peerlab: run with PEERLAB_JAVA_OPTS=-Dpeerlab.debug=true for the stack trace");
    }
    return RUN_FAILED;
  }
}
