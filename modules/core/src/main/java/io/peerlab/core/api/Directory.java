package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.STABLE;

import io.peerlab.core.id.Key;
import java.util.List;
import org.apiguardian.api.API;

/**
 * All peers of a run. Hosts use it to reach peers; overlays may use only well-known entries from it
 * (the servers, an index, a bootstrap peer) and must learn everything else through messages.
 */
@API(status = STABLE, since = "0.1")
public final class Directory {
  private final PeerInfo[] peers;
  /** Each peer's key by address, one array read from it (overlays compare keys on every hop). */
  private final Key[] keys;
  private final int[] servers;

  public Directory(List<PeerInfo> peers) {
    this.peers = peers.toArray(new PeerInfo[0]);
    for (int i = 0; i < this.peers.length; i++) {
      if (this.peers[i].address() != i) {
        throw new IllegalArgumentException("peer " + i + " has address " + this.peers[i].address());
      }
    }
    this.keys = new Key[this.peers.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = this.peers[i].key();
    }
    this.servers =
        peers.stream().filter(p -> p.role() == Role.SERVER).mapToInt(PeerInfo::address).toArray();
  }

  public int size() {
    return peers.length;
  }

  public PeerInfo get(int address) {
    return peers[address];
  }

  /** The key of peer {@code address}: {@code get(address).key()}, without reading its entry. */
  public Key key(int address) {
    return keys[address];
  }

  /** Addresses of the peers with role SERVER, ascending. */
  public int[] servers() {
    return servers.clone();
  }

  public int serverCount() {
    return servers.length;
  }

  public int server(int i) {
    return servers[i];
  }
}
