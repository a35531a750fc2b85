package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.peerlab.core.util.Seeds;
import java.util.Collection;
import java.util.Set;
import java.util.SplittableRandom;
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
    int candidates = peers - servers;
    int k = (int) Math.round(fraction * candidates);
    int[] pool = new int[candidates];
    for (int i = 0; i < candidates; i++) {
      pool[i] = servers + i;
    }
    SplittableRandom r = Seeds.random(seed, "corrupt-peers");
    Set<Integer> chosen = new TreeSet<>();
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(candidates - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
      chosen.add(pool[i]);
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
