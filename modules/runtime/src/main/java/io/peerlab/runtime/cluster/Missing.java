package io.peerlab.runtime.cluster;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Topology;
import io.peerlab.core.api.Transfer;
import io.peerlab.core.api.TransferStrategy;

/**
 * What a member reads for a topology or strategy it has not loaded: a stand-in whose every use
 * throws one line naming the part, so the member's {@code Prepare} fails before the run starts
 * and the coordinator aborts the run with that line.
 */
final class Missing {
  private Missing() {}

  /** Marks the stand-ins. */
  private interface StandIn {}

  /** Throws the one line if the spec names a part this member lacks. */
  static void check(RunSpec spec) {
    if (spec.topology() instanceof StandIn) {
      throw new IllegalStateException(problem("topology", spec.topology().name()));
    }
    if (spec.transfer() instanceof StandIn) {
      throw new IllegalStateException(problem("transfer strategy", spec.transfer().name()));
    }
  }

  private interface MissingTopology extends Topology, StandIn {}

  private interface MissingTransfer extends TransferStrategy, StandIn {}

  static String problem(String kind, String name) {
    return "this node has no " + kind + " '" + name + "': start every node with the same --plugin"
        + " (peerlab node --plugin PATH) as the run";
  }

  static Topology topology(String name) {
    return new MissingTopology() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return problem("topology", name);
      }

      @Override
      public Role role(int address, RunSpec spec) {
        throw new IllegalStateException(problem("topology", name));
      }

      @Override
      public Overlay overlay(NodeContext ctx) {
        throw new IllegalStateException(problem("topology", name));
      }
    };
  }

  static TransferStrategy transfer(String name) {
    return new MissingTransfer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return problem("transfer strategy", name);
      }

      @Override
      public Transfer create(NodeContext ctx) {
        throw new IllegalStateException(problem("transfer strategy", name));
      }
    };
  }
}
