package io.peerlab.core.transfer.swarm;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.api.SwarmEvent;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.transfer.ChunkMessage.ChunkData;
import io.peerlab.core.transfer.ChunkMessage.ChunkRequest;
import io.peerlab.core.transfer.Uploader;
import io.peerlab.core.transfer.swarm.SwarmMessage.Cancel;
import io.peerlab.core.transfer.swarm.SwarmMessage.Choke;
import io.peerlab.core.transfer.swarm.SwarmMessage.Handshake;
import io.peerlab.core.transfer.swarm.SwarmMessage.Have;
import io.peerlab.core.transfer.swarm.SwarmMessage.Interest;
import io.peerlab.core.transfer.swarm.SwarmMessage.Leave;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One member's state in one object's swarm, and the protocol that changes it: connections and
 * their choke/interest flags, the member's chunks, chunk availability among its connections, and
 * outstanding requests. Owned by {@link Swarm}; single-threaded like the peer.
 *
 * <p>Invariants: {@code availability[c]} is the number of open connections whose bitfield has
 * {@code c}; {@code requested[c]} is the number of connections with {@code c} outstanding;
 * {@code haveCount == have.cardinality()}; at most {@code swarm.slots()} connections are unchoked.
 */
final class Torrent {

  /** Connections suggested to a peer on accept or refusal (peer exchange). */
  static final int PEX_PEERS = 5;

  /**
   * Requests kept outstanding on every connection, however slow: with one, the source's uplink
   * idles for a round trip after every chunk (the request for the next one is sent only when the
   * last arrives); with two, the next request waits at the source while a chunk is on the wire.
   */
  static final int MIN_REQUESTS = 2;

  /** One connection to another member of this swarm. */
  static final class Conn {
    final int peer;
    final BitSet has = new BitSet();
    int hasCount;
    boolean open;
    final long since;
    boolean amChoking = true;
    boolean amInterested;
    boolean peerChoking = true;
    boolean peerInterested;
    /** chunk -> when requested. */
    final Map<Integer, Long> outstanding = new LinkedHashMap<>();
    final BitSet asked = new BitSet();
    long receivedRound;
    long sentRound;
    long sentTotal;
    /** Content bytes accepted from the peer, over the whole download. */
    long receivedTotal;
    /** The peer has unchoked this member at least once. */
    boolean unchokedMe;
    /** Smoothed rate at which this connection delivers chunks, in bytes per second. */
    double rate;
    long lastPieceAt;
    /** When any message last came from the peer (a crashed peer falls silent). */
    long lastHeard;
    /** Requests received from the peer since the last rechoke (0 while unchoked = snubbing us). */
    int requestsRound;
    /** When this member last unchoked the peer. */
    long unchokedAt;
    long remoteOp;

    Conn(int peer, long since) {
      this.peer = peer;
      this.since = since;
      this.lastHeard = since;
    }
  }

  private final Swarm swarm;
  private final NodeContext ctx;
  private final SwarmSettings settings;
  final Manifest manifest;
  final Key id;
  final int chunks;
  final BitSet have = new BitSet();
  int haveCount;
  /** Fetch ops of this peer waiting for the download; the first one's token tags messages. */
  final List<Long> waiting = new ArrayList<>();
  long op = OpToken.NONE;
  boolean downloading;
  boolean announced;
  long completedAt = -1;
  long bytes;
  private long lastAnnounce = Long.MIN_VALUE;
  final int[] availability;
  final int[] requested;
  /** Times this member handed each chunk to the network. */
  private final int[] timesSent;
  final LinkedHashMap<Integer, Conn> conns = new LinkedHashMap<>();
  final LinkedHashSet<Integer> candidates = new LinkedHashSet<>();
  final Set<Integer> banned = new HashSet<>();
  /** Peers this member has dialled; peer exchange does not offer them again (the tracker may). */
  private final Set<Integer> tried = new HashSet<>();
  private int round;
  private int optimistic = -1;
  boolean closed;
  /**
   * This member held the whole object when the first member connected to it (a server, an initial
   * holder, a peer that kept an earlier download): every downloader may connect, beyond {@code
   * swarm.max-peers}, as HTTP seeds serve every client (BEP 19). So a downloader that came late is
   * not refused by the one peer sure to have what it lacks.
   */
  private boolean origin;

