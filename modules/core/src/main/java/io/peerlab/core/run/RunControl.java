package io.peerlab.core.run;

import java.util.function.BooleanSupplier;

/**
 * What the caller of a run hands the host besides the setup.
 *
 * @param progress progress callbacks (never null)
 * @param observer sees every delivered message, or null (the default: off)
 * @param abort polled now and then by every host (the sim host every 4096 events, the actor hosts
 *     every 100 ms); true stops the run as if its deadline had passed. The scenario runner sets it
 *     on SIGINT/SIGTERM; the sim host also uses it as a wall-clock guard, since the core reads no
 *     clock of its own.
 */
public record RunControl(ProgressListener progress, MessageObserver observer, BooleanSupplier abort) {
  public RunControl {
    if (progress == null || abort == null) {
      throw new IllegalArgumentException("progress and abort must not be null");
    }
  }

  public static RunControl quiet() {
    return new RunControl(ProgressListener.NONE, null, () -> false);
  }

  public RunControl withObserver(MessageObserver o) {
    return new RunControl(progress, o, abort);
  }
}
