package org.example.pastry;

import io.peerlab.core.api.LookupOverlay;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.id.Key;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

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
 * <p>Joining (§2.4, the default): peer 0 starts the overlay; the others join in waves that at most
 * double it (peer a after about {@code join-wave · log2 a}), each through a peer of an earlier
 * wave. The new peer X routes a {@link PastryMessage.Join} to its own id; every peer on the way
 * adds itself and the rows of its routing table that X can use (rows 0 to the length of the prefix
 * it shares with X: their entries share as many digits with X); the numerically closest peer Z
 * adds its leaf set and replies. X files everything it heard into its own tables and announces
 * itself to every peer in them ({@link PastryMessage.Announce}, with its leaf set), who file X and
 * X's leaves. A peer whose leaf set takes in a peer it only heard of announces itself to that peer,
 * and one whose leaf set takes in the sender answers with its own leaf set, so that peers joining
 * at once beside each other still end up in each other's leaf sets. Leaf sets only ever get closer,
 * so this stops. Each routing table entry is one of the peers heard of for it, drawn at random
 * (no proximity metric).
 *
 * <p>With {@code warm-start = true} the tables are filled from the run's directory instead, as if
 * every peer had joined and the tables had converged (entries drawn at random among the candidates).
 */
final class PastryOverlay extends LookupOverlay {
  private static final int BOOTSTRAP = 0;
  private static final String JOIN_TIMER = "pastry-join";

  private final Key self;
  private final PastrySettings settings;
  private final int half;
  /** The leaf set's two halves: the nearest peers clockwise (larger ids) and counter-clockwise, nearest first. */
  private final Side right;
  private final Side left;
  /** table[row][digit]: an address, or -1; a row is allocated when its first entry is filed. */
  private final int[][] table = new int[Digits.COUNT][];
  /** heard[row][digit]: how many peers were offered for that entry (one who comes again counts again). */
  private final int[][] heard = new int[Digits.COUNT][];
  private boolean joined;

  PastryOverlay(NodeContext ctx) {
    super(ctx);
    this.self = ctx.key();
    this.settings = ctx.setup().settings().get(PastrySettings.class);
    this.half = settings.leafSet() / 2;
    this.right = new Side(true);
    this.left = new Side(false);
    // The bootstrap is the overlay from the start: on a real runtime a join may reach it before
    // its own JOIN phase has begun.
    this.joined = !settings.warmStart() && ctx.self() == BOOTSTRAP;
  }

  @Override
  public void join() {
    if (settings.warmStart()) {
      warmStart();
      becomeMember();
    } else if (ctx.self() == BOOTSTRAP) {
      ctx.joined();
    } else {
      ctx.startTimer(startNanos(ctx.self(), settings.joinWaveNanos()), JOIN_TIMER);
    }
  }

