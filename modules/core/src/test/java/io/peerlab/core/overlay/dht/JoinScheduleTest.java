package io.peerlab.core.overlay.dht;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JoinScheduleTest {
  private static final long WAVE = 1_000_000_000L;

  @Test
  void startNanos_bootstrapAndFirstJoinerStartAtZero() {
    assertThat(JoinSchedule.startNanos(0, WAVE)).isZero();
    assertThat(JoinSchedule.startNanos(1, WAVE)).isZero();
  }

  @Test
  void startNanos_growsWithAddress() {
    long prev = -1;
    for (int a = 0; a < 100_000; a++) {
      long t = JoinSchedule.startNanos(a, WAVE);
      assertThat(t).isGreaterThanOrEqualTo(prev);
      prev = t;
    }
  }

  @Test
  void startNanos_neverMoreJoinersInAWaveThanPeersAlreadyStarted() {
    // By the start of wave w (time w * WAVE) exactly 2^w peers have started: each wave at most
    // doubles the overlay.
    for (int w = 0; w < 20; w++) {
      int startedBefore = 0;
      long waveStart = w * WAVE;
      for (int a = 0; a < (1 << 21); a++) {
        if (JoinSchedule.startNanos(a, WAVE) < waveStart) {
          startedBefore++;
        }
      }
      assertThat(startedBefore).isEqualTo(w == 0 ? 0 : 1 << w);
    }
  }

  @Test
  void lastStartNanos_isAboutWaveTimesLog2N() {
    assertThat(JoinSchedule.lastStartNanos(1 << 12, WAVE)).isBetween(11 * WAVE, 12 * WAVE);
    assertThat(JoinSchedule.lastStartNanos(1_000_000, WAVE)).isBetween(19 * WAVE, 20 * WAVE);
  }
}
