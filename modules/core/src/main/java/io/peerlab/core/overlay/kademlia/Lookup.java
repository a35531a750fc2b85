package io.peerlab.core.overlay.kademlia;

import io.peerlab.core.api.Directory;
import io.peerlab.core.id.Key;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one iterative node lookup (Maymounkov and Mazières 2002, §2.3): a shortlist of
 * candidates ordered by XOR distance to the target. The lookup keeps up to α RPCs in flight, always
 * to the closest candidates not yet asked among the k closest that have not failed, and ends when
 * those k closest have all answered. So it ends only once every peer among the k closest it knows
 * of has been asked and has answered, the paper's termination rule.
 *
 * <p>Depth: a candidate taken from the origin's own table has depth 1; one learned from the answer
 * of a depth-d candidate has depth d+1. The lookup's hops are the greatest depth among the peers in
 * its answer: the longest chain of RPCs the answer needed.
 */
final class Lookup {
  static final byte UNASKED = 0;
  static final byte ASKED = 1;
  static final byte ANSWERED = 2;
  static final byte FAILED = 3;

  private static final class Candidate {
    final int address;
    final Key key;
    final int depth;
    byte state;

    Candidate(int address, Key key, int depth) {
      this.address = address;
      this.key = key;
      this.depth = depth;
    }
  }

  private final Key target;
  private final int k;
  private final int alpha;
  private final int self;
  private final Directory directory;
  private final List<Candidate> shortlist = new ArrayList<>();
  private int inFlight;
  private int rpcs;
  private int maxDepth;
  private boolean over;

  Lookup(Key target, int k, int alpha, int self, Directory directory) {
    this.target = target;
    this.k = k;
    this.alpha = alpha;
    this.self = self;
    this.directory = directory;
  }

  Key target() {
    return target;
  }

  /** Adds contacts learned at {@code depth}; known ones and this peer are skipped. */
  void learn(int[] contacts, int depth) {
    for (int c : contacts) {
      if (c == self || c < 0 || find(c) != null) {
        continue;
      }
      Key ck = directory.get(c).key();
      int lo = 0;
      int hi = shortlist.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (RoutingTable.compareXor(shortlist.get(mid).key, ck, target) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      shortlist.add(lo, new Candidate(c, ck, depth));
    }
  }

  /** The next peers to ask (marked asked), keeping at most α in flight. */
  int[] next() {
    if (over) {
      return new int[0];
    }
    List<Integer> out = new ArrayList<>();
    int seen = 0;
    for (Candidate c : shortlist) {
      if (seen >= k || inFlight >= alpha) {
        break;
      }
      if (c.state == FAILED) {
        continue;
      }
      seen++;
      if (c.state == UNASKED) {
        c.state = ASKED;
        inFlight++;
        rpcs++;
        out.add(c.address);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** {@code from} answered with {@code contacts} (a late answer after a timeout counts too). */
  void answered(int from, int[] contacts) {
    Candidate c = find(from);
    if (c == null || c.state == ANSWERED) {
      return;
    }
    if (c.state == ASKED) {
      inFlight--;
    }
    c.state = ANSWERED;
    maxDepth = Math.max(maxDepth, c.depth);
    learn(contacts, c.depth + 1);
  }

  /** {@code from} did not answer in time. */
  void failed(int from) {
    Candidate c = find(from);
    if (c != null && c.state == ASKED) {
      c.state = FAILED;
      inFlight--;
    }
  }

  /** Depth of a candidate (for the peer that returned a value). */
  int depthOf(int address) {
    Candidate c = find(address);
    return c == null ? 0 : c.depth;
  }

  /** True when the k closest candidates that have not failed have all answered. */
  boolean finished() {
    if (over) {
      return true;
    }
    int seen = 0;
    for (Candidate c : shortlist) {
      if (seen >= k) {
        break;
      }
      if (c.state == FAILED) {
        continue;
      }
      seen++;
      if (c.state != ANSWERED) {
        return false;
      }
    }
    return true;
  }

  /** Stops the lookup early (a value was found, or the op was cancelled). */
  void stop() {
    over = true;
  }

  /** The k closest peers that answered, nearest first. */
  int[] closest() {
    List<Integer> out = new ArrayList<>();
    for (Candidate c : shortlist) {
      if (out.size() >= k) {
        break;
      }
      if (c.state == ANSWERED) {
        out.add(c.address);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Greatest depth among the peers in {@link #closest()}. */
  int hops() {
    int h = 0;
    int n = 0;
    for (Candidate c : shortlist) {
      if (n >= k) {
        break;
      }
      if (c.state == ANSWERED) {
        h = Math.max(h, c.depth);
        n++;
      }
    }
    return h;
  }

  /** RPCs sent so far. */
  int rpcs() {
    return rpcs;
  }

  /** Greatest depth of any peer that answered. */
  int rounds() {
    return maxDepth;
  }

  boolean knows(int address) {
    return find(address) != null;
  }

  private Candidate find(int address) {
    for (Candidate c : shortlist) {
      if (c.address == address) {
        return c;
      }
    }
    return null;
  }
}