  Torrent(Swarm swarm, Manifest manifest) {
    this.swarm = swarm;
    this.ctx = swarm.ctx();
    this.settings = swarm.settings();
    this.manifest = manifest;
    this.id = manifest.id();
    this.chunks = manifest.chunkCount();
    this.availability = new int[chunks];
    this.requested = new int[chunks];
    this.timesSent = new int[chunks];
  }

  boolean complete() {
    return haveCount == chunks;
  }

  /** This member holds every chunk from the start (an initial holder); it only uploads. */
  void seedAll() {
    origin = true;
    have.set(0, chunks);
    haveCount = chunks;
  }

  // ---- downloading ----

  void start(long fetchOp, int[] holders) {
    waiting.add(fetchOp);
    op = fetchOp;
    downloading = true;
    for (int h : holders) {
      addCandidate(h, true);
    }
    announce(SwarmEvent.STARTED);
    connectMore();
  }

  void onMembers(int[] members) {
    for (int m : members) {
      addCandidate(m, true);
    }
    connectMore();
  }

  /** A member to dial: from the tracker or the locate step ({@code fresh}), or by peer exchange. */
  private void addCandidate(int p, boolean fresh) {
    if (p != ctx.self() && !conns.containsKey(p) && !banned.contains(p)
        && (fresh || !tried.contains(p))) {
      candidates.add(p);
    }
  }

  private void announce(SwarmEvent event) {
    announced = true;
    lastAnnounce = ctx.now();
    ctx.announceSwarm(op, id, event, settings.maxPeers());
  }

  private void connectMore() {
    if (!downloading) {
      return;
    }
    Iterator<Integer> it = candidates.iterator();
    while (conns.size() < settings.maxPeers() && it.hasNext()) {
      int p = it.next();
      it.remove();
      if (conns.containsKey(p) || banned.contains(p)) {
        continue;
      }
      conns.put(p, new Conn(p, ctx.now()));
      tried.add(p);
      ctx.send(p, new Handshake(op, id, bitfield(), false, new int[0]));
    }
  }

  // ---- the wire protocol ----

  void onHandshake(int from, Handshake h) {
    if (banned.contains(from)) {
      ctx.send(from, new Leave(opFor(null), id, new int[0]));
      return;
    }
    Conn c = conns.get(from);
    if (!h.reply()) {
      if (c == null) {
        if (conns.size() >= settings.maxPeers() && !origin) {
          ctx.send(from, new Leave(opFor(null), id, exchange(from)));
          return;
        }
        c = new Conn(from, ctx.now());
        conns.put(from, c);
      }
      c.remoteOp = h.op();
      boolean wasOpen = c.open;
      c.open = true;
      merge(c, BitSet.valueOf(h.bitfield()));
      ctx.send(from, new Handshake(opFor(c), id, bitfield(), true, exchange(from)));
      if (!wasOpen) {
        opened(c);
      }
    } else {
      if (c == null) {
        ctx.send(from, new Leave(opFor(null), id, new int[0]));
        return;
      }
      c.remoteOp = h.op();
      boolean wasOpen = c.open;
      c.open = true;
      merge(c, BitSet.valueOf(h.bitfield()));
      for (int p : h.peers()) {
        addCandidate(p, false);
      }
      if (!wasOpen) {
        opened(c);
      }
      connectMore();
    }
    if (complete() && c.hasCount == chunks) {
      disconnect(c); // two seeds have nothing to trade
    }
  }

  private void opened(Conn c) {
    updateInterest(c);
  }

  void onHave(int from, Have m) {
    Conn c = conns.get(from);
    if (c == null || !c.open) {
      return;
    }
    int k = m.chunk();
    if (k < 0 || k >= chunks || c.has.get(k)) {
      return;
    }
    c.has.set(k);
    c.hasCount++;
    availability[k]++;
    if (downloading && !have.get(k) && !c.amInterested) {
      setInterested(c, true);
    }
    if (complete() && c.hasCount == chunks) {
      disconnect(c);
      return;
    }
    fill(c);
  }

