package io.peerlab.core.overlay.unstructured;

import io.peerlab.core.api.Adversaries;
import io.peerlab.core.api.AdversarySettings;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code misroute} in the unstructured overlays (docs/adversary.md; docs/overlays/flooding.md
 * "Under attack"). There is no routing table to corrupt: a query reaches whoever its flood or walk
 * reaches. What a malicious peer on the query's path can do is the eclipse of the asking peer's
 * view of one object: it answers every id query (a lookup, a fetch's locate) at once, naming up to
 * {@link #NAMED} other malicious peers as the holders (with the object's genuine manifest, which a
 * colluder may know), and does not pass the query on, so that the peers behind it are not asked.
 * A keyword search it swallows (the same as {@code drop}: it has nothing to name). The peers it
 * names do not hold the object: a fetch that believes it asks them in vain.
 */
public final class Eclipse {
  private Eclipse() {}

  /** How many accomplices a misrouting peer names as holders. */
  public static final int NAMED = 3;

  /** True when this peer misroutes others' queries. */
  public static boolean misroutes(NodeContext ctx) {
    return Adversaries.of(ctx.setup()).is(ctx.self(), AdversarySettings.Behaviour.MISROUTE);
  }

  /**
   * The peers a misrouting peer names as holders: the next {@link #NAMED} malicious peers after it
   * (by address, wrapping round), never itself.
   */
  public static List<Integer> accomplices(NodeContext ctx) {
    int[] all = Adversaries.of(ctx.setup()).addresses();
    List<Integer> out = new ArrayList<>(NAMED);
    int start = java.util.Arrays.binarySearch(all, ctx.self());
    for (int i = 1; i < all.length && out.size() < NAMED; i++) {
      out.add(all[(Math.max(start, 0) + i) % all.length]);
    }
    return out;
  }

  /** The object's genuine manifest, or null when no object has {@code id}. */
  public static Manifest manifest(NodeContext ctx, Key id) {
    Catalog catalog = ctx.setup().catalog();
    int o = catalog.indexOf(id);
    return o < 0 ? null : catalog.manifest(o);
  }
}
