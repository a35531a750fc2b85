package org.example.pastry;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.SettingsSource;
import io.peerlab.core.api.Topology;

/**
 * {@code pastry}: prefix routing over base-16 digits with a leaf set (Rowstron and Druschel,
 * Middleware 2001), no proximity neighbourhood; peers join by the protocol of §2.4 (or warm-start). Listed in META-INF/services; its settings live
 * under {@code peerlab.pastry} (defaults in this jar's reference.conf).
 */
public final class Pastry implements Topology {

  @Override
  public String name() {
    return "pastry";
  }

  @Override
  public String description() {
    return "Pastry: prefix routing over base-16 digits and a leaf set; lookups reach the numerically"
        + " closest peer";
  }

  @Override
  public Role role(int address, RunSpec spec) {
    return Role.BOTH;
  }

  @Override
  public Object readSettings(SettingsSource in) {
    int l = in.intAtLeast("leaf-set", 2);
    if (l % 2 != 0) {
      throw in.invalid("leaf-set", "must be even (l/2 peers on each side), got " + l);
    }
    return new PastrySettings(l, in.bool("warm-start"), in.durationNanos("join-wave", false),
        in.durationNanos("settle", true));
  }

  @Override
  public long settleNanos(RunSetup setup) {
    PastrySettings s = setup.settings().get(PastrySettings.class);
    return s.warmStart() ? 0 : s.settleNanos();
  }

  @Override
  public Overlay overlay(NodeContext ctx) {
    return new PastryOverlay(ctx);
  }
}