  void onInterest(int from, Interest m) {
    Conn c = conns.get(from);
    if (c == null || !c.open) {
      return;
    }
    c.peerInterested = m.interested();
    if (m.interested()) {
      if (c.amChoking && unchoked() < slots()) {
        unchoke(c);
      }
    } else if (!c.amChoking) {
      choke(c);
      fillSlots();
    }
  }

  void onChoke(int from, Choke m) {
    Conn c = conns.get(from);
    if (c == null || !c.open) {
      return;
    }
    c.peerChoking = m.choked();
    c.unchokedMe |= !m.choked();
    if (m.choked()) {
      releaseAll(c);
      fillAll();
    } else {
      if (c.rate == 0) {
        // Until it has delivered, assume a new source is as good as the best one we have.
        for (Conn o : conns.values()) {
          c.rate = Math.max(c.rate, o.rate);
        }
      }
      fill(c);
    }
  }

  void onRequest(int from, ChunkRequest m) {
    Conn c = conns.get(from);
    if (c == null || !c.open || c.amChoking || m.chunk() < 0 || m.chunk() >= chunks
        || !have.get(m.chunk())) {
      return; // choked requests are dropped, as in BitTorrent
    }
    c.remoteOp = m.op();
    c.requestsRound++;
    swarm.uploader().submit(new Uploader.Job(from, m.op(), id, manifest.index(), m.chunk()));
  }

  void onCancel(int from, Cancel m) {
    swarm.uploader().drop(from, j -> j.object().equals(id) && j.chunk() == m.chunk());
  }

  /** A message of this swarm came from {@code from}: it is alive. */
  void heard(int from) {
    Conn c = conns.get(from);
    if (c != null) {
      c.lastHeard = ctx.now();
    }
  }

  void onLeave(int from, Leave m) {
    Conn c = conns.remove(from);
    if (c != null) {
      closed(c);
    }
    for (int p : m.peers()) {
      addCandidate(p, false);
    }
    connectMore();
    fillAll();
  }

  void onPiece(int from, ChunkData m) {
    int k = m.chunk();
    if (k < 0 || k >= chunks) {
      return;
    }
    Conn c = conns.get(from);
    if (c != null && c.outstanding.remove(k) != null) {
      requested[k]--;
    }
    if (banned.contains(from) || !downloading || have.get(k)) {
      return; // from a banned peer, after completion, or a duplicate of the end game
    }
    if (!swarm.verifier().accept(manifest, k, m.data())) {
      // One chunk comes from one peer, so the culprit is known: never deal with it again.
      banned.add(from);
      candidates.remove(from);
      if (c != null) {
        disconnect(c);
      }
      fillAll();
      return;
    }
    have.set(k);
    haveCount++;
    bytes += m.data().length;
    if (c != null) {
      c.receivedRound += m.data().length;
      c.receivedTotal += m.data().length;
      long gap = Math.max(1_000_000L, ctx.now() - c.lastPieceAt);
      c.rate = 0.75 * c.rate + 0.25 * (m.data().length * 1e9 / gap);
      c.lastPieceAt = ctx.now();
    }
    for (Conn o : conns.values()) {
      if (o.outstanding.remove(k) != null) {
        requested[k]--;
        ctx.send(o.peer, new Cancel(opFor(o), id, k));
      }
    }
    if (!complete()) {
      // Requests first: on a FIFO uplink they would otherwise wait behind the have-announcements.
      for (Conn o : conns.values()) {
        if (o.amInterested && o.has.get(k) && !interesting(o)) {
          setInterested(o, false);
        }
      }
      if (c != null) {
        fill(c);
      }
      if (settings.endgame()) {
        fillAll();
      }
    }
    for (Conn o : conns.values()) {
      if (o.open && !o.has.get(k)) {
        ctx.send(o.peer, new Have(opFor(o), id, k));
      }
    }
    if (complete()) {
      completed();
    }
  }

  // ---- requests ----

  private void fillAll() {
    for (Conn c : new ArrayList<>(conns.values())) {
      fill(c);
    }
  }

