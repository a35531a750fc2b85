package io.peerlab.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.id.Key;
import io.peerlab.core.transfer.ChunkMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class OutboxTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  private static Inbound.Transit chunk(int i, int bytes) {
    return new Inbound.Transit(0, 1, -1, -1, true, new ChunkMessage.ChunkData(i, Key.of(1), i, new byte[bytes]));
  }

  @Test
  void offer_sendsAtMostTheWindow_andCreditReleasesTheRestInOrder() {
    TestProbe<Inbound.Command> probe = KIT.createTestProbe();
    Outbox o = new Outbox(probe.ref(), 10, 1 << 30);
    for (int i = 0; i < 25; i++) {
      o.offer(chunk(i, 10));
    }
    for (int i = 0; i < 10; i++) {
      assertThat(((Inbound.Transit) probe.receiveMessage()).message().op()).isEqualTo(i);
    }
    probe.expectNoMessage(Duration.ofMillis(50));
    assertThat(o.inFlight()).isEqualTo(10);
    assertThat(o.queued()).isEqualTo(15);
    assertThat(o.waits()).isEqualTo(15);

    o.credit(4, 4 * chunk(0, 10).message().wireSize());
    for (int i = 10; i < 14; i++) {
      assertThat(((Inbound.Transit) probe.receiveMessage()).message().op()).isEqualTo(i);
    }
    probe.expectNoMessage(Duration.ofMillis(50));
    assertThat(o.inFlight()).isEqualTo(10);
  }

  @Test
  void byteWindow_holdsBackLargeMessages_butOneAlwaysFlows() {
    TestProbe<Inbound.Command> probe = KIT.createTestProbe();
    int big = 3 << 20;
    Outbox o = new Outbox(probe.ref(), 100, 4 << 20);
    o.offer(chunk(0, big));
    o.offer(chunk(1, big));
    probe.receiveMessage();
    probe.expectNoMessage(Duration.ofMillis(50));
    o.credit(1, chunk(0, big).message().wireSize());
    assertThat(((Inbound.Transit) probe.receiveMessage()).message().op()).isEqualTo(1);

    Outbox huge = new Outbox(probe.ref(), 100, 1024);
    huge.offer(chunk(2, big));
    assertThat(((Inbound.Transit) probe.receiveMessage()).message().op()).as("larger than the window, alone").isEqualTo(2);
  }

  @Test
  void batchingOutbox_sendsWhatWaitedAsBatches_inOrder_countingEveryMessageAgainstTheWindow() {
    TestProbe<Inbound.Command> probe = KIT.createTestProbe();
    Outbox o = new Outbox(probe.ref(), 4, 1 << 30, true);
    for (int i = 0; i < 20; i++) {
      o.offer(chunk(i, 10));
    }
    for (int i = 0; i < 4; i++) {
      assertThat(ops(probe.receiveMessage())).as("nothing waited: alone").containsExactly((long) i);
    }
    probe.expectNoMessage(Duration.ofMillis(50));

    o.credit(3, 0);
    assertThat(ops(probe.receiveMessage())).containsExactly(4L, 5L, 6L);
    assertThat(o.inFlight()).isEqualTo(4);
    probe.expectNoMessage(Duration.ofMillis(50));
    o.credit(4, 0);
    assertThat(ops(probe.receiveMessage())).containsExactly(7L, 8L, 9L, 10L);
    assertThat(o.queued()).isEqualTo(9);
  }

  @Test
  void batchingOutbox_withRoomInTheWindow_sendsEachMessageAtOnce() {
    TestProbe<Inbound.Command> probe = KIT.createTestProbe();
    Outbox o = new Outbox(probe.ref(), 1000, 1 << 30, true);
    for (int i = 0; i < 100; i++) {
      o.offer(chunk(i, 10));
    }
    for (int i = 0; i < 100; i++) {
      assertThat(ops(probe.receiveMessage())).containsExactly((long) i);
    }
    assertThat(o.waits()).isZero();
  }

  @Test
  void batchingOutbox_keepsBatchesSmall_andLargeMessagesAlone() {
    TestProbe<Inbound.Command> probe = KIT.createTestProbe();
    Outbox o = new Outbox(probe.ref(), 300, 1 << 30, true);
    int big = Outbox.BATCH_MESSAGE_MAX + 1;
    for (int i = 0; i < 300; i++) {
      o.offer(chunk(i, 10));
      probe.receiveMessage();
    }
    for (int i = 300; i < 600; i++) {
      o.offer(chunk(i, i == 450 ? big : 1000));
    }
    assertThat(o.waits()).isEqualTo(300);
    o.credit(300, 0);
    List<Long> seen = new ArrayList<>();
    while (seen.size() < 300) {
      Inbound.Command c = probe.receiveMessage();
      List<Long> ops = ops(c);
      assertThat(ops.size()).isLessThanOrEqualTo(Outbox.BATCH_MESSAGES);
      assertThat(ops.size() * (long) chunk(0, 1000).message().wireSize()).isLessThanOrEqualTo(Outbox.BATCH_BYTES);
      if (ops.contains(450L)) {
        assertThat(c).as("a large message travels alone").isInstanceOf(Inbound.Transit.class);
      }
      seen.addAll(ops);
    }
    assertThat(seen).isEqualTo(LongStream.range(300, 600).boxed().toList());
    probe.expectNoMessage(Duration.ofMillis(50));
  }

  private static List<Long> ops(Inbound.Command c) {
    if (c instanceof Inbound.Batch b) {
      assertThat(b.messages()).hasSizeGreaterThan(1);
      return b.messages().stream().map(t -> t.message().op()).toList();
    }
    return List.of(((Inbound.Transit) c).message().op());
  }

  @Test
  void kill_dropsWhatWaits_andEverythingAfter() {
    TestProbe<Inbound.Command> probe = KIT.createTestProbe();
    Outbox o = new Outbox(probe.ref(), 2, 1 << 30);
    for (int i = 0; i < 5; i++) {
      o.offer(chunk(i, 10));
    }
    o.kill();
    o.offer(chunk(5, 10));
    o.credit(2, 0);
    probe.receiveMessage();
    probe.receiveMessage();
    probe.expectNoMessage(Duration.ofMillis(50));
    assertThat(o.dropped()).isEqualTo(4);
  }

  @Test
  void clockSync_takesTheTightestSample_andTreatsASharedClockAsZero() {
    ClockSync same = new ClockSync();
    same.sample(1_000, 1_400, 2_000);
    same.sample(5_000, 5_090, 5_100);
    assertThat(same.offsetNanos()).isZero();
    assertThat(same.uncertaintyNanos()).isEqualTo(50);

    ClockSync other = new ClockSync();
    other.sample(1_000, 1_000_000_500, 2_000);
    other.sample(10_000, 1_000_010_100, 10_200);
    assertThat(other.offsetNanos()).isEqualTo(1_000_000_000L);
  }

  @Test
  void assignment_isRoundRobin() {
    Assignment a = new Assignment(3);
    assertThat(a.peersOf(1, 8)).containsExactly(1, 4, 7);
    assertThat(a.memberOf(5)).isEqualTo(2);
  }
}
