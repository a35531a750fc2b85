package io.peerlab.core.overlay.dht;

import io.peerlab.core.api.RunSetup;

/**
 * The warm publish ({@link DhtSettings#warmPublish()}): every DHT peer of one run, by address, so
 * that a peer's initial puts can be stored straight at the peers the protocol would store them on
 * ({@link DhtOverlay#publish()}). What ends up in each store is what a publish over exact routing
 * tables ends in, with two differences a run shows: the PUBLISH phase sends no message and takes
 * no time, and a record lists its holders in address order (the protocol: in the order the puts
 * arrived). {@code WarmPublishTest} checks every store against the protocol's on small rings.
 *
 * <p>It writes other peers' stores, so it is for one host thread: the sim runtime. The scenario
 * loader refuses {@code dht.warm-publish} on another runtime, and a peer registered from a second
 * thread is refused here too.
 */
final class WarmPublish {
  private final DhtOverlay<?>[] peers;
  private final Thread owner = Thread.currentThread();

  private WarmPublish(int peers) {
    this.peers = new DhtOverlay<?>[peers];
  }

  /** The run's registry (made by the first peer built). */
  static WarmPublish of(RunSetup setup) {
    return setup.derived(WarmPublish.class, s -> new WarmPublish(s.peers()));
  }

  void register(int address, DhtOverlay<?> overlay) {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "dht.warm-publish writes other peers' stores and needs one host thread (runtime sim)");
    }
    peers[address] = overlay;
  }

  /** The DHT overlay of the peer at {@code address}. */
  DhtOverlay<?> at(int address) {
    DhtOverlay<?> o = peers[address];
    if (o == null) {
      throw new IllegalStateException("dht.warm-publish: peer " + address + " runs no DHT overlay");
    }
    return o;
  }
}