  private void fill(Conn c) {
    if (!downloading || !c.open || c.peerChoking || !c.amInterested) {
      return;
    }
    int window = window(c);
    while (c.outstanding.size() < window) {
      int k = PiecePicker.pick(
          c.has, have, requested, availability, haveCount, settings.randomFirst(), ctx.random());
      if (k < 0) {
        k = takeOver(c);
      }
      if (k < 0 && settings.endgame() && c.outstanding.isEmpty()
          && PiecePicker.allRequested(have, chunks, requested)) {
        k = PiecePicker.pickEndgame(c.has, have, c.asked, requested, availability);
      }
      if (k < 0) {
        return;
      }
      if (c.outstanding.isEmpty()) {
        c.lastPieceAt = ctx.now();
      }
      c.outstanding.put(k, ctx.now());
      c.asked.set(k);
      requested[k]++;
      ctx.send(c.peer, new ChunkRequest(opFor(c), id, k));
    }
  }

  /**
   * Requests to keep outstanding on {@code c}: enough to cover {@code swarm.request-queue} at the
   * rate this connection delivered lately, at least one (libtorrent's request_queue_time). A fast
   * source gets many, so the round trip does not starve it; a slow one few, so it does not sit on
   * chunks that faster sources could deliver.
   */
  private int window(Conn c) {
    double perChunk = manifest.chunkSize();
    int byRate = (int) Math.ceil(c.rate * (settings.requestQueueNanos() / 1e9) / perChunk);
    return Math.max(MIN_REQUESTS, byRate);
  }

  /**
   * A chunk outstanding at a connection at most half as fast as {@code c} (or one that choked
   * this member), for {@code c} to fetch too: a fast source (a server, a peer with a wide link) is
   * not left idle because every missing chunk is already promised by slow ones. The first copy to
   * arrive cancels the other. Returns -1 if there is none.
   */
  private int takeOver(Conn c) {
    if (c.rate <= 0) {
      return -1;
    }
    int best = -1;
    double slowest = Double.MAX_VALUE;
    for (Conn o : conns.values()) {
      if (o == c || (o.rate * 2 > c.rate && !o.peerChoking)) {
        continue;
      }
      double r = o.peerChoking ? -1 : o.rate;
      for (int k : o.outstanding.keySet()) {
        if (requested[k] == 1 && c.has.get(k) && !c.asked.get(k) && r < slowest) {
          best = k;
          slowest = r;
        }
      }
    }
    return best;
  }

  private void releaseAll(Conn c) {
    for (int k : c.outstanding.keySet()) {
      requested[k]--;
      c.asked.clear(k);
    }
    c.outstanding.clear();
  }

  // ---- interest and choking ----

  private boolean interesting(Conn c) {
    for (int k = c.has.nextSetBit(0); k >= 0; k = c.has.nextSetBit(k + 1)) {
      if (!have.get(k)) {
        return true;
      }
    }
    return false;
  }

  private void updateInterest(Conn c) {
    boolean want = downloading && interesting(c);
    if (want != c.amInterested) {
      setInterested(c, want);
    }
    fill(c);
  }

  private void setInterested(Conn c, boolean v) {
    c.amInterested = v;
    ctx.send(c.peer, new Interest(opFor(c), id, v));
  }

  /**
   * Peers this member may unchoke at once: an origin serves every interested downloader, its uplink
   * shared round robin among them (an HTTP seed's TCP connections share it alike), which is what
   * the fluid schedule behind D_p2p does: the server sends each downloader different chunks at
   * u_s / N, and each downloader relays its chunks to the others. Any other member: its upload
   * slots ({@link Swarm#slots()}).
   */
  private int slots() {
    return origin ? Math.max(1, conns.size()) : swarm.slots();
  }

  private int unchoked() {
    int n = 0;
    for (Conn c : conns.values()) {
      n += c.amChoking ? 0 : 1;
    }
    return n;
  }

  private void unchoke(Conn c) {
    if (swarm.freeRider()) {
      return; // a free-rider keeps everyone choked: it takes pieces and gives none
    }
    c.amChoking = false;
    c.unchokedAt = ctx.now();
    ctx.send(c.peer, new Choke(opFor(c), id, false));
  }

  private void choke(Conn c) {
    c.amChoking = true;
    if (c.peer == optimistic) {
      optimistic = -1;
    }
    ctx.send(c.peer, new Choke(opFor(c), id, true));
    swarm.uploader().drop(c.peer, j -> j.object().equals(id));
  }

