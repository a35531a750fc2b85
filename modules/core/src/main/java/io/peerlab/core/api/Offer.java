package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.content.Manifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apiguardian.api.API;

/**
 * An object as some peers announced it: the manifest they gave and who they are. An index that
 * was told two different manifests for one id (index poisoning, docs/adversary.md) answers with
 * one offer per manifest; a peer checks each against the object's content id ({@link
 * NodeContext#verify}) before it uses one.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record Offer(Manifest manifest, int[] holders) {
  public Offer {
    java.util.Objects.requireNonNull(manifest, "manifest");
    holders = holders.clone();
  }

  /**
   * The search hits {@code hits}, all announced by {@code holders} (none for an index's hit), that
   * pass this peer's manifest check ({@link NodeContext#verify}): every one without verification.
   */
  public static List<Manifest> verifiedHits(NodeContext ctx, List<Manifest> hits, int[] holders) {
    List<Offer> offers = new ArrayList<>(hits.size());
    for (Manifest m : hits) {
      offers.add(new Offer(m, holders));
    }
    List<Offer> kept = ctx.verify(offers, true);
    if (kept == offers) {
      return hits;
    }
    List<Manifest> out = new ArrayList<>(kept.size());
    for (Offer o : kept) {
      out.add(o.manifest());
    }
    return out;
  }

  /** {@code peers} without those this peer has blacklisted ({@link NodeContext#blacklisted}). */
  public static int[] trusted(NodeContext ctx, int[] peers) {
    int[] out = new int[peers.length];
    int n = 0;
    for (int p : peers) {
      if (!ctx.blacklisted(p)) {
        out[n++] = p;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** {@link #trusted(NodeContext, int[])} of a collection. */
  public static int[] trusted(NodeContext ctx, Collection<Integer> peers) {
    int[] all = new int[peers.size()];
    int n = 0;
    for (int p : peers) {
      all[n++] = p;
    }
    return trusted(ctx, all);
  }

  @Override
  public int[] holders() {
    return holders.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Offer r && manifest.equals(r.manifest) && Arrays.equals(holders, r.holders);
  }

  @Override
  public int hashCode() {
    return manifest.hashCode() * 31 + Arrays.hashCode(holders);
  }

  @Override
  public String toString() {
    return "Offer[" + manifest.name() + ", holders=" + Arrays.toString(holders) + "]";
  }
}
