package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.content.Manifest;
import java.util.Arrays;
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