  /** Give free upload slots to interested peers, at random. */
  private void fillSlots() {
    int free = slots() - unchoked();
    if (free <= 0) {
      return;
    }
    List<Conn> waitingPeers = new ArrayList<>();
    for (Conn c : conns.values()) {
      if (c.open && c.peerInterested && c.amChoking) {
        waitingPeers.add(c);
      }
    }
    while (free > 0 && !waitingPeers.isEmpty()) {
      unchoke(waitingPeers.remove(ctx.random().nextInt(waitingPeers.size())));
      free--;
    }
  }

  /** Interested peers this member chokes. */
  int waitingPeers() {
    int n = 0;
    for (Conn c : conns.values()) {
      n += c.open && c.peerInterested && c.amChoking ? 1 : 0;
    }
    return n;
  }

  /** For an origin, 0 for a chunk it has never sent, else 1; 0 for everyone else (round robin). */
  int uploadRank(int chunk) {
    return origin && timesSent[chunk] > 0 ? 1 : 0;
  }

  /** Counts bytes this member uploaded to {@code peer} (for a seed's ranking). */
  void sent(int peer, int chunk, int bytes) {
    if (chunk >= 0 && chunk < chunks) {
      timesSent[chunk]++;
    }
    Conn c = conns.get(peer);
    if (c != null) {
      c.sentRound += bytes;
      c.sentTotal += bytes;
    }
  }

  // ---- housekeeping ----

  /** Every rechoke interval: time-outs, rechoke, re-announce, more connections. */
  void tick() {
    long now = ctx.now();
    long timeout = swarm.chunkTimeoutNanos();
    List<Conn> dead = new ArrayList<>();
    for (Iterator<Conn> it = conns.values().iterator(); it.hasNext(); ) {
      Conn c = it.next();
      if (!c.open && now - c.since >= timeout) {
        it.remove(); // the handshake went unanswered
        continue;
      }
      boolean expired = false;
      Iterator<Map.Entry<Integer, Long>> r = c.outstanding.entrySet().iterator();
      while (r.hasNext()) {
        Map.Entry<Integer, Long> e = r.next();
        if (now - e.getValue() >= timeout) {
          r.remove();
          requested[e.getKey()]--;
          c.asked.clear(e.getKey());
          expired = true;
        }
      }
      if (expired && now - c.lastHeard >= timeout) {
        dead.add(c); // a request went unanswered and the peer said nothing at all: it is gone
      }
    }
    for (Conn c : dead) {
      conns.remove(c.peer);
      closed(c);
    }
    rechoke();
    if (downloading && conns.size() < Math.max(1, settings.maxPeers() / 2)
        && now - lastAnnounce >= settings.announceIntervalNanos()) {
      announce(SwarmEvent.UPDATE);
    }
    connectMore();
    fillAll();
  }

  private void rechoke() {
    round++;
    List<Choker.Candidate> interested = new ArrayList<>();
    boolean seeding = complete();
    for (Conn c : conns.values()) {
      if (c.open && c.peerInterested) {
        long rate = rank(c, seeding);
        // Under tit-for-tat the optimistic unchoke is a chance to reciprocate, not a free meal:
        // a peer that could give and never did does not get it.
        boolean optimisticOk = !settings.titForTat() || (seeding ? gave(c) : !owes(c));
        if (!c.amChoking && c.requestsRound == 0
            && ctx.now() - c.unchokedAt >= settings.rechokeIntervalNanos()) {
          rate = -1; // unchoked a whole interval, asking nothing: give the slot to someone else
        }
        interested.add(new Choker.Candidate(c.peer, rate, !c.amChoking, optimisticOk));
      }
    }
    Choker.Choice choice =
        Choker.rechoke(
            interested, slots(), optimistic, round % 3 == 0,
            settings.optimisticUnchoke(), ctx.random());
    optimistic = choice.optimistic();
    for (Conn c : new ArrayList<>(conns.values())) {
      boolean should = choice.unchoke().contains(c.peer);
      if (should && c.amChoking) {
        unchoke(c);
      } else if (!should && !c.amChoking) {
        choke(c);
      }
      c.receivedRound = 0;
      c.sentRound = 0;
      c.requestsRound = 0;
    }
  }

