package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Malicious peers in a run (scenario keys {@code peerlab.adversary.*}; docs/adversary.md). A share
 * of the non-server peers, drawn by the seed ({@link Adversaries}), behaves as {@link #behaviour}
 * towards everyone else's operations; their own ops run like anyone's.
 *
 * @param fraction share in [0, 1) of the non-server peers that are malicious
 * @param placement where their ids lie: at random (their ordinary ids), or next to the keys of the
 *     {@code targets} most popular objects (the Sybil attack), unless the topology makes ids
 *     costly to choose ({@link Topology#idsChosenFreely})
 * @param targets the attacked objects: the {@code targets} most popular ones (Zipf ranks 0 ..
 *     targets-1); targeted placement and {@code poison} aim at them
 * @param behaviour what the malicious peers do
 * @param verifyManifests the defence against poisoning ({@code peerlab.fetch.verify-manifests}):
 *     every peer checks each manifest it is given (a locate answer, a search hit) against the
 *     object's content id before using it, drops a forged one and stops asking the peer that
 *     announced it (a local blacklist)
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record AdversarySettings(
    double fraction, Placement placement, int targets, Behaviour behaviour,
    boolean verifyManifests) {

  private static final AdversarySettings NONE =
      new AdversarySettings(0, Placement.RANDOM, 10, Behaviour.DROP, false);

  /** Where malicious ids lie. */
  public enum Placement {
    RANDOM,
    TARGETED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What malicious peers do. */
  public enum Behaviour {
    /** Answer nothing they should forward or serve for another peer's op (a black hole). */
    DROP,
    /** Answer lookups with other malicious peers, closest to the key first (the eclipse). */
    MISROUTE,
    /** Announce the targeted objects they do not hold, with forged manifests (index poisoning). */
    POISON,
    /**
     * Share nothing: announce none of their objects and serve no chunk (in a swarm, the same as
     * {@code swarm.free-riders} for these peers).
     */
    FREE_RIDE;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public AdversarySettings {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1): " + fraction);
    }
    if (targets < 1) {
      throw new IllegalArgumentException("targets must be >= 1: " + targets);
    }
    java.util.Objects.requireNonNull(placement, "placement");
    java.util.Objects.requireNonNull(behaviour, "behaviour");
  }

  /** No adversary. */
  public static AdversarySettings none() {
    return NONE;
  }

  /** The adversary of a run: the one in its settings, or none. */
  public static AdversarySettings of(Settings settings) {
    return settings.find(AdversarySettings.class).orElse(NONE);
  }

  /** True when the run has malicious peers. */
  public boolean active() {
    return fraction > 0;
  }
}
