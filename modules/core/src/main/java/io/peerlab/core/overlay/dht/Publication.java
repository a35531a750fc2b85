package io.peerlab.core.overlay.dht;

import io.peerlab.core.api.ObjectStore;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import java.util.ArrayList;
import java.util.List;

/**
 * What a holder puts into the DHT to make one object findable: the object record at the object's
 * id, and one posting entry at the key of each of its keywords. Both overlays publish exactly
 * these, so their publishing cost is comparable.
 */
public final class Publication {
  private Publication() {}

  /** One value to store at {@code key}: an object record, or a posting entry when keyword != null. */
  public record Put(Key key, Manifest manifest, String keyword) {
    public boolean isPosting() {
      return keyword != null;
    }
  }

  /** The puts for every object of {@code store}, in object order: record first, then postings. */
  public static List<Put> of(ObjectStore store) {
    List<Put> out = new ArrayList<>();
    for (int o : store.objects()) {
      out.addAll(of(store.manifest(o)));
    }
    return out;
  }

  /** The puts for these manifests, in order: for each, record first, then postings. */
  public static List<Put> of(List<Manifest> manifests) {
    List<Put> out = new ArrayList<>();
    for (Manifest m : manifests) {
      out.addAll(of(m));
    }
    return out;
  }

  /** The puts for one object. */
  public static List<Put> of(Manifest m) {
    List<Put> out = new ArrayList<>(1 + m.keywords().size());
    out.add(new Put(m.id(), m, null));
    for (String w : m.keywords()) {
      out.add(new Put(Keywords.key(w), m, w));
    }
    return out;
  }
}
