package io.peerlab.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.id.Key;
import io.peerlab.core.transfer.ChunkMessage;
import java.time.Duration;
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
