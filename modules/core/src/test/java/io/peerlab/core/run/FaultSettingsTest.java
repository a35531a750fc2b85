package io.peerlab.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerlab.core.api.FaultSettings;
import io.peerlab.core.api.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultSettingsTest {
  @Test
  void corruptFraction_picksThatShareOfNonServerPeers_bySeed() {
    FaultSettings f = FaultSettings.corruptFraction(0.25, 42, 2, 42);
    assertThat(f.corruptPeers()).hasSize(10).allMatch(a -> a >= 2 && a < 42);
    assertThat(FaultSettings.corruptFraction(0.25, 42, 2, 42)).isEqualTo(f);
    assertThat(FaultSettings.corruptFraction(0.25, 43, 2, 42)).isNotEqualTo(f);
  }

  @Test
  void none_whenTheRunNamesNoFaults() {
    assertThat(FaultSettings.of(Settings.empty()).corruptPeers()).isEmpty();
    assertThat(FaultSettings.of(Settings.of(FaultSettings.corrupt(List.of(3)))).corrupt(3)).isTrue();
  }

  @Test
  void corruptFraction_rejectsOne() {
    assertThatThrownBy(() -> FaultSettings.corruptFraction(1.0, 1, 1, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
