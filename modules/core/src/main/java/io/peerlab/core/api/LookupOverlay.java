package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.id.Key;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The start of an overlay that answers lookups only, such as a DHT whose peers know their
 * neighbours from the start (full membership, a warm-started table): it has joined and published
 * as soon as its phases begin, and fails searches and fetches with {@link
 * Failures#NOT_SUPPORTED}. A subclass implements {@link #lookup} and {@link #onMessage}, and
 * overrides whatever else it supports.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class LookupOverlay implements Overlay {

  /** This peer's context: everything the overlay may see and do. */
  protected final NodeContext ctx;

  protected LookupOverlay(NodeContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void join() {
    ctx.joined();
  }

  @Override
  public void publish() {
    ctx.published();
  }

  @Override
  public void search(long op, List<String> keywords) {
    ctx.failed(op, Failures.NOT_SUPPORTED);
  }

  @Override
  public void locate(long op, Key objectId) {
    ctx.failed(op, Failures.NOT_SUPPORTED);
  }
}
