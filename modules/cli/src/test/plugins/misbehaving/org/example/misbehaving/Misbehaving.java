package org.example.misbehaving;

import io.peerlab.core.api.LookupOverlay;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Topology;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Wire;

/**
 * Topologies whose lookups misbehave, one way each, for peerlab's robustness tests: each is a
 * {@link LookupOverlay} (joins and publishes at once, fails searches and fetches).
 */
public abstract class Misbehaving implements Topology {

  /** Any message of these overlays. */
  public record Spam(long op) implements Message {
    @Override
    public int wireSize() {
      return Wire.HEADER;
    }
  }

  @Override
  public String description() {
    return "a lookup that " + name() + " (robustness tests)";
  }

  @Override
  public Role role(int address, RunSpec spec) {
    return Role.BOTH;
  }

  /** What a lookup does. */
  abstract void lookup(NodeContext ctx, long op, Key key);

  /** What a message does; by default nothing. */
  void onMessage(NodeContext ctx, int from, Message message) {}

  @Override
  public Overlay overlay(NodeContext ctx) {
    return new LookupOverlay(ctx) {
      @Override
      public void lookup(long op, Key key) {
        Misbehaving.this.lookup(ctx, op, key);
      }

      @Override
      public void onMessage(int from, Message message) {
        Misbehaving.this.onMessage(ctx, from, message);
      }
    };
  }

  /** {@code throws}: every lookup throws. */
  public static final class Throws extends Misbehaving {
    @Override
    public String name() {
      return "throws";
    }

    @Override
    void lookup(NodeContext ctx, long op, Key key) {
      throw new IllegalStateException("boom in lookup");
    }
  }

  /** {@code never-answers}: every lookup is forgotten. */
  public static final class NeverAnswers extends Misbehaving {
    @Override
    public String name() {
      return "never-answers";
    }

    @Override
    void lookup(NodeContext ctx, long op, Key key) {}
  }

  /** {@code sends-nowhere}: every lookup goes to a peer that does not exist. */
  public static final class SendsNowhere extends Misbehaving {
    @Override
    public String name() {
      return "sends-nowhere";
    }

    @Override
    void lookup(NodeContext ctx, long op, Key key) {
      ctx.send(ctx.directory().size() + 7, new Spam(op));
    }
  }

  /** {@code floods}: every message is sent on to two random peers, forever. */
  public static final class Floods extends Misbehaving {
    @Override
    public String name() {
      return "floods";
    }

    @Override
    void lookup(NodeContext ctx, long op, Key key) {
      onMessage(ctx, ctx.self(), new Spam(op));
    }

    @Override
    void onMessage(NodeContext ctx, int from, Message message) {
      for (int i = 0; i < 2; i++) {
        ctx.send(ctx.random().nextInt(ctx.directory().size()), message);
      }
    }
  }
}
