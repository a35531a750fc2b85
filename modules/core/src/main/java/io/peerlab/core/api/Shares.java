package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What a peer announces that it holds, to an index, a super-peer, a DHT or in answer to a query:
 * the manifests of its store, and at a {@code poison} peer (docs/adversary.md) also the forged
 * manifest ({@link Adversaries#forged}) of every targeted object it does not hold, for which it
 * serves junk that matches the forgery. A targeted object a poisoner does hold it announces and
 * serves like anyone. Overlays announce through this class so that poisoning needs no
 * code of its own in each of them; an honest peer's answer is its store's, as before.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class Shares {
  private Shares() {}

  /** The adversaries when this peer poisons, else null. */
  private static Adversaries poisoner(NodeContext ctx) {
    Adversaries a = Adversaries.of(ctx.setup()); // no one when the run has no adversary
    return a.poisons(ctx.self()) ? a : null;
  }

  /**
   * True when this peer shares nothing (a {@code free-ride} peer: it announces none of its objects
   * and serves no chunk, as most of Gnutella's peers did: Adar and Huberman 2000).
   */
  public static boolean freeRides(NodeContext ctx) {
    return Adversaries.of(ctx.setup()).is(ctx.self(), AdversarySettings.Behaviour.FREE_RIDE);
  }

  /** True when this peer announces forged manifests (a {@code poison} peer). */
  public static boolean poisons(NodeContext ctx) {
    return poisoner(ctx) != null;
  }

  /** Every manifest this peer announces: a poisoner's forged ones first, then its store's. */
  public static List<Manifest> all(NodeContext ctx) {
    return announced(ctx, null);
  }

  /** The manifest this peer announces for {@code id}, or null when it announces none. */
  public static Manifest of(NodeContext ctx, Key id) {
    if (freeRides(ctx)) {
      return null;
    }
    Adversaries a = poisoner(ctx);
    if (a != null) {
      int o = ctx.setup().catalog().indexOf(id);
      if (a.targeted(o) && !ctx.store().has(o)) {
        return a.forged(o);
      }
    }
    int o = ctx.store().indexOf(id);
    return o < 0 ? null : ctx.store().manifest(o);
  }

  /** The manifests this peer announces that carry every keyword (forged ones first). */
  public static List<Manifest> matching(NodeContext ctx, Collection<String> keywords) {
    return announced(ctx, keywords);
  }

  /** What this peer announces, with every keyword of {@code keywords} (all when null). */
  private static List<Manifest> announced(NodeContext ctx, Collection<String> keywords) {
    List<Manifest> out = new ArrayList<>();
    if (freeRides(ctx)) {
      return out;
    }
    ObjectStore store = ctx.store();
    Catalog catalog = ctx.setup().catalog();
    Adversaries a = poisoner(ctx);
    if (a != null) {
      for (int t = 0; t < a.targets().length; t++) {
        if (!store.has(t) && (keywords == null || catalog.matches(t, keywords))) {
          out.add(a.forged(t));
        }
      }
    }
    for (int o : keywords == null ? store.objects() : store.matching(keywords)) {
      out.add(store.manifest(o));
    }
    return out;
  }

  /**
   * The bytes this peer serves as chunk {@code chunk} of {@code object}: junk matching the forged
   * manifest for an object it poisons, else its store's.
   */
  public static byte[] chunk(NodeContext ctx, int object, int chunk) {
    Adversaries a = poisoner(ctx);
    if (a != null && a.targeted(object) && !ctx.store().has(object)) {
      return a.forgedChunk(object, chunk);
    }
    return ctx.store().chunk(object, chunk);
  }

  /** The object index this peer serves for {@code id} (held or poisoned), or -1. */
  public static int served(NodeContext ctx, Key id) {
    if (freeRides(ctx)) {
      return -1; // a free-rider serves nothing
    }
    Adversaries a = poisoner(ctx);
    if (a != null) {
      int o = ctx.setup().catalog().indexOf(id);
      if (a.targeted(o) && !ctx.store().has(o)) {
        return o;
      }
    }
    return ctx.store().indexOf(id);
  }
}
