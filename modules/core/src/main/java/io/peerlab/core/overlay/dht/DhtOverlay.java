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

  protected DhtOverlay(NodeContext ctx) {
    this.ctx = ctx;
    this.me = ctx.self();
    this.key = ctx.key();
    this.publishing = new PublishWindow(this::put, ctx::published);
  }

  /** Starts one put of this peer's publishing; {@link PublishWindow#ended()} when it is done. */
  protected abstract void put(Put p);

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
   * forged records and postings of the targeted objects it does not hold (docs/adversary.md).
   */
  @Override
  public void publish() {
    publishing.begin(Publication.of(Shares.all(ctx)));
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
