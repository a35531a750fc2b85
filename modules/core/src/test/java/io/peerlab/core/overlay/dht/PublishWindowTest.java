package io.peerlab.core.overlay.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.dht.Publication.Put;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PublishWindowTest {

  private final List<Put> started = new ArrayList<>();
  private int published;

  private static List<Put> puts(int n) {
    return IntStream.range(0, n).mapToObj(i -> new Put(Key.of(i), null, null)).toList();
  }

  @Test
  void begin_startsAtMostSizePutsInListOrder() {
    PublishWindow w = new PublishWindow(started::add, () -> published++);
    List<Put> all = puts(40);

    w.begin(all);

    assertThat(started).containsExactlyElementsOf(all.subList(0, PublishWindow.SIZE));
    assertThat(published).isZero();
  }

  @Test
  void eachEndedPut_startsTheNext_andPublishedComesOnceAfterTheLast() {
    PublishWindow w = new PublishWindow(started::add, () -> published++);
    List<Put> all = puts(20);
    w.begin(all);

    for (int i = 0; i < 19; i++) {
      w.ended();
    }
    assertThat(started).containsExactlyElementsOf(all);
    assertThat(published).isZero();

    w.ended();
    assertThat(published).isEqualTo(1);
  }

  @Test
  void emptyPublication_isPublishedAtOnce() {
    PublishWindow w = new PublishWindow(started::add, () -> published++);

    w.begin(List.of());

    assertThat(started).isEmpty();
    assertThat(published).isEqualTo(1);
  }

  @Test
  void putThatEndsWhileStarting_refillsAfterStartReturns_notRecursively() {
    List<Integer> depthAtStart = new ArrayList<>();
    int[] depth = {0};
    PublishWindow[] w = new PublishWindow[1];
    w[0] =
        new PublishWindow(
            p -> {
              depth[0]++;
              depthAtStart.add(depth[0]);
              started.add(p);
              w[0].ended(); // stored at once (this peer is responsible)
              depth[0]--;
            },
            () -> published++);

    w[0].begin(puts(40));

    assertThat(started).hasSize(40);
    assertThat(depthAtStart).containsOnly(1);
    assertThat(published).isEqualTo(1);
  }
}
