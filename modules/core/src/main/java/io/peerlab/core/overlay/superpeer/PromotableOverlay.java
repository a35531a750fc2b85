package io.peerlab.core.overlay.superpeer;

import io.peerlab.core.api.ForwardingOverlay;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.overlay.unstructured.FloodMessage.QueryHit;

/**
 * A peer of {@code super-peer} in a run with churn or failures ({@link
 * io.peerlab.core.overlay.common.Upkeep}): it starts as the layout says, a {@link SuperPeerOverlay}
 * or a {@link LeafOverlay}, and a leaf may turn into a super-peer when super-peers run short (the
 * leaf decides, see {@link LeafOverlay}). From then on everything goes to the new {@link
 * SuperPeerOverlay#promoted super-peer}; the old leaf only finishes the queries it had open (it
 * gets their hits, timers and cancels). A peer that comes back after a crash starts again as the layout
 * says. Runs without failures use the two overlays directly, unchanged.
 */
public final class PromotableOverlay extends ForwardingOverlay {
  private final NodeContext ctx;
  private final SuperPeerSettings settings;
  private final SuperPeerLayout layout;
  private final LeafOverlay leaf;
  private Overlay current;

  public PromotableOverlay(NodeContext ctx, SuperPeerSettings settings, SuperPeerLayout layout) {
    super(null); // delegate() is the overlay this peer runs now
    this.ctx = ctx;
    this.settings = settings;
    this.layout = layout;
    if (layout.isSuper(ctx.self())) {
      this.leaf = null;
      this.current = new SuperPeerOverlay(ctx, settings, layout);
    } else {
      this.leaf = new LeafOverlay(ctx, settings, layout, this::promote);
      this.current = leaf;
    }
  }

  private void promote(int[] seeds) {
    current = SuperPeerOverlay.promoted(ctx, settings, layout, seeds);
  }

  /** The overlay this peer runs now: a {@link LeafOverlay} or a {@link SuperPeerOverlay}. */
  public Overlay current() {
    return current;
  }

  /** True when this peer started as a leaf and is a super-peer now. */
  public boolean promoted() {
    return leaf != null && current != leaf;
  }

  @Override
  protected Overlay delegate() {
    return current;
  }

  @Override
  public void cancel(long op) {
    if (promoted()) {
      leaf.cancel(op);
    }
    super.cancel(op);
  }

  @Override
  public void onMessage(int from, Message message) {
    if (promoted() && message instanceof QueryHit) {
      leaf.onMessage(from, message); // a hit for a query it asked as a leaf
    }
    super.onMessage(from, message);
  }

  @Override
  public void onTimer(Object key) {
    if (promoted()) {
      leaf.onTimer(key); // its open queries' deadlines; its own upkeep timers are ignored
    }
    super.onTimer(key);
  }
}
