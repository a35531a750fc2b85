package io.peerlab.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** Builds the Pekko configuration of peerlab's actor hosts. */
public final class PekkoConfig {
  private PekkoConfig() {}

  /**
   * peerlab-pekko.conf over Pekko's defaults, with the default dispatcher sized to this machine's
   * cores (at least 2), and {@code overrides} on top.
   */
  public static Config local(Config overrides) {
    int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
    Config sizing =
        ConfigFactory.parseString(
            "pekko.actor.default-dispatcher.fork-join-executor { parallelism-min = " + cores
                + ", parallelism-max = " + cores + " }");
    return overrides
        .withFallback(sizing)
        .withFallback(ConfigFactory.parseResources(PekkoConfig.class.getClassLoader(), "peerlab-pekko.conf"))
        .withFallback(ConfigFactory.defaultReference(PekkoConfig.class.getClassLoader()))
        .resolve();
  }

  public static Config local() {
    return local(ConfigFactory.empty());
  }
}
