package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.peerlab.core.util.Seeds;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Faults injected into a run (scenario keys {@code peerlab.faults.*}).
 *
 * @param corruptPeers addresses of peers that serve corrupt chunks: every chunk they upload has one
 *     byte changed, so it fails its SHA-256 check at the receiver. They download, verify and answer
 *     queries like everyone else.
 */
@API(status = INTERNAL, since = "0.1")
public record FaultSettings(Set<Integer> corruptPeers) {
  private static final FaultSettings NONE = new FaultSettings(Set.of());

  public FaultSettings {
    corruptPeers = Set.copyOf(corruptPeers);
  }

  /** No faults. */
  public static FaultSettings none() {
    return NONE;
  }

  /** These peers serve corrupt chunks. */
  public static FaultSettings corrupt(Collection<Integer> peers) {
    return new FaultSettings(Set.copyOf(peers));
  }

  /**
   * {@code round(fraction * (peers - servers))} peers, drawn without replacement from the
   * non-server addresses {@code servers .. peers-1} by the seed, serve corrupt chunks.
   */
  public static FaultSettings corruptFraction(double fraction, long seed, int servers, int peers) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1): " + fraction);
    }
    Set<Integer> chosen = new TreeSet<>();
    for (int a : Seeds.choose(seed, "corrupt-peers", servers, peers, fraction)) {
      chosen.add(a);
    }
    return new FaultSettings(chosen);
  }

  /** The faults of a run: those in its settings, or none if it names none. */
  public static FaultSettings of(Settings settings) {
    return settings.find(FaultSettings.class).orElse(NONE);
  }

  public boolean corrupt(int address) {
    return corruptPeers.contains(address);
  }

  @Override
  public String toString() {
    return "FaultSettings[corruptPeers=" + new TreeSet<>(corruptPeers) + "]";
  }
}
