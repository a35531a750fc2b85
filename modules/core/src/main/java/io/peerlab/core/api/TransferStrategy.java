package io.peerlab.core.api;

/**
 * A named transfer strategy ({@code peerlab.transfer}): the factory of one {@link Transfer} per
 * peer. Stateless; one instance serves every run. Implementations are found with {@link
 * java.util.ServiceLoader} (listed in {@code META-INF/services/io.peerlab.core.api.TransferStrategy}),
 * the built-in ones exactly like a plugin's.
 */
public interface TransferStrategy {

  /** The name used in scenario files and results ({@code single-source}, {@code swarm}...). */
  String name();

  /** One line for help texts and reports. */
  String description();

  /** A new transfer instance for one peer. */
  Transfer create(NodeContext ctx);
}
