package io.peerlab.core.overlay.unstructured;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.id.Key;
import java.util.List;

/**
 * The op side shared by the unstructured overlays whose peers hold content: a lookup or locate
 * that this peer can answer from its own store ends at once, with 0 hops; everything else becomes
 * one query ({@link #ask}) that the overlay sends around in its own way (a flood, random walkers,
 * a super-peer).
 */
public abstract class AskingOverlay implements Overlay {
  protected final NodeContext ctx;

  protected AskingOverlay(NodeContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Sends a query for the object {@code id} (lookup, locate) or for {@code keywords} (search, with
   * {@code id} null); {@code manifest} asks hits to carry the object's manifest (locate).
   */
  protected abstract void ask(long op, Key id, List<String> keywords, boolean manifest);

  @Override
  public void lookup(long op, Key key) {
    if (ctx.store().has(key)) {
      ctx.lookupDone(op, new int[] {ctx.self()}, 0);
      return;
    }
    ask(op, key, List.of(), false);
  }

  @Override
  public void locate(long op, Key objectId) {
    int o = ctx.store().indexOf(objectId);
    if (o >= 0) {
      ctx.located(op, ctx.store().manifest(o), new int[] {ctx.self()}, 0);
      return;
    }
    ask(op, objectId, List.of(), true);
  }

  @Override
  public void search(long op, List<String> keywords) {
    ask(op, null, keywords, false);
  }
}
