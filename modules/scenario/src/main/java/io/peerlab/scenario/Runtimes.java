package io.peerlab.scenario;

import io.peerlab.core.run.PeerRuntime;
import io.peerlab.core.sim.SimHost;
import io.peerlab.runtime.LocalRuntime;

/** The runtimes a scenario can name. */
public final class Runtimes {
  private Runtimes() {}

  public static PeerRuntime create(String name) {
    return switch (name) {
      case "sim" -> new SimHost();
      case "local" -> new LocalRuntime();
      default -> throw new ScenarioException(
          "unknown runtime '" + name + "'; use one of " + String.join(", ", ScenarioLoader.RUNTIMES));
    };
  }
}
