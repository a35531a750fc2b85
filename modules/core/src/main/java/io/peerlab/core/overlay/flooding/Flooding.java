package io.peerlab.core.overlay.flooding;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Topology;

/**
 * {@code flooding} (Gnutella 0.4): every peer is BOTH, a member of one random d-regular graph;
 * queries are flooded with a TTL and answered along the reverse path. The {@code servers}
 * addresses are ordinary peers here, holding nothing at start (the placement is the same in every
 * peer-to-peer topology). Parameters: {@link FloodingSettings}.
 */
public final class Flooding implements Topology {
  public static final String NAME = "flooding";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "a random graph of peers; queries flood to every peer within a TTL (Gnutella 0.4)";
  }

  @Override
  public Role role(int address, RunSpec spec) {
    return Role.BOTH;
  }

  /** A lookup here answers with peers that hold the object. */
  @Override
  public boolean lookupNamesHolders() {
    return true;
  }

  @Override
  public Overlay overlay(NodeContext ctx) {
    return new FloodingOverlay(ctx, ctx.setup().settings().get(FloodingSettings.class));
  }
}
