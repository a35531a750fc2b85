package io.peerlab.core.overlay.chord;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.SettingsSource;
import io.peerlab.core.api.Topology;

/**
 * {@code chord}: every peer is BOTH and runs a {@link ChordOverlay}; objects start where the run's
 * placement puts them and are published into the ring. After the last join the run waits {@code
 * peerlab.chord.settle} for stabilisation (nothing with the warm start, whose ring is already
 * stable).
 */
public final class Chord implements Topology {
  public static final String NAME = "chord";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Chord ring: successor lists, fingers, stabilisation; a DHT of object records and "
        + "keyword posting lists";
  }

  @Override
  public Role role(int address, RunSpec spec) {
    return Role.BOTH;
  }

  /** {@code peerlab.chord.*}, read as a plugin's settings are (docs/extending.md). */
  @Override
  public ChordSettings readSettings(SettingsSource in) {
    return new ChordSettings(
        in.intAtLeast("successors", 1),
        in.durationNanos("stabilize-interval", false),
        in.durationNanos("fix-fingers-interval", false),
        in.durationNanos("check-predecessor-interval", false),
        in.durationNanos("failure-timeout", false),
        in.durationNanos("request-timeout", false),
        in.intAtLeast("request-attempts", 1),
        in.durationNanos("join-wave", false),
        in.durationNanos("settle", true),
        in.bool("warm-start"),
        in.bool("check-progress"));
  }

  @Override
  public long settleNanos(RunSetup setup) {
    ChordSettings s = setup.settings().get(ChordSettings.class);
    return s.warmStart() ? 0 : s.settleNanos();
  }

  @Override
  public Overlay overlay(NodeContext ctx) {
    return new ChordOverlay(ctx);
  }
}
