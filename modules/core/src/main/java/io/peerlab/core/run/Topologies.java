package io.peerlab.core.run;

import io.peerlab.core.api.Topology;
import java.util.List;
import java.util.Optional;

/**
 * The topologies a scenario can name: every {@link Topology} listed in a {@code
 * META-INF/services/io.peerlab.core.api.Topology} file that a class loader sees. The seven
 * built-in ones are registered there exactly as a plugin's would be; nothing here names them.
 * The forms without a loader use peerlab's own (the class path); a plugin loader (a child of
 * peerlab's) sees the built-in topologies and its plugins' ones.
 */
public final class Topologies {
  private Topologies() {}

  private static final Registry.PerLoader<Topology> ALL =
      new Registry.PerLoader<>("topology", Topology.class, Topology::name);

  /** Names in the order they are documented. */
  public static List<String> names() {
    return names(Registry.own());
  }

  public static Optional<Topology> find(String name) {
    return find(name, Registry.own());
  }

  public static Topology get(String name) {
    return get(name, Registry.own());
  }

  /** The built-in names first, then the plugins' names, in the order their jars list them. */
  public static List<String> names(ClassLoader loader) {
    return ALL.of(loader).names();
  }

  public static Optional<Topology> find(String name, ClassLoader loader) {
    return ALL.of(loader).find(name);
  }

  public static Topology get(String name, ClassLoader loader) {
    return ALL.of(loader).get(name);
  }
}
