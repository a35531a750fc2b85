package io.peerlab.core.run;

import io.peerlab.core.api.TransferStrategy;
import java.util.List;
import java.util.Optional;

/**
 * The transfer strategies a scenario can name: every {@link TransferStrategy} listed in a {@code
 * META-INF/services/io.peerlab.core.api.TransferStrategy} file on the class path.
 */
public final class Transfers {
  private Transfers() {}

  private static final Registry<TransferStrategy> ALL =
      new Registry<>("transfer strategy", TransferStrategy.class, TransferStrategy::name);

  /** Names in the order they are documented. */
  public static List<String> names() {
    return ALL.names();
  }

  public static boolean exists(String name) {
    return ALL.find(name).isPresent();
  }

  public static Optional<TransferStrategy> find(String name) {
    return ALL.find(name);
  }

  public static TransferStrategy get(String name) {
    return ALL.get(name);
  }
}
