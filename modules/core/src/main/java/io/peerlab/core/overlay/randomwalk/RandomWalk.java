package io.peerlab.core.overlay.randomwalk;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Topology;

/**
 * {@code random-walk} (Lv et al., ICS 2002): the random graph of {@code flooding}, searched by k
 * random walkers with check-back instead of a flood. Every peer is BOTH; the {@code servers}
 * addresses are ordinary peers holding nothing at start. Parameters: {@link RandomWalkSettings}.
 */
public final class RandomWalk implements Topology {
  public static final String NAME = "random-walk";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "a random graph of peers; k random walkers per query, checking back with the asker";
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
    return new RandomWalkOverlay(ctx, ctx.setup().settings().get(RandomWalkSettings.class));
  }
}
