package io.peerlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Standard error for the command, less Pekko's emergency print of a fatal error. When a thread of
 * an ActorSystem dies of an OutOfMemoryError, Pekko writes {@code Uncaught error from thread [...]:
 * ..., shutting down ActorSystem[...]} and the error's stack trace straight to {@code System.err},
 * before any logging, and then shuts the system down. peerlab turns Pekko's JVM exit off, takes the
 * error to the thread that waits for the run (runtime's {@code FatalErrors}) and prints its own
 * one line with exit code 3; this filter drops Pekko's lines so that one line is all the user
 * sees. Everything else passes through unchanged, line by line.
 */
final class PanicFilter extends OutputStream {
  /** The first line of Pekko's emergency print (ActorSystemImpl's fatal-error handler). */
  static final Pattern PANIC =
      Pattern.compile("^Uncaught error from thread \\[[^\\]]*\\]: .*ActorSystem\\[[^\\]]*\\]$");

  /** Lines of the stack trace that follows it. */
  static final Pattern TRACE =
      Pattern.compile("^(java\\.lang\\.[A-Za-z]+Error\\b.*|\\tat .*|\\t\\.\\.\\. \\d+ more|Caused by: .*)$");

  private final PrintStream out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean dropping;

  PanicFilter(PrintStream out) {
    this.out = out;
  }

  /** {@code err} behind this filter, as a PrintStream that flushes at each line. */
  static PrintStream wrap(PrintStream err) {
    return new PrintStream(new PanicFilter(err), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    line.write(b);
    if (b == '\n') {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  @Override
  public synchronized void flush() {
    out.flush();
  }

  @Override
  public synchronized void close() {
    if (line.size() > 0) {
      emit();
    }
    out.flush();
  }

  private void emit() {
    String s = line.toString(StandardCharsets.UTF_8);
    line.reset();
    String text = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    if (PANIC.matcher(text).matches()) {
      dropping = true;
      return;
    }
    if (dropping && TRACE.matcher(text).matches()) {
      return;
    }
    dropping = false;
    out.print(s);
  }
}
