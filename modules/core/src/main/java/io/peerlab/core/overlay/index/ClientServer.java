package io.peerlab.core.overlay.index;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.ObjectStore;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Topology;

/**
 * {@code client-server}: the first {@code servers} peers are SERVERs holding every object; every
 * other peer is a CLIENT that asks its server for everything and downloads from it.
 */
public final class ClientServer implements Topology {
  public static final String NAME = "client-server";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "servers hold every object and answer every request; clients only ask";
  }

  @Override
  public int minServers() {
    return 1;
  }

  @Override
  public Role role(int address, RunSpec spec) {
    return address < spec.servers() ? Role.SERVER : Role.CLIENT;
  }

  @Override
  public ObjectStore initialStore(int address, RunSetup setup) {
    return address < setup.spec().servers()
        ? ObjectStore.everything(setup.catalog())
        : ObjectStore.empty(setup.catalog());
  }

  /** A lookup here answers with peers that hold the object. */
  @Override
  public boolean lookupNamesHolders() {
    return true;
  }

  @Override
  public Overlay overlay(NodeContext ctx) {
    return new IndexOverlay(ctx, IndexOverlay.Mode.CONTENT_SERVER);
  }
}
