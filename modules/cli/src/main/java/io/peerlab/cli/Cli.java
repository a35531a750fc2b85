package io.peerlab.cli;

import io.peerlab.runtime.cluster.ClusterException;
import io.peerlab.scenario.ScenarioException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Builds the picocli command line and maps outcomes to exit codes (0 ok, 1 run failed, 2 bad input). */
public final class Cli {
  private Cli() {}

  public static final int OK = 0;
  public static final int RUN_FAILED = 1;
  public static final int BAD_INPUT = 2;

  /** Runs the command with these streams; never calls System.exit (tests call this). */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    CommandLine cmd = new CommandLine(new PeerlabCommand(out, err));
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ScenarioException se) {
            err.println("peerlab: " + se.getMessage());
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
        });
    cmd.setParameterExceptionHandler(
        (e, args2) -> {
          err.println("peerlab: " + e.getMessage());
          CommandLine sub = e.getCommandLine();
          err.println("peerlab: see '" + sub.getCommandSpec().qualifiedName() + " --help'");
          return BAD_INPUT;
        });
    return cmd.execute(args);
  }
}
