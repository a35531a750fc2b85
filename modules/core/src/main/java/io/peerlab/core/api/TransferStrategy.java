package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A named transfer strategy ({@code peerlab.transfer}): the factory of one {@link Transfer} per
 * peer. Stateless; one instance serves every run. Implementations are found with {@link
 * java.util.ServiceLoader} (listed in {@code META-INF/services/io.peerlab.core.api.TransferStrategy}),
 * the built-in ones exactly like a plugin's.
 */
@API(status = STABLE, since = "0.1")
public interface TransferStrategy extends Pluggable {

  /** A new transfer instance for one peer. */
  Transfer create(NodeContext ctx);

  /**
   * A strategy that is a name, a description and a constructor: subclass it with a public no-arg
   * constructor (ServiceLoader needs one) that passes the three.
   */
  abstract class Named implements TransferStrategy {
    private final String name;
    private final String description;
    private final Function<NodeContext, Transfer> factory;

    protected Named(String name, String description, Function<NodeContext, Transfer> factory) {
      this.name = Objects.requireNonNull(name);
      this.description = Objects.requireNonNull(description);
      this.factory = Objects.requireNonNull(factory);
    }

    @Override
    public final String name() {
      return name;
    }

    @Override
    public final String description() {
      return description;
    }

    @Override
    public final Transfer create(NodeContext ctx) {
      return factory.apply(ctx);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
