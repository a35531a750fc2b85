package io.peerlab.scenario;

import io.peerlab.core.api.Settings;
import io.peerlab.core.run.PeerRuntime;
import io.peerlab.core.sim.SimHost;
import io.peerlab.runtime.LocalRuntime;
import io.peerlab.runtime.cluster.ClusterRuntime;
import io.peerlab.runtime.cluster.ClusterSettings;
import java.util.function.Consumer;

/** The runtimes a scenario can name. */
public final class Runtimes {
  private Runtimes() {}

  public static PeerRuntime create(String name) {
    return create(name, Settings.empty(), s -> {});
  }

  /**
   * @param settings the scenario's settings (the cluster runtime reads its {@link ClusterSettings})
   * @param status one-line status messages for the user (joining the cluster, waiting for nodes)
   */
  public static PeerRuntime create(String name, Settings settings, Consumer<String> status) {
    return switch (name) {
      case "sim" -> new SimHost();
      case "local" -> new LocalRuntime();
      case "cluster" -> new ClusterRuntime(
          settings.find(ClusterSettings.class)
              .orElseThrow(() -> new ScenarioException("the cluster runtime needs the peerlab.cluster settings")),
          status);
      default -> throw new ScenarioException(
          "unknown runtime '" + name + "'; use one of " + String.join(", ", ScenarioLoader.RUNTIMES));
    };
  }
}