  @Override
  public void onTimer(Object key) {
    if (JOIN_TIMER.equals(key)) {
      ctx.send(bootstrap(), new PastryMessage.Join(0, ctx.self(), self, new int[0]));
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
    } else if (message instanceof PastryMessage.Join j) {
      onJoin(j);
    } else if (message instanceof PastryMessage.JoinReply r) {
      onJoinReply(r);
    } else if (message instanceof PastryMessage.Announce a) {
      onAnnounce(from, a);
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

  // ---- joining (§2.4) ----

  /**
   * When peer {@code address} starts joining: wave w holds addresses [2^w, 2^(w+1)), spread evenly
   * over one wave, so each wave at most doubles the overlay (peerlab's Chord joins the same way).
   */
  static long startNanos(int address, long waveNanos) {
    int w = 31 - Integer.numberOfLeadingZeros(address);
    long base = 1L << w;
    return (long) ((w + (address - base) / (double) base) * waveNanos);
  }

  /** A peer of an earlier wave, one wave or more ahead: it has joined by now. */
  private int bootstrap() {
    int a = ctx.self();
    int earlier = (Integer.highestOneBit(a)) / 2;
    return earlier <= 1 ? BOOTSTRAP : ctx.random().nextInt(earlier);
  }

  private void onJoin(PastryMessage.Join j) {
    if (!joined) {
      // Not in the overlay yet (a slow start on a real runtime): the bootstrap is.
      ctx.send(BOOTSTRAP, j);
      return;
    }
    Set<Integer> known = new LinkedHashSet<>();
    for (int a : j.known()) {
      known.add(a);
    }
    known.add(ctx.self());
    int shared = Digits.sharedPrefix(self, j.key());
    for (int r = 0; r <= Math.min(shared, Digits.COUNT - 1); r++) {
      addRow(known, r);
    }
    int next = nextHop(j.key());
    int[] path = known.stream().mapToInt(Integer::intValue).toArray();
    if (next == ctx.self() || next == j.joiner()) {
      for (int a : leaves()) {
        known.add(a);
      }
      known.remove(j.joiner());
      ctx.send(j.joiner(), new PastryMessage.JoinReply(0, known.stream().mapToInt(Integer::intValue).toArray()));
    } else {
      ctx.send(next, new PastryMessage.Join(0, j.joiner(), j.key(), path));
    }
  }

  private void addRow(Set<Integer> known, int r) {
    if (table[r] != null) {
      for (int a : table[r]) {
        if (a >= 0) {
          known.add(a);
        }
      }
    }
  }

  private void onJoinReply(PastryMessage.JoinReply r) {
    if (joined) {
      return;
    }
    for (int a : r.known()) {
      file(a);
    }
    becomeMember();
    PastryMessage.Announce hello = new PastryMessage.Announce(0, leaves());
    for (int a : everyoneKnown()) {
      ctx.send(a, hello);
    }
  }

  private void onAnnounce(int from, PastryMessage.Announce a) {
    if (!joined) {
      return;
    }
    boolean senderIsNewLeaf = file(from);
    for (int p : a.leaves()) {
      if (p != ctx.self() && p != from && file(p)) {
        // A leaf we only heard of: make sure it hears of us.
        ctx.send(p, new PastryMessage.Announce(0, leaves()));
      }
    }
    if (senderIsNewLeaf) {
      ctx.send(from, new PastryMessage.Announce(0, leaves()));
    }
  }

  private void becomeMember() {
    joined = true;
    ctx.joined();
  }

  /** Files {@code a} into the routing table and the leaf set; true if the leaf set took it in. */
  private boolean file(int a) {
    if (a < 0 || a == ctx.self()) {
      return false;
    }
    Key k = ctx.directory().get(a).key();
    int r = Digits.sharedPrefix(self, k);
    if (r < Digits.COUNT) {
      if (table[r] == null) {
        table[r] = new int[16];
        Arrays.fill(table[r], -1);
      }
      int d = Digits.digit(k, r);
      if (table[r][d] != a) {
        // Each peer heard of for an entry keeps it with probability 1/(peers heard of so far): the
        // entries spread over the candidates, as proximity spreads them in the paper, rather than
        // all naming the peers that joined first.
        if (heard[r] == null) {
          heard[r] = new int[16];
        }
        int seen = ++heard[r][d];
        if (seen == 1 || ctx.random().nextInt(seen) == 0) {
          table[r][d] = a;
        }
      }
    }
    boolean inRight = right.offer(a, Key.ringDistance(self, k));
    boolean inLeft = left.offer(a, Key.ringDistance(k, self));
    return inRight || inLeft;
  }

  private int[] leaves() {
    Set<Integer> all = new LinkedHashSet<>();
    for (int i = 0; i < left.size; i++) {
      all.add(left.peers[i]);
    }
    for (int i = 0; i < right.size; i++) {
      all.add(right.peers[i]);
    }
    return all.stream().mapToInt(Integer::intValue).toArray();
  }

  private int[] everyoneKnown() {
    Set<Integer> all = new LinkedHashSet<>();
    for (int a : leaves()) {
      all.add(a);
    }
    for (int[] row : table) {
      if (row != null) {
        for (int a : row) {
          if (a >= 0) {
            all.add(a);
          }
        }
      }
    }
    return all.stream().mapToInt(Integer::intValue).toArray();
  }

  // ---- warm start ----

  private void warmStart() {
    PastryRing ring = PastryRing.of(ctx.directory());
    int n = ring.size();
    int a = ctx.self();
    for (int i = 1; i <= Math.min(half, n - 1); i++) {
      right.offer(ring.step(a, i), Key.ringDistance(self, ctx.directory().get(ring.step(a, i)).key()));
      left.offer(ring.step(a, -i), Key.ringDistance(ctx.directory().get(ring.step(a, -i)).key(), self));
    }
    // Row r is needed while some other peer shares r digits with this one; the peers sharing
    // the longest prefix are its neighbours in id order.
    int longest = n == 1 ? 0 : Math.max(
        Digits.sharedPrefix(self, ctx.directory().get(ring.step(a, -1)).key()),
        Digits.sharedPrefix(self, ctx.directory().get(ring.step(a, 1)).key()));
    for (int r = 0; r < Math.min(Digits.COUNT, longest + 1); r++) {
      table[r] = new int[16];
      for (int d = 0; d < 16; d++) {
        table[r][d] = d == Digits.digit(self, r) ? -1 : ring.withPrefix(self, r, d, ctx.random());
      }
    }
  }

  // ---- routing (Fig. 1) ----

  /** Fig. 1's routing procedure; this peer's own address when it is the destination. */
  private int nextHop(Key key) {
    Best best = new Best(key, 0);
    if (leavesCoverAll() || key.equals(left.farthest()) || key.inOpenClosed(left.farthest(), right.farthest())) {
      left.offerTo(best);
      right.offerTo(best);
      return best.address;
    }
    int l = Digits.sharedPrefix(key, self);
    if (l < Digits.COUNT && table[l] != null) {
      int entry = table[l][Digits.digit(key, l)];
      if (entry >= 0) {
        return entry;
      }
    }
    // The rare case: any known peer with as long a shared prefix that is numerically closer.
    best = new Best(key, l);
    for (int[] row : table) {
      if (row != null) {
        for (int p : row) {
          best.offer(p);
        }
      }
    }
    left.offerTo(best);
    right.offerTo(best);
    return best.address;
  }

  /**
   * The leaf set holds every peer this one knows of on both sides (a small overlay): a key is then
   * always "within range". So when a half is not full, or the halves overlap.
   */
  private boolean leavesCoverAll() {
    if (left.size < half || right.size < half) {
      return true;
    }
    for (int i = 0; i < left.size; i++) {
      if (right.contains(left.peers[i])) {
        return true;
      }
    }
    return false;
  }

  /** The numerically closest to a key of the peers offered, starting from this one. */
  private final class Best {
    final Key key;
    final int prefix;
    int address = ctx.self();
    Key distance;

    /** Only peers sharing at least {@code prefix} digits with {@code key} count. */
    Best(Key key, int prefix) {
      this.key = key;
      this.prefix = prefix;
      this.distance = Digits.distance(self, key);
    }

    void offer(int p) {
      if (p < 0) {
        return;
      }
      Key k = ctx.directory().get(p).key();
      Key d = Digits.distance(k, key);
      if (d.compareTo(distance) < 0 && (prefix == 0 || Digits.sharedPrefix(k, key) >= prefix)) {
        address = p;
        distance = d;
      }
    }
  }

  /** One half of the leaf set: up to l/2 peers by their distance from this one in one direction. */
  private final class Side {
    final int[] peers = new int[half];
    final Key[] distances = new Key[half];
    int size;
    private final boolean clockwise;

    Side(boolean clockwise) {
      this.clockwise = clockwise;
    }

    /** Takes {@code a} in if it is among the l/2 nearest on this side; true if it did. */
    boolean offer(int a, Key distance) {
      if (contains(a) || (size == half && distance.compareTo(distances[size - 1]) >= 0)) {
        return false;
      }
      int i = Math.min(size, half - 1);
      while (i > 0 && distances[i - 1].compareTo(distance) > 0) {
        if (i < half) {
          peers[i] = peers[i - 1];
          distances[i] = distances[i - 1];
        }
        i--;
      }
      peers[i] = a;
      distances[i] = distance;
      size = Math.min(size + 1, half);
      return true;
    }

    void offerTo(Best best) {
      for (int i = 0; i < size; i++) {
        best.offer(peers[i]);
      }
    }

    boolean contains(int a) {
      for (int i = 0; i < size; i++) {
        if (peers[i] == a) {
          return true;
        }
      }
      return false;
    }

    /** The id of the farthest peer on this side (this peer's own when the side is empty). */
    Key farthest() {
      return size == 0 ? self : ctx.directory().get(peers[size - 1]).key();
    }

    @Override
    public String toString() {
      return (clockwise ? "right " : "left ") + Arrays.toString(Arrays.copyOf(peers, size));
    }
  }
}
