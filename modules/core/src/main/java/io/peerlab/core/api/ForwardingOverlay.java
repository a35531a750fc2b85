package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import java.util.List;
import org.apiguardian.api.API;

/**
 * An overlay that hands every call to another one: subclass it and override only what you watch or
 * change (tests that count a protocol's answers, a topology without a swarm tracker). Each method
 * forwards exactly the call it received, so a subclass that overrides nothing behaves as the
 * delegate does.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class ForwardingOverlay implements Overlay {
  private final Overlay delegate;

  protected ForwardingOverlay(Overlay delegate) {
    this.delegate = delegate;
  }

  /**
   * The overlay every call goes to: the one given to the constructor, unless a subclass that
   * switches overlays in the middle of a run returns another.
   */
  protected Overlay delegate() {
    return delegate;
  }

  @Override
  public void join() {
    delegate().join();
  }

  @Override
  public void publish() {
    delegate().publish();
  }

  @Override
  public void lookup(long op, Key key) {
    delegate().lookup(op, key);
  }

  @Override
  public void search(long op, List<String> keywords) {
    delegate().search(op, keywords);
  }

  @Override
  public void locate(long op, Key objectId) {
    delegate().locate(op, objectId);
  }

  @Override
  public void announce(Manifest manifest) {
    delegate().announce(manifest);
  }

  @Override
  public void announceSwarm(long op, Key objectId, SwarmEvent event, int want) {
    delegate().announceSwarm(op, objectId, event, want);
  }

  @Override
  public void cancel(long op) {
    delegate().cancel(op);
  }

  @Override
  public void leave() {
    delegate().leave();
  }

  @Override
  public void onMessage(int from, Message message) {
    delegate().onMessage(from, message);
  }

  @Override
  public void onTimer(Object key) {
    delegate().onTimer(key);
  }
}
