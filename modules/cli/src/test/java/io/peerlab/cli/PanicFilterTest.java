package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PanicFilterTest {

  /** Pekko's emergency print as ActorSystemImpl.logFatalError writes it: in pieces, then a trace. */
  @Test
  void pekkosEmergencyPrintOfAFatalError_isDropped_andEverythingElsePasses() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = PanicFilter.wrap(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    err.println("peerlab: first line");
    err.print("Uncaught error from thread [");
    err.print("peerlab-scheduler-1");
    err.print("]: ");
    err.print("Java heap space");
    err.print(", shutting down ActorSystem[");
    err.print("peerlab");
    err.println("]");
    new OutOfMemoryError("Java heap space").printStackTrace(err);
    err.println("peerlab: out of memory during the run (exit 3)");
    err.println("java.lang.OutOfMemoryError is named here by the user, not after a panic line");
    err.flush();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().toList()).containsExactly(
        "peerlab: first line",
        "peerlab: out of memory during the run (exit 3)",
        "java.lang.OutOfMemoryError is named here by the user, not after a panic line");
  }

  @Test
  void aLineWithoutItsNewline_isWrittenWhenTheStreamCloses() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = PanicFilter.wrap(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    err.print("no newline");
    err.close();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("no newline");
  }
}
