package io.peerlab.core.overlay.dht;

import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.Offer;
import io.peerlab.core.api.Overlay;
import io.peerlab.core.api.Shares;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.dht.Publication.Put;
import java.util.List;

/**
 * What every DHT overlay of peerlab keeps besides its routing: who it is, whether it has joined,
 * the values stored at it ({@link DhtStore}, made on the first store) and the window through which
 * it publishes its initial objects ({@link PublishWindow}). Chord and Kademlia differ in how a put
 * finds its responsible peers ({@link #put}); they share this state and its accessors.
 *
 * @param <L> the overlay's listener of finished lookups (tests and teaching views)
 */
public abstract class DhtOverlay<L> implements Overlay {
  protected final NodeContext ctx;
  protected final int me;
  protected final Key key;
  protected final PublishWindow publishing;
  /** True once this peer has joined the overlay. */
  protected boolean member;
  /** Sees every lookup this peer originated end, or null. */
  protected L listener;
  /** The values stored at this peer; null until the first store. */
  protected DhtStore store;
  /**
   * Every DHT peer of the run when {@code dht.warm-publish} is on and this overlay makes the run's
   * first publish; else null. A peer back after churn gets a new overlay, which publishes by the
   * protocol: the warm publish places entries by the run's first ring, and the ring has changed.
   */
  private final WarmPublish warm;

  protected DhtOverlay(NodeContext ctx) {
    this.ctx = ctx;
    this.me = ctx.self();
    this.key = ctx.key();
    this.publishing = new PublishWindow(this::put, ctx::published);
    boolean warmPublish =
        ctx.setup().settings().find(DhtSettings.class).map(DhtSettings::warmPublish).orElse(false);
    this.warm = warmPublish && !ctx.rejoining() ? WarmPublish.of(ctx.setup()) : null;
    if (warm != null) {
      warm.register(me, this);
    }
  }

  /** Starts one put of this peer's publishing; {@link PublishWindow#ended()} when it is done. */
  protected abstract void put(Put p);

  /**
   * Stores one of this peer's initial puts at once where the protocol's put would end up, with no
   * message ({@code dht.warm-publish}, {@link WarmPublish}): each overlay says where, through
   * {@link #warmStore}.
   */
  protected abstract void warmPut(Put p);

  /**
   * Stores put {@code p} of this peer at the peer at {@code address}, as that peer would store the
   * put's message: a posting entry as it is; an object record checked first when {@code check}
   * ({@link #storeObject}: a peer that checks manifests refuses a forged record), else taken as it
   * is (a replica's copy of its responsible peer's record, or a publisher's own object).
   *
   * @return false when the record was refused
   */
  protected final boolean warmStore(int address, Put p, boolean check) {
    DhtOverlay<?> at = warm.at(address);
    if (p.isPosting()) {
      at.dht().putPosting(p.key(), p.manifest().id(), me);
      return true;
    }
    if (check) {
      return at.storeObject(p.manifest(), me);
    }
    at.dht().putObject(p.manifest(), me);
    return true;
  }

  public void listen(L l) {
    this.listener = l;
  }

  /** True once this peer has joined the overlay. */
  public boolean member() {
    return member;
  }

  /** The DHT values this peer keeps (never null). */
  public DhtStore dhtStore() {
    return store == null ? new DhtStore() : store;
  }

  /**
   * Publishes what this peer announces ({@link Shares}): its store, and at a poison peer the
   * forged records and postings of the targeted objects it does not hold (docs/adversary.md). By
   * the overlay's puts, or, with {@code dht.warm-publish} at the run's start, straight into the
   * stores those puts would reach ({@link #warmPut}).
   */
  @Override
  public void publish() {
    List<Put> puts = Publication.of(Shares.all(ctx));
    if (warm == null) {
      publishing.begin(puts);
      return;
    }
    for (Put p : puts) {
      warmPut(p);
    }
    ctx.published();
  }

  /**
   * Stores that {@code holder} holds the object of {@code manifest}, as a record this peer answers
   * for. A peer that checks manifests ({@code fetch.verify-manifests}) checks this one too, as it
   * would a search hit: a forged record is refused and its announcer blacklisted, so a poisoner
   * that stores first does not own the record (docs/adversary.md).
   *
   * @return true when the record was stored
   */
  protected boolean storeObject(Manifest manifest, int holder) {
    if (ctx.verify(List.of(new Offer(manifest, new int[] {holder})), false).isEmpty()) {
      return false;
    }
    dht().putObject(manifest, holder);
    return true;
  }

  /** The store to write into, made on first use. */
  protected DhtStore dht() {
    if (store == null) {
      store = new DhtStore();
    }
    return store;
  }
}
