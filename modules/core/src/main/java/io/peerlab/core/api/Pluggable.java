package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A part a scenario names: a {@link Topology} ({@code topologies = [...]}) or a {@link
 * TransferStrategy} ({@code transfer = ...}). Implementations are found with {@link
 * java.util.ServiceLoader}; they are stateless, and one instance serves every run.
 */
@API(status = STABLE, since = "0.1")
public interface Pluggable {

  /**
   * The name used in scenario files and results ({@code chord}, {@code swarm}...): lower case,
   * words joined by '-'. It is also the part's settings section, {@code peerlab.<name>}.
   */
  String name();

  /** One line for help texts, {@code peerlab topologies} and reports. */
  String description();

  /**
   * This part's own settings, read from its section {@code peerlab.<name>} of the scenario (whose
   * defaults come from the {@code reference.conf} in the part's jar) into an immutable record. The
   * host puts the record into the run's {@link Settings}; the part's overlays or transfers read it
   * back with {@code ctx.setup().settings().get(MySettings.class)}. Every read goes through {@code
   * in}, so a bad value is one line naming its key, like every built-in key. The default has no
   * settings and returns null.
   *
   * <p>Keep settings records in the part's package (or below): on the cluster runtime they travel
   * to the nodes, which accept only classes from peerlab's packages and from the packages of the
   * parts they have loaded.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  default Object readSettings(SettingsSource in) {
    return null;
  }
}
