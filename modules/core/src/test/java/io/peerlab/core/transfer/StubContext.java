package io.peerlab.core.transfer;

import io.peerlab.core.api.Directory;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.api.ObjectStore;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.util.Seeds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A peer's context without a host, for unit tests of transfer parts: it records what the part
 * sends and which timers it starts, and lets the test move time and fire timers by hand.
 */
final class StubContext implements NodeContext {
  record Sent(long at, int to, Message message) {}

  record Timer(long due, Object key) {}

  final RunSetup setup;
  final int self;
  final ObjectStore store;
  final SplittableRandom random = Seeds.random(7, "stub");
  final List<Sent> sent = new ArrayList<>();
  final Map<Long, Timer> timers = new LinkedHashMap<>();
  long now;
  int rejected;
  private long nextHandle;

  StubContext(RunSetup setup, int self) {
    this.setup = setup;
    this.self = self;
    this.store = setup.topology().initialStore(self, setup);
  }

  /** The earliest pending timer: advance the clock to it, remove it, and return its key. */
  Object nextTimer() {
    Map.Entry<Long, Timer> first = null;
    for (Map.Entry<Long, Timer> e : timers.entrySet()) {
      if (first == null || e.getValue().due() < first.getValue().due()) {
        first = e;
      }
    }
    if (first == null) {
      return null;
    }
    timers.remove(first.getKey());
    now = Math.max(now, first.getValue().due());
    return first.getValue().key();
  }

  @Override
  public int self() {
    return self;
  }

  @Override
  public Key key() {
    return setup.directory().get(self).key();
  }

  @Override
  public Role role() {
    return setup.directory().get(self).role();
  }

  @Override
  public Directory directory() {
    return setup.directory();
  }

  @Override
  public RunSetup setup() {
    return setup;
  }

  @Override
  public ObjectStore store() {
    return store;
  }

  @Override
  public SplittableRandom random() {
    return random;
  }

  @Override
  public long now() {
    return now;
  }

  @Override
  public void send(int to, Message message) {
    sent.add(new Sent(now, to, message));
  }

  @Override
  public long startTimer(long delayNanos, Object key) {
    long h = ++nextHandle;
    timers.put(h, new Timer(now + delayNanos, key));
    return h;
  }

  @Override
  public void cancelTimer(long handle) {
    timers.remove(handle);
  }

  @Override
  public void joined() {}

  @Override
  public void published() {}

  @Override
  public void lookupDone(long op, int[] responsible, int hops) {}

  @Override
  public void searchDone(long op, Collection<Key> found, int hops) {}

  @Override
  public void located(long op, Manifest manifest, int[] holders, int hops) {}

  @Override
  public void fetched(long op, long bytes) {}

  @Override
  public void failed(long op, String reason) {}

  @Override
  public void chunkRejected() {
    rejected++;
  }
}
