package io.peerlab.cli;

import org.slf4j.LoggerFactory;

/** Entry point of the {@code peerlab} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Initialise logging before any actor system starts, so nothing is buffered and replayed.
    LoggerFactory.getILoggerFactory();
    System.exit(Cli.execute(args, System.out, System.err));
  }
}
