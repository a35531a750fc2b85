package io.peerlab.core.overlay.common;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Settings;
import io.peerlab.core.churn.ChurnSettings;
import io.peerlab.core.churn.FailureSettings;

/**
 * Whether a run has churn or scheduled failures ({@code peerlab.churn.model} other than none, or
 * any of {@code peerlab.faults}' mass failure, server outages, partitions). The overlays in {@code
 * index}, {@code flooding}, {@code random-walk} and {@code super-peer} run their failure detection
 * and repair (request timeouts and failover, pings) only then, so runs without failures send and
 * time exactly what they did before churn existed. This reads the run's configuration, never the
 * churn plan: who is down and when is found out by the protocols, by silence.
 */
public final class Upkeep {
  private Upkeep() {}

  public static boolean on(NodeContext ctx) {
    Settings s = ctx.setup().settings();
    return s.find(ChurnSettings.class).map(ChurnSettings::enabled).orElse(false)
        || s.find(FailureSettings.class).map(FailureSettings::any).orElse(false);
  }
}
