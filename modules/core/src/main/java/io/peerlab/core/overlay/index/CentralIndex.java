package io.peerlab.core.overlay.index;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.ObjectStore;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Topology;

/**
 * {@code central-index} (Napster): the first {@code servers} peers are index SERVERs that hold no
 * content; every other peer is BOTH, publishes what it holds to the index, asks the index where
 * objects are, and downloads from other peers.
 */
public final class CentralIndex implements Topology {
  public static final String NAME = "central-index";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "an index server maps ids and keywords to holders; content moves peer to peer (Napster)";
  }

  @Override
  public int minServers() {
    return 1;
  }

  @Override
  public Role role(int address, RunSpec spec) {
    return address < spec.servers() ? Role.SERVER : Role.BOTH;
  }

  @Override
  public ObjectStore initialStore(int address, RunSetup setup) {
    return address < setup.spec().servers()
        ? ObjectStore.empty(setup.catalog())
        : Topology.super.initialStore(address, setup);
  }

  /** A lookup here answers with peers that hold the object. */
  @Override
  public boolean lookupNamesHolders() {
    return true;
  }

  @Override
  public Overlay overlay(NodeContext ctx) {
    return new IndexOverlay(ctx, IndexOverlay.Mode.INDEX);
  }
}
