package io.peerlab.core.churn;

import io.peerlab.core.api.RunSetup;
import io.peerlab.core.util.Seeds;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When each peer of a run goes down and comes back, and when the network is partitioned: the
 * {@link ChurnSettings} and {@link FailureSettings} of a run turned into events, a function of the
 * seed alone. Every host asks the same plan, so a peer crashes at the same moment of the measured
 * phase on {@code sim}, {@code local} and {@code cluster}; each peer executes its own events (see
 * {@code PeerNode}), so no host needs to know about churn. Times are nanoseconds after the
 * measured phase begins.
 *
 * <p>One plan per {@link RunSetup} ({@link #of}); immutable and shared between threads. A peer's
 * events come from a {@link Life}, a cursor that draws them lazily from the peer's own stream, so
 * an hour-long run of 100,000 peers never holds its events in memory.
 */
public final class ChurnPlan {

  /** What happens to a peer. */
  public enum Kind {
    /** It stops at once: everything in memory is lost, in-flight ops fail, it answers nothing. */
    CRASH,
    /** It leaves gracefully: its overlay hands over what it holds, then it stops. */
    LEAVE,
    /** It comes back: a fresh overlay joins through the protocol, its stored objects intact. */
    JOIN
  }

  /** One event of one peer. */
  public record Event(long atNanos, Kind kind) {}

  private static final ChurnPlan NONE =
      new ChurnPlan(0, 0, 0, ChurnSettings.none(), FailureSettings.none());

  private final long seed;
  private final int servers;
  private final int peers;
  private final ChurnSettings churn;
  private final FailureSettings faults;
  private final BitSet massFailed;
  private final BitSet[] partitionSides;
  private final List<List<Event>> traced; // per peer, model = trace; else null
  private final double weibullScaleLife;
  private final double weibullScaleDead;

  ChurnPlan(long seed, int servers, int peers, ChurnSettings churn, FailureSettings faults) {
    this.seed = seed;
    this.servers = servers;
    this.peers = peers;
    this.churn = churn;
    this.faults = faults;
    this.massFailed = new BitSet(peers);
    if (faults.massFailureAtNanos() >= 0) {
      for (int a : Seeds.choose(seed, "mass-failure", servers, peers, faults.massFailureFraction())) {
        massFailed.set(a);
      }
    }
    List<FailureSettings.Partition> parts = faults.partitions();
    this.partitionSides = new BitSet[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      BitSet side = new BitSet(peers);
      for (int a : Seeds.choose(seed, "partition-" + i, 0, peers, parts.get(i).fraction())) {
        side.set(a);
      }
      partitionSides[i] = side;
    }
    if (churn.model() == ChurnSettings.Model.TRACE) {
      traced = new ArrayList<>(peers);
      for (int a = 0; a < peers; a++) {
        traced.add(new ArrayList<>());
      }
      SplittableRandom r = Seeds.random(seed, "churn-trace");
      boolean[] down = new boolean[peers];
      churn.trace().stream()
          .sorted(java.util.Comparator.comparingLong(ChurnSettings.TraceEntry::atNanos))
          .forEach(
              e -> {
                if (e.peer() < 0 || e.peer() >= peers || e.up() != down[e.peer()]) {
                  return; // out of range (checked by the reader) or no change of state
                }
                down[e.peer()] = !e.up();
                Kind k =
                    e.up()
                        ? Kind.JOIN
                        : (r.nextDouble() < churn.gracefulLeave() ? Kind.LEAVE : Kind.CRASH);
                traced.get(e.peer()).add(new Event(churn.startNanos() + e.atNanos(), k));
              });
    } else {
      traced = null;
    }
    double k = churn.lifetimeShape();
    this.weibullScaleLife = churn.lifetimeMeanNanos() / gamma(1 + 1 / k);
    this.weibullScaleDead = churn.deadTimeMeanNanos() / gamma(1 + 1 / k);
  }

  /** The plan of a run, made once per {@link RunSetup} and shared by its peers. */
  public static ChurnPlan of(RunSetup setup) {
    ChurnSettings churn = setup.settings().find(ChurnSettings.class).orElse(ChurnSettings.none());
    FailureSettings faults =
        setup.settings().find(FailureSettings.class).orElse(FailureSettings.none());
    if (!churn.enabled() && !faults.any()) {
      return NONE;
    }
    return setup.derived(
        ChurnPlan.class,
        s -> new ChurnPlan(s.spec().seed(), s.spec().servers(), s.peers(), churn, faults));
  }

  /** A plan for tests, without a RunSetup. */
  public static ChurnPlan of(
      long seed, int servers, int peers, ChurnSettings churn, FailureSettings faults) {
    return new ChurnPlan(seed, servers, peers, churn, faults);
  }

  /** True when any peer ever goes down or the network is ever partitioned. */
  public boolean active() {
    return churn.enabled() || faults.any();
  }

  public ChurnSettings churn() {
    return churn;
  }

  public FailureSettings faults() {
    return faults;
  }

  /** A fresh cursor over {@code peer}'s events, in time order. */
  public Life life(int peer) {
    return new Life(peer);
  }

  /** True when a message from {@code a} to {@code b} is lost to a partition at time {@code t}. */
  public boolean partitioned(int a, int b, long t) {
    List<FailureSettings.Partition> parts = faults.partitions();
    for (int i = 0; i < parts.size(); i++) {
      FailureSettings.Partition p = parts.get(i);
      if (t >= p.fromNanos() && t < p.untilNanos()
          && partitionSides[i].get(a) != partitionSides[i].get(b)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code peer} is in the first group of partition {@code i}. */
  public boolean inFirstGroup(int i, int peer) {
    return partitionSides[i].get(peer);
  }

  public boolean hasPartitions() {
    return partitionSides.length > 0;
  }

  /**
   * Peers online during each interval of the measured phase (sampled at each interval's end), for
   * {@code intervals} intervals of {@code intervalNanos} starting {@code offsetNanos} before the
   * measured phase (so the run's timeline, which starts with the run, lines up).
   */
  public int[] alivePerInterval(long offsetNanos, long intervalNanos, int intervals) {
    int[] alive = new int[intervals];
    for (int a = 0; a < peers; a++) {
      Life life = life(a);
      boolean up = true;
      Event next = life.next();
      for (int i = 0; i < intervals; i++) {
        long t = (i + 1) * intervalNanos - offsetNanos;
        while (next != null && next.atNanos() <= t) {
          up = next.kind() == Kind.JOIN;
          next = life.next();
        }
        if (up) {
          alive[i]++;
        }
      }
    }
    return alive;
  }

  /** Peer-seconds online in [0, lengthNanos) of the measured phase. */
  public double aliveSeconds(long lengthNanos) {
    double sum = 0;
    for (int a = 0; a < peers; a++) {
      Life life = life(a);
      long upSince = 0;
      boolean up = true;
      for (Event e = life.next(); e != null && e.atNanos() < lengthNanos; e = life.next()) {
        if (up && e.kind() != Kind.JOIN) {
          sum += e.atNanos() - upSince;
          up = false;
        } else if (!up && e.kind() == Kind.JOIN) {
          upSince = e.atNanos();
          up = true;
        }
      }
      if (up) {
        sum += lengthNanos - upSince;
      }
    }
    return sum / 1e9;
  }

  /** True when {@code peer} is online at {@code t} of the measured phase. */
  public boolean aliveAt(int peer, long t) {
    boolean up = true;
    Life life = life(peer);
    for (Event e = life.next(); e != null && e.atNanos() <= t; e = life.next()) {
      up = e.kind() == Kind.JOIN;
    }
    return up;
  }

  /**
   * One peer's events, drawn lazily in time order: churn sessions (non-server peers), the trace,
   * server outages (servers), and the mass failure, after which the peer stays down.
   */
  public final class Life {
    private final int peer;
    private final SplittableRandom random;
    private final List<Event> fixed; // trace or outages, in time order
    private int fixedAt;
    private boolean up = true;
    private long clock; // end of the last drawn stochastic event
    private boolean drawn; // the first (residual) session is drawn
    private boolean ended;
    private boolean last; // the event peeked is the mass failure's: nothing comes after it
    private boolean peeked;
    private Event pending;

    Life(int peer) {
      this.peer = peer;
      this.random = Seeds.random(seed, "churn", peer);
      this.fixed = fixedEvents(peer);
      this.clock = churn.startNanos();
    }

    /** The next event, or null if this peer has no more. */
    public Event next() {
      Event e = peek();
      peeked = false;
      if (e != null) {
        up = e.kind() == Kind.JOIN;
      }
      ended = last;
      return e;
    }

    /** The next event without consuming it, or null. */
    public Event peek() {
      if (!peeked) {
        pending = ended ? null : cutByMassFailure(draw());
        peeked = true;
      }
      return pending;
    }

    /**
     * The mass failure ends a failed peer's life: its crash (if the peer is up then) takes the
     * place of whatever would come at or after it.
     */
    private Event cutByMassFailure(Event e) {
      long mass = faults.massFailureAtNanos();
      if (mass < 0 || !massFailed.get(peer) || (e != null && e.atNanos() < mass)) {
        return e;
      }
      last = true;
      return up ? new Event(mass, Kind.CRASH) : null;
    }

    private Event draw() {
      if (fixed != null) {
        return fixedAt < fixed.size() ? fixed.get(fixedAt++) : null;
      }
      if (peer < servers || !churn.enabled()) {
        return null;
      }
      if (!drawn) {
        drawn = true;
        clock += residualLifetime();
        return departure(clock);
      }
      if (up) {
        clock += lifetime();
        return departure(clock);
      }
      clock += deadTime();
      return new Event(clock, Kind.JOIN);
    }

    private Event departure(long at) {
      return new Event(at, random.nextDouble() < churn.gracefulLeave() ? Kind.LEAVE : Kind.CRASH);
    }

    private long lifetime() {
      return sample(churn.lifetimeMeanNanos(), weibullScaleLife);
    }

    private long deadTime() {
      return sample(churn.deadTimeMeanNanos(), weibullScaleDead);
    }

    /**
     * The rest of the session that is running when churn starts: the forward recurrence time of
     * a renewal process of sessions that has run for 50 mean lifetimes, so long sessions are
     * proportionally more likely to be the running one (the inspection paradox).
     */
    private long residualLifetime() {
      if (churn.model() == ChurnSettings.Model.EXPONENTIAL) {
        return lifetime(); // memoryless
      }
      long horizon = 50 * churn.lifetimeMeanNanos();
      long t = 0;
      while (true) {
        long l = Math.max(1, lifetime());
        if (t + l > horizon) {
          return t + l - horizon;
        }
        t += l;
      }
    }

    private long sample(long mean, double weibullScale) {
      double u = 1 - random.nextDouble(); // (0, 1]
      double x =
          switch (churn.model()) {
            case EXPONENTIAL -> -mean * Math.log(u);
            case WEIBULL -> weibullScale * Math.pow(-Math.log(u), 1 / churn.lifetimeShape());
            case PARETO -> {
              double alpha = churn.lifetimeShape();
              double xm = mean * (alpha - 1) / alpha;
              yield xm / Math.pow(u, 1 / alpha);
            }
            default -> throw new IllegalStateException("no sampling for " + churn.model());
          };
      return (long) Math.min(Math.max(1, x), Long.MAX_VALUE / 4.0);
    }
  }

  private List<Event> fixedEvents(int peer) {
    if (traced != null) {
      return traced.get(peer);
    }
    if (peer < servers && !faults.serverOutages().isEmpty()) {
      List<FailureSettings.Outage> mine = new ArrayList<>();
      for (FailureSettings.Outage o : faults.serverOutages()) {
        if (o.server() == peer) {
          mine.add(o);
        }
      }
      mine.sort(java.util.Comparator.comparingLong(FailureSettings.Outage::fromNanos));
      List<Event> events = new ArrayList<>();
      long downUntil = -1;
      for (FailureSettings.Outage o : mine) {
        if (o.fromNanos() < downUntil) { // overlapping: extend the running outage
          Event last = events.remove(events.size() - 1);
          downUntil = Math.max(downUntil, o.untilNanos());
          events.add(new Event(downUntil, last.kind()));
          continue;
        }
        events.add(new Event(o.fromNanos(), Kind.CRASH));
        events.add(new Event(o.untilNanos(), Kind.JOIN));
        downUntil = o.untilNanos();
      }
      return events;
    }
    return null;
  }

  /** Γ(x) for x > 0 (Lanczos, g = 7, n = 9): enough digits for a Weibull scale. */
  static double gamma(double x) {
    if (x < 0.5) {
      return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
    }
    double[] c = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    x -= 1;
    double a = c[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += c[i] / (x + i);
    }
    return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
  }
}
