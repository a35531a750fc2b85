package io.peerlab.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ports child nodes are started on: never one port for two nodes. */
class ChildNodesPortsTest {

  @Test
  void freePorts_areDistinct_andAvoidThoseTaken() throws IOException {
    List<Integer> first = ChildNodes.freePorts(40, List.of());
    assertThat(new HashSet<>(first)).hasSize(40);
    List<Integer> more = ChildNodes.freePorts(40, first);
    assertThat(new HashSet<>(more)).hasSize(40).doesNotContainAnyElementsOf(first);
  }
}
