package io.peerlab.core.transfer.swarm;

import io.peerlab.core.api.Adversaries;
import io.peerlab.core.api.AdversarySettings;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.util.Seeds;
import java.util.BitSet;

/**
 * The downloaders that never upload ({@code peerlab.swarm.free-riders}): {@code round(fraction ×
 * clients)} of the client addresses, drawn by the seed, the same on every host. A free-rider takes
 * pieces and never unchokes anyone, so it gets pieces only from seeds and from optimistic
 * unchokes; tit-for-tat leaves it behind (docs/transfer.md, "Free-riders").
 */
public final class FreeRiders {
  private FreeRiders() {}

  /** The free-riders of a run, as addresses; empty when the fraction is 0. */
  public static BitSet of(RunSetup setup) {
    double fraction =
        setup.settings().find(SwarmSettings.class).map(SwarmSettings::freeRiders).orElse(0.0);
    Adversaries adversaries = Adversaries.of(setup);
    boolean adversary = adversaries.behaviour() == AdversarySettings.Behaviour.FREE_RIDE
        && adversaries.active();
    if (fraction <= 0 && !adversary) {
      return new BitSet();
    }
    return setup.derived(Chosen.class, s -> {
      BitSet riders = fraction > 0 ? choose(s, fraction) : new BitSet();
      if (adversary) {
        for (int a : adversaries.addresses()) {
          riders.set(a); // adversary.behaviour = free-ride: the malicious peers ride free too
        }
      }
      return new Chosen(riders);
    }).riders();
  }

  private record Chosen(BitSet riders) {}

  private static BitSet choose(RunSetup setup, double fraction) {
    int first = setup.clientAddress(0);
    BitSet out = new BitSet();
    for (int a : Seeds.choose(setup.spec().seed(), "free-riders", first,
        first + setup.workload().scripts().size(), fraction)) {
      out.set(a);
    }
    return out;
  }
}
