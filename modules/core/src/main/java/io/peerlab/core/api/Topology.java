package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.STABLE;

import io.peerlab.core.net.Link;
import io.peerlab.core.net.NetworkSpec;
import org.apiguardian.api.API;

/**
 * A way of organising peers: their roles, which objects they hold at start, and the overlay each
 * runs. Stateless; one instance serves every run.
 */
@API(status = STABLE, since = "0.1")
public interface Topology extends Pluggable {

  /** The fewest {@code servers} this topology works with (1 where it needs a server or index). */
  default int minServers() {
    return 0;
  }

  /** The role of the peer at {@code address}; servers come first (addresses 0..servers-1). */
  Role role(int address, RunSpec spec);

  /** The access link of a peer: by default the server link for SERVER peers, else the peer link. */
  default Link link(int address, Role role, NetworkSpec network) {
    return role == Role.SERVER ? network.server() : network.peer();
  }

  /**
   * The access link of a peer, for topologies whose links depend on more of the run than the role
   * (super-peers get the server link). {@link RunSetup} calls this one; by default it is {@link
   * #link(int, Role, NetworkSpec)}.
   */
  default Link link(int address, Role role, RunSpec spec) {
    return link(address, role, spec.network());
  }

  /**
   * What the peer holds when the run starts. By default: the run's {@link Placement}, so every
   * peer-to-peer topology starts from the same copies.
   */
  default ObjectStore initialStore(int address, RunSetup setup) {
    return ObjectStore.of(setup.catalog(), setup.placement().objectsOf(address));
  }

  /** How long the host lets the overlay run after every peer has joined, before publishing. */
  default long settleNanos(RunSetup setup) {
    return 0;
  }

  /**
   * Whether a peer can choose its own id in this topology. When true (the default), malicious
   * peers with {@code adversary.placement = targeted} take ids next to the attacked keys (the Sybil
   * attack); a topology whose ids are costly to make (S/Kademlia's crypto puzzle, {@code
   * kademlia.ids = costly}) returns false, and they keep their ordinary ids.
   */
  default boolean idsChosenFreely(Settings settings) {
    return true;
  }

  /**
   * What a lookup's answer names. False (the default): the peers responsible for the key, as in a
   * DHT. True: peers that hold the object (an index, a flood's hits). Results use it to tell a
   * lie from an honest answer by a malicious peer ({@code attacked}, docs/adversary.md): a
   * malicious peer named as a holder that does not hold the object lies; a malicious peer named
   * as responsible is the lookup ending at an adversary.
   */
  default boolean lookupNamesHolders() {
    return false;
  }

  /** A new overlay instance for one peer. */
  Overlay overlay(NodeContext ctx);
}
