package io.peerlab.core.overlay.kademlia;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Settings;
import io.peerlab.core.api.SettingsSource;
import io.peerlab.core.api.Topology;
import java.util.List;
import java.util.Locale;

/**
 * {@code kademlia}: every peer is BOTH and runs a {@link KademliaOverlay}; objects start where the
 * run's placement puts them and are published into the DHT. After the last join the run waits
 * {@code peerlab.kademlia.settle} for the join refreshes to finish (nothing with the warm start,
 * whose buckets are already filled).
 */
public final class Kademlia implements Topology {
  public static final String NAME = "kademlia";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Kademlia: XOR metric, k-buckets, alpha-parallel iterative lookups; a DHT of object "
        + "records and keyword posting lists";
  }

  @Override
  public Role role(int address, RunSpec spec) {
    return Role.BOTH;
  }

  /** {@code peerlab.kademlia.*}, read as a plugin's settings are (docs/extending.md). */
  @Override
  public KademliaSettings readSettings(SettingsSource in) {
    return new KademliaSettings(
        in.intAtLeast("k", 1),
        in.intAtLeast("alpha", 1),
        in.durationNanos("rpc-timeout", false),
        in.durationNanos("refresh-interval", false),
        in.durationNanos("stale-after", true),
        in.bool("join-refresh"),
        in.durationNanos("join-wave", false),
        in.durationNanos("settle", true),
        in.durationNanos("republish-interval", true),
        in.intAtLeast("max-failures", 1),
        in.bool("warm-start"),
        in.intAtLeast("disjoint-paths", 1),
        KademliaSettings.Ids.valueOf(
            in.oneOf("ids", List.of("free", "costly")).toUpperCase(Locale.ROOT)));
  }

  /**
   * False with {@code kademlia.ids = costly}: an S/Kademlia id is the hash of a public key whose
   * making solves a crypto puzzle, so a Sybil cannot place itself next to a key it attacks.
   */
  @Override
  public boolean idsChosenFreely(Settings settings) {
    return settings.find(KademliaSettings.class).map(s -> s.ids() == KademliaSettings.Ids.FREE).orElse(true);
  }

  @Override
  public long settleNanos(RunSetup setup) {
    KademliaSettings s = setup.settings().get(KademliaSettings.class);
    return s.warmStart() ? 0 : s.settleNanos();
  }

  @Override
  public Overlay overlay(NodeContext ctx) {
    return new KademliaOverlay(ctx);
  }
}
