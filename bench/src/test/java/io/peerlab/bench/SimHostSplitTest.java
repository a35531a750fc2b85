package io.peerlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which side of {@link SimHostSplit}'s split a sampled stack falls on. */
class SimHostSplitTest {

  @Test
  void theInnermostPeerlabFrameDecides_libraryFramesAboveItDoNot() {
    // Arrays.sort called by the routing table: the overlay's time.
    assertThat(SimHostSplit.owner(List.of(
        "java.util.DualPivotQuicksort", "java.util.Arrays",
        "io.peerlab.core.overlay.kademlia.RoutingTable", "io.peerlab.core.peer.PeerNode",
        "io.peerlab.core.sim.SimNet")))
        .isZero();
    // The overlay sending a message: the send is the simulator's, though the overlay called it.
    assertThat(SimHostSplit.owner(List.of(
        "io.peerlab.core.sim.EventQueue", "io.peerlab.core.sim.SimNet$SimPort",
        "io.peerlab.core.peer.PeerNode", "io.peerlab.core.overlay.chord.ChordOverlay")))
        .isEqualTo(1);
    // The overlays' shared timeout helper is not in the overlay package: counted as the rest's.
    assertThat(SimHostSplit.owner(List.of(
        "java.util.LinkedHashMap", "io.peerlab.core.api.RequestTracker",
        "io.peerlab.core.overlay.kademlia.KademliaOverlay")))
        .isEqualTo(1);
  }

  @Test
  void aStackWithoutPeerlabFramesCountsForNeither() {
    assertThat(SimHostSplit.owner(List.of("java.lang.Thread", "jdk.internal.misc.Unsafe"))).isEqualTo(-1);
    assertThat(SimHostSplit.owner(List.of())).isEqualTo(-1);
  }
}
