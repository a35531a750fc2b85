package io.peerlab.core.run;

import io.peerlab.core.api.TransferStrategy;
import java.util.List;
import java.util.Optional;

/**
 * The transfer strategies a scenario can name: every {@link TransferStrategy} listed in a {@code
 * META-INF/services/io.peerlab.core.api.TransferStrategy} file that a class loader sees; as
 * {@link Topologies}, the forms without a loader use peerlab's own.
 */
public final class Transfers {
  private Transfers() {}

  private static final Registry.PerLoader<TransferStrategy> ALL =
      new Registry.PerLoader<>("transfer strategy", TransferStrategy.class, TransferStrategy::name);

  /** Names in the order they are documented. */
  public static List<String> names() {
    return names(Registry.own());
  }

  public static boolean exists(String name) {
    return find(name).isPresent();
  }

  public static Optional<TransferStrategy> find(String name) {
    return find(name, Registry.own());
  }

  public static TransferStrategy get(String name) {
    return get(name, Registry.own());
  }

  public static List<String> names(ClassLoader loader) {
    return ALL.of(loader).names();
  }

  public static Optional<TransferStrategy> find(String name, ClassLoader loader) {
    return ALL.of(loader).find(name);
  }

  public static TransferStrategy get(String name, ClassLoader loader) {
    return ALL.of(loader).get(name);
  }
}
