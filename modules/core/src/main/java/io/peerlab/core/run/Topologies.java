package io.peerlab.core.run;

import io.peerlab.core.overlay.flooding.Flooding;
import io.peerlab.core.overlay.index.CentralIndex;
import io.peerlab.core.overlay.index.ClientServer;
import io.peerlab.core.overlay.randomwalk.RandomWalk;
import io.peerlab.core.overlay.superpeer.SuperPeer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The topologies a scenario can name. */
public final class Topologies {
  private Topologies() {}

  private static final Map<String, Topology> ALL = new LinkedHashMap<>();

  static {
    register(new ClientServer());
    register(new CentralIndex());
    register(new Flooding());
    register(new RandomWalk());
    register(new SuperPeer());
  }

  private static void register(Topology t) {
    ALL.put(t.name(), t);
  }

  /** Names in the order they are documented. */
  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  public static Optional<Topology> find(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  public static Topology get(String name) {
    return find(name)
        .orElseThrow(
            () -> new IllegalArgumentException("unknown topology '" + name + "', known: " + names()));
  }
}
