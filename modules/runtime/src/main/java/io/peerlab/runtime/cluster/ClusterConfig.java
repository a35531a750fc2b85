package io.peerlab.runtime.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.peerlab.runtime.PekkoConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Pekko configuration of one cluster member. */
public final class ClusterConfig {
  private ClusterConfig() {}

  /** Every member's ActorSystem has this name; Pekko only joins systems of the same name. */
  public static final String SYSTEM = "peerlab";

  /** Role of the members that host peers ({@code peerlab node}). */
  public static final String NODE_ROLE = "node";

  /** Role of the run process, which coordinates and hosts no peers. */
  public static final String COORDINATOR_ROLE = "coordinator";

  /**
   * @param bind the address to bind and advertise (port 0: any free port)
   * @param seeds the seed nodes to join through; a node that lists itself starts a new cluster
   * @param role {@link #NODE_ROLE} or {@link #COORDINATOR_ROLE}
   * @param tls a TLS folder ({@link ClusterTls}): Artery over TLS with mutual authentication; empty:
   *     plain TCP, which lets in anyone who reaches the port
   */
  public static Config member(
      HostPort bind, List<HostPort> seeds, String role, Optional<Path> tls, Config overrides) {
    List<String> seedAddresses = new ArrayList<>();
    for (HostPort s : seeds) {
      seedAddresses.add(s.pekkoAddress());
    }
    Config member =
        ConfigFactory.empty()
            .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(bind.host()))
            .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(bind.port()))
            .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seedAddresses))
            .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(List.of(role)));
    Config cluster =
        ConfigFactory.parseResources(ClusterConfig.class.getClassLoader(), "peerlab-cluster.conf");
    Config transport = tls.map(ClusterTls::pekkoConfig).orElse(ConfigFactory.empty());
    return PekkoConfig.local(overrides.withFallback(transport).withFallback(member).withFallback(cluster));
  }
}
