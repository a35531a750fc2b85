package io.peerlab.core.run;

import io.peerlab.core.api.Phase;

/** A phase began at {@code atNanos} of the run clock (virtual on sim). */
public record PhaseMark(Phase phase, long atNanos) {}
