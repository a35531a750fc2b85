package io.peerlab.core.transfer;

import io.peerlab.core.peer.NodeContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The transfer strategies a scenario can name, by name. */
public final class Transfers {
  private Transfers() {}

  private static final Map<String, Function<NodeContext, Transfer>> STRATEGIES =
      new LinkedHashMap<>();

  static {
    STRATEGIES.put("single-source", SingleSource::new);
    STRATEGIES.put("multi-source", MultiSource::new);
    STRATEGIES.put("swarm", io.peerlab.core.transfer.swarm.Swarm::new);
  }

  /** Names in the order they are documented. */
  public static List<String> names() {
    return List.copyOf(STRATEGIES.keySet());
  }

  public static boolean exists(String name) {
    return STRATEGIES.containsKey(name);
  }

  public static Transfer create(String name, NodeContext ctx) {
    Function<NodeContext, Transfer> f = STRATEGIES.get(name);
    if (f == null) {
      throw new IllegalArgumentException("unknown transfer strategy '" + name + "', known: " + names());
    }
    return f.apply(ctx);
  }
}
