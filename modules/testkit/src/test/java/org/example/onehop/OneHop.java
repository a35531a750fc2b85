package org.example.onehop;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.SettingsSource;
import io.peerlab.core.api.Topology;

/**
 * {@code one-hop}: every peer knows every other (full membership), so a lookup is one message to
 * the key's successor on the ring and one answer. Listed in META-INF/services.
 */
public final class OneHop implements Topology {

  @Override
  public String name() {
    return "one-hop";
  }

  @Override
  public String description() {
    return "full membership: a lookup asks the key's successor directly";
  }

  @Override
  public Role role(int address, RunSpec spec) {
    return Role.BOTH;
  }

  @Override
  public Object readSettings(SettingsSource in) {
    return new OneHopSettings(in.intAtLeast("replicas", 1));
  }

  @Override
  public Overlay overlay(NodeContext ctx) {
    return new OneHopOverlay(ctx);
  }
}
