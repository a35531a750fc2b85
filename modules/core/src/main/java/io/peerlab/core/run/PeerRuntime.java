package io.peerlab.core.run;

import io.peerlab.core.api.RunSetup;
/** A host for the peers of a run: {@code sim}, {@code local} or {@code cluster}. */
public interface PeerRuntime {

  /** The runtime's name in scenario files and results. */
  String name();

  /** Run one topology to the end (or to its deadline) and return what the peers counted. */
  RunOutcome run(RunSetup setup, RunControl control);
}
