package io.peerlab.core.run;

import io.peerlab.core.api.Topology;
import java.util.List;
import java.util.Optional;

/**
 * The topologies a scenario can name: every {@link Topology} listed in a {@code
 * META-INF/services/io.peerlab.core.api.Topology} file on the class path. The seven built-in ones
 * are registered there exactly as a plugin's would be; nothing here names them.
 */
public final class Topologies {
  private Topologies() {}

  private static final Registry<Topology> ALL =
      new Registry<>("topology", Topology.class, Topology::name);

  /** Names in the order they are documented. */
  public static List<String> names() {
    return ALL.names();
  }

  public static Optional<Topology> find(String name) {
    return ALL.find(name);
  }

  public static Topology get(String name) {
    return ALL.get(name);
  }
}
