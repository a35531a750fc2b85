package io.peerlab.testkit;

import io.peerlab.core.api.Directory;
import io.peerlab.core.api.ForwardingOverlay;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.ObjectStore;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.SettingsSource;
import io.peerlab.core.api.SwarmEvent;
import io.peerlab.core.api.Topology;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Link;
import io.peerlab.core.net.NetworkSpec;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A topology under test, wrapped so that every lookup's key and answer are seen through the API
 * alone: each overlay gets a context that reports {@code lookupDone} to the testkit before passing
 * it on. The protocol cannot tell the difference. On {@code sim} and {@code local} the answers go
 * to a list in this JVM; on a cluster each node wraps its topology so ({@link ObservingNode}).
 */
final class Observed implements Topology {
  private final Topology inner;
  private final Function<RunSetup, Consumer<LookupAnswer>> answers;

  /** Every answer of every run goes to {@code answers} (from the peers' threads on {@code local}). */
  Observed(Topology inner, Consumer<LookupAnswer> answers) {
    this(setup -> answers, inner);
  }

  private Observed(Function<RunSetup, Consumer<LookupAnswer>> answers, Topology inner) {
    this.inner = inner;
    this.answers = answers;
  }

  /** Each run's answers go to the consumer {@code answers} gives for its setup. */
  static Observed perRun(Topology inner, Function<RunSetup, Consumer<LookupAnswer>> answers) {
    return new Observed(answers, inner);
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public String description() {
    return inner.description();
  }

  @Override
  public Object readSettings(SettingsSource in) {
    return inner.readSettings(in);
  }

  @Override
  public int minServers() {
    return inner.minServers();
  }

  @Override
  public Role role(int address, RunSpec spec) {
    return inner.role(address, spec);
  }

  @Override
  public Link link(int address, Role role, NetworkSpec network) {
    return inner.link(address, role, network);
  }

  @Override
  public Link link(int address, Role role, RunSpec spec) {
    return inner.link(address, role, spec);
  }

  @Override
  public ObjectStore initialStore(int address, RunSetup setup) {
    return inner.initialStore(address, setup);
  }

  @Override
  public long settleNanos(RunSetup setup) {
    return inner.settleNanos(setup);
  }

  @Override
  public boolean idsChosenFreely(io.peerlab.core.api.Settings settings) {
    return inner.idsChosenFreely(settings);
  }

  @Override
  public boolean lookupNamesHolders() {
    return inner.lookupNamesHolders();
  }

  @Override
  public Overlay overlay(NodeContext ctx) {
    Map<Long, Key> keys = new HashMap<>();
    Overlay o = inner.overlay(new Context(ctx, keys, answers.apply(ctx.setup())));
    return new ForwardingOverlay(o) {
      @Override
      public void lookup(long op, Key key) {
        keys.put(op, key);
        super.lookup(op, key);
      }

      @Override
      public void cancel(long op) {
        keys.remove(op);
        super.cancel(op);
      }
    };
  }

  /** The peer's context, reporting lookup answers on their way out. */
  private final class Context implements NodeContext {
    private final NodeContext ctx;
    private final Map<Long, Key> keys;
    private final Consumer<LookupAnswer> answers;

    Context(NodeContext ctx, Map<Long, Key> keys, Consumer<LookupAnswer> answers) {
      this.ctx = ctx;
      this.keys = keys;
      this.answers = answers;
    }

    @Override
    public void lookupDone(long op, int[] responsible, int hops) {
      Key key = keys.remove(op);
      if (key != null) {
        answers.accept(new LookupAnswer(ctx.self(), op, key, responsible.clone(), hops));
      }
      ctx.lookupDone(op, responsible, hops);
    }

    @Override
    public int self() {
      return ctx.self();
    }

    @Override
    public boolean rejoining() {
      return ctx.rejoining();
    }

    @Override
    public Key key() {
      return ctx.key();
    }

    @Override
    public Role role() {
      return ctx.role();
    }

    @Override
    public Directory directory() {
      return ctx.directory();
    }

    @Override
    public RunSetup setup() {
      return ctx.setup();
    }

    @Override
    public ObjectStore store() {
      return ctx.store();
    }

    @Override
    public SplittableRandom random() {
      return ctx.random();
    }

    @Override
    public long now() {
      return ctx.now();
    }

    @Override
    public void send(int to, Message message) {
      ctx.send(to, message);
    }

    @Override
    public long startTimer(long delayNanos, Object key) {
      return ctx.startTimer(delayNanos, key);
    }

    @Override
    public void cancelTimer(long handle) {
      ctx.cancelTimer(handle);
    }

    @Override
    public void joined() {
      ctx.joined();
    }

    @Override
    public void published() {
      ctx.published();
    }

    @Override
    public void searchDone(long op, Collection<Key> found, int hops) {
      ctx.searchDone(op, found, hops);
    }

    @Override
    public void located(long op, Manifest manifest, int[] holders, int hops) {
      keys.remove(op);
      ctx.located(op, manifest, holders, hops);
    }

    @Override
    public void fetched(long op, long bytes) {
      ctx.fetched(op, bytes);
    }

    @Override
    public void failed(long op, String reason) {
      keys.remove(op);
      ctx.failed(op, reason);
    }

    @Override
    public void chunkRejected() {
      ctx.chunkRejected();
    }

    @Override
    public void chunkRejected(long bytes) {
      ctx.chunkRejected(bytes);
    }

    @Override
    public void searchHits(long op, java.util.List<Manifest> hits, int hops) {
      ctx.searchHits(op, hits, hops);
    }

    @Override
    public java.util.List<io.peerlab.core.api.Offer> verify(
        java.util.List<io.peerlab.core.api.Offer> offers, boolean keepEmpty) {
      return ctx.verify(offers, keepEmpty);
    }

    @Override
    public boolean blacklisted(int peer) {
      return ctx.blacklisted(peer);
    }

    @Override
    public void announceSwarm(long op, Key objectId, SwarmEvent event, int want) {
      ctx.announceSwarm(op, objectId, event, want);
    }

    @Override
    public void swarmMembers(long op, Key objectId, int[] members) {
      ctx.swarmMembers(op, objectId, members);
    }
  }
}
