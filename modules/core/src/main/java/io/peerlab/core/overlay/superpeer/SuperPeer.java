package io.peerlab.core.overlay.superpeer;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Topology;
import io.peerlab.core.net.Link;
import io.peerlab.core.overlay.common.Upkeep;

/**
 * {@code super-peer} (KaZaA's FastTrack, Gnutella 0.6 ultrapeers): a fraction of the peers are
 * super-peers ({@link SuperPeerLayout}), role BOTH like every peer but with the better link of
 * {@code peerlab.network.server-*}; they form a random graph among themselves, index their leaves
 * and flood queries among themselves with a TTL. Leaves attach to one or more super-peers, upload
 * their index and never forward. Content moves peer to peer. Parameters: {@link SuperPeerSettings}.
 */
public final class SuperPeer implements Topology {
  public static final String NAME = "super-peer";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "super-peers index their leaves and flood queries among themselves (KaZaA)";
  }

  @Override
  public Role role(int address, RunSpec spec) {
    return Role.BOTH;
  }

  @Override
  public Link link(int address, Role role, RunSpec spec) {
    return layout(spec).isSuper(address) ? spec.network().server() : spec.network().peer();
  }

  /** A lookup here answers with peers that hold the object. */
  @Override
  public boolean lookupNamesHolders() {
    return true;
  }

  @Override
  public Overlay overlay(NodeContext ctx) {
    SuperPeerSettings s = ctx.setup().settings().get(SuperPeerSettings.class);
    SuperPeerLayout layout = new SuperPeerLayout(ctx.directory().size(), s.fraction());
    if (Upkeep.on(ctx)) {
      return new PromotableOverlay(ctx, s, layout); // a leaf may become a super-peer
    }
    return layout.isSuper(ctx.self())
        ? new SuperPeerOverlay(ctx, s, layout)
        : new LeafOverlay(ctx, s, layout);
  }

  private static SuperPeerLayout layout(RunSpec spec) {
    return new SuperPeerLayout(
        spec.peers(), spec.settings().get(SuperPeerSettings.class).fraction());
  }
}