  /**
   * How a member ranks an interested peer for its regular slots (higher first). Seeds: the peers
   * furthest behind first (then the least served), so that the last downloader, which sets the
   * distribution time, is not left for last; under tit-for-tat the peers that gave this member
   * something while it downloaded come before all others. Leechers under tit-for-tat: what the
   * peer gave in the last interval; among peers that gave nothing, those that gave before first,
   * then those that have nothing this member wants (newcomers, who cannot give yet), last those
   * that could give and never did (a free-rider looks like that). Leechers without tit-for-tat:
   * all alike, so slots stay with the peers already unchoked.
   */
  private long rank(Conn c, boolean seeding) {
    if (seeding) {
      long behind = -(((long) c.hasCount << 40) + c.sentTotal);
      return settings.titForTat() && gave(c) ? behind + (1L << 60) : behind;
    }
    if (!settings.titForTat()) {
      return 0;
    }
    return (c.receivedRound << 2) + (gave(c) ? 2 : owes(c) ? 0 : 1);
  }

  /** The peer has given this member a chunk, or at least unchoked it. */
  private static boolean gave(Conn c) {
    return c.receivedTotal > 0 || c.unchokedMe;
  }

  /** The peer holds chunks this member wants and has never given it anything. */
  private static boolean owes(Conn c) {
    return c.amInterested && !gave(c);
  }

  /** The download is complete: report it, tell the tracker, seed for {@code seed-time}. */
  private void completed() {
    downloading = false;
    completedAt = ctx.now();
    for (Conn c : new ArrayList<>(conns.values())) {
      releaseAll(c);
      if (c.amInterested) {
        setInterested(c, false);
      }
      if (c.open && c.hasCount == chunks) {
        disconnect(c);
      }
    }
    candidates.clear();
    announce(SwarmEvent.COMPLETED);
    swarm.completed(this);
  }

  /** Leave the swarm: tell the tracker and every connection. */
  void leave() {
    if (closed) {
      return;
    }
    closed = true;
    downloading = false;
    if (announced) {
      ctx.announceSwarm(op, id, SwarmEvent.STOPPED, 0);
    }
    for (Conn c : conns.values()) {
      ctx.send(c.peer, new Leave(opFor(c), id, new int[0]));
      swarm.uploader().drop(c.peer, j -> j.object().equals(id));
    }
    conns.clear();
  }

  private void disconnect(Conn c) {
    conns.remove(c.peer);
    ctx.send(c.peer, new Leave(opFor(c), id, new int[0]));
    closed(c);
  }

  /** Forget a connection: its bitfield, its requests, its upload slot. */
  private void closed(Conn c) {
    if (c.open) {
      for (int k = c.has.nextSetBit(0); k >= 0; k = c.has.nextSetBit(k + 1)) {
        availability[k]--;
      }
    }
    releaseAll(c);
    if (!c.amChoking) {
      swarm.uploader().drop(c.peer, j -> j.object().equals(id));
      if (c.peer == optimistic) {
        optimistic = -1;
      }
      c.amChoking = true;
      fillSlots();
    }
  }

  private void merge(Conn c, BitSet bits) {
    for (int k = bits.nextSetBit(0); k >= 0 && k < chunks; k = bits.nextSetBit(k + 1)) {
      if (!c.has.get(k)) {
        c.has.set(k);
        c.hasCount++;
        availability[k]++;
      }
    }
  }

  private byte[] bitfield() {
    return Arrays.copyOf(have.toByteArray(), (chunks + 7) / 8);
  }

  /** Up to {@link #PEX_PEERS} open connections other than {@code to}, at random. */
  private int[] exchange(int to) {
    List<Integer> open = new ArrayList<>();
    for (Conn c : conns.values()) {
      if (c.open && c.peer != to) {
        open.add(c.peer);
      }
    }
    int k = Math.min(PEX_PEERS, open.size());
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      int j = i + ctx.random().nextInt(open.size() - i);
      int t = open.get(i);
      open.set(i, open.get(j));
      open.set(j, t);
      out[i] = open.get(i);
    }
    return out;
  }

  /**
   * The token a message on connection {@code c} carries: this member's fetch while it has one,
   * else the token the other side last sent (a seed works for its downloaders' fetches).
   */
  private long opFor(Conn c) {
    if (op != OpToken.NONE) {
      return op;
    }
    return c == null ? OpToken.NONE : c.remoteOp;
  }
}
