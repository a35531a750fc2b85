package org.example.pastry;

import io.peerlab.core.api.LookupOverlay;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.id.Key;

/**
 * One Pastry peer. State (§2.1): a leaf set of the l/2 numerically closest peers on each side and
 * a routing table whose row r holds, for each digit d, a peer sharing the first r digits with this
 * one and having d as digit r. Routing (§2.2, Fig. 1): a key within the leaf set's range goes to
 * the numerically closest leaf (or is delivered here); otherwise to the routing table entry that
 * shares one more digit with the key; failing that (rare), to any known peer that shares as long a
 * prefix and is numerically closer. Each step shares at least one more digit with the key or
 * comes closer, so a lookup ends at the numerically closest peer in fewer than ⌈log16 N⌉ hops on
 * average.
 *
 * <p>The tables are filled at construction from the run's directory (a warm start, like Chord's
 * {@code warm-start}): this example shows routing, not the join protocol of §2.4.
 */
final class PastryOverlay extends LookupOverlay {
  private final Key self;
  private final int[] leaves;
  private final boolean leavesCoverAll;
  private final Key leftmost;
  private final Key rightmost;
  /** table[row][digit]: an address, or -1. */
  private final int[][] table;

  PastryOverlay(NodeContext ctx) {
    super(ctx);
    this.self = ctx.key();
    PastryRing ring = PastryRing.of(ctx.directory());
    int half = ctx.setup().settings().get(PastrySettings.class).leafSet() / 2;
    int n = ring.size();
    leavesCoverAll = n - 1 <= 2 * half;
    int side = Math.min(half, (n - 1) / 2);
    int count = leavesCoverAll ? n - 1 : 2 * side;
    leaves = new int[count];
    int a = ctx.self();
    for (int i = 0; i < count; i++) {
      int steps = leavesCoverAll ? i + 1 : (i < side ? -(i + 1) : i - side + 1);
      leaves[i] = ring.step(a, steps);
    }
    leftmost = ctx.directory().get(ring.step(a, -side)).key();
    rightmost = ctx.directory().get(ring.step(a, side)).key();
    // Row r is needed while some other peer shares r digits with this one; the peers sharing
    // the longest prefix are its neighbours in id order.
    int longest = n == 1 ? 0 : Math.max(
        Digits.sharedPrefix(self, ctx.directory().get(ring.step(a, -1)).key()),
        Digits.sharedPrefix(self, ctx.directory().get(ring.step(a, 1)).key()));
    table = new int[Math.min(Digits.COUNT, longest + 1)][16];
    for (int r = 0; r < table.length; r++) {
      for (int d = 0; d < 16; d++) {
        table[r][d] = d == Digits.digit(self, r) ? -1 : ring.withPrefix(self, r, d, ctx.random());
      }
    }
  }

  @Override
  public void lookup(long op, Key key) {
    route(new PastryMessage.Route(op, key, ctx.self(), 0));
  }

  @Override
  public void onMessage(int from, Message message) {
    if (message instanceof PastryMessage.Route r) {
      route(r);
    } else if (message instanceof PastryMessage.Answer a) {
      ctx.lookupDone(a.op(), new int[] {a.responsible()}, a.hops());
    }
  }

  private void route(PastryMessage.Route r) {
    int next = nextHop(r.key());
    if (next == ctx.self()) {
      if (r.origin() == ctx.self()) {
        ctx.lookupDone(r.op(), new int[] {ctx.self()}, r.hops());
      } else {
        ctx.send(r.origin(), new PastryMessage.Answer(r.op(), ctx.self(), r.hops()));
      }
      return;
    }
    ctx.send(next, new PastryMessage.Route(r.op(), r.key(), r.origin(), r.hops() + 1));
  }

  /** Fig. 1's routing procedure; this peer's own address when it is the destination. */
  private int nextHop(Key key) {
    if (leavesCoverAll || key.equals(leftmost) || key.inOpenClosed(leftmost, rightmost)) {
      return closestOf(key, leaves, ctx.self());
    }
    int l = Digits.sharedPrefix(key, self);
    if (l < table.length) {
      int entry = table[l][Digits.digit(key, l)];
      if (entry >= 0) {
        return entry;
      }
    }
    // The rare case: any known peer with as long a shared prefix that is numerically closer.
    Key mine = Digits.distance(self, key);
    int best = ctx.self();
    Key bestDistance = mine;
    for (int[] row : table) {
      for (int p : row) {
        best = closer(key, l, p, best, bestDistance);
        bestDistance = Digits.distance(ctx.directory().get(best).key(), key);
      }
    }
    for (int p : leaves) {
      best = closer(key, l, p, best, bestDistance);
      bestDistance = Digits.distance(ctx.directory().get(best).key(), key);
    }
    return best;
  }

  private int closer(Key key, int l, int p, int best, Key bestDistance) {
    if (p < 0) {
      return best;
    }
    Key k = ctx.directory().get(p).key();
    return Digits.sharedPrefix(k, key) >= l && Digits.distance(k, key).compareTo(bestDistance) < 0 ? p : best;
  }

  /** The numerically closest of {@code candidates} and {@code self} to {@code key}. */
  private int closestOf(Key key, int[] candidates, int selfAddress) {
    int best = selfAddress;
    Key bestDistance = Digits.distance(self, key);
    for (int p : candidates) {
      Key d = Digits.distance(ctx.directory().get(p).key(), key);
      if (d.compareTo(bestDistance) < 0) {
        best = p;
        bestDistance = d;
      }
    }
    return best;
  }
}
