package io.peerlab.core.overlay.index;

import io.peerlab.core.api.SwarmEvent;
import io.peerlab.core.id.Key;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tracker's table: the members of each object's swarm, in order of arrival. Answers are a
 * uniform random sample of the other members (as BitTorrent trackers answer), so that a flash
 * crowd does not all connect to the first arrivals.
 */
public final class SwarmTable {
  private final Map<Key, LinkedHashSet<Integer>> swarms = new HashMap<>();

  /** Records {@code event} for {@code peer}; STOPPED removes it, every other event adds it. */
  public void update(Key object, int peer, SwarmEvent event) {
    if (event == SwarmEvent.STOPPED) {
      LinkedHashSet<Integer> s = swarms.get(object);
      if (s != null) {
        s.remove(peer);
        if (s.isEmpty()) {
          swarms.remove(object);
        }
      }
    } else {
      swarms.computeIfAbsent(object, k -> new LinkedHashSet<>()).add(peer);
    }
  }

  /** Up to {@code want} members other than {@code asker}, drawn without replacement. */
  public int[] sample(Key object, int asker, int want, SplittableRandom random) {
    LinkedHashSet<Integer> s = swarms.get(object);
    if (s == null || want <= 0) {
      return new int[0];
    }
    List<Integer> others = new ArrayList<>(s.size());
    for (int p : s) {
      if (p != asker) {
        others.add(p);
      }
    }
    int k = Math.min(want, others.size());
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(others.size() - i);
      int t = others.get(i);
      others.set(i, others.get(j));
      others.set(j, t);
      out[i] = others.get(i);
    }
    return out;
  }

  /** Members of one swarm. */
  public int size(Key object) {
    LinkedHashSet<Integer> s = swarms.get(object);
    return s == null ? 0 : s.size();
  }

  /** Swarms with at least one member. */
  public int swarms() {
    return swarms.size();
  }
}
