package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * All peers of a run. Hosts use it to reach peers; overlays may use only well-known entries from it
 * (the servers, an index, a bootstrap peer) and must learn everything else through messages.
 */
@API(status = STABLE, since = "0.1")
public final class Directory {
  private final PeerInfo[] peers;
  private final int[] servers;

  public Directory(List<PeerInfo> peers) {
    this.peers = peers.toArray(new PeerInfo[0]);
    for (int i = 0; i < this.peers.length; i++) {
      if (this.peers[i].address() != i) {
        throw new IllegalArgumentException("peer " + i + " has address " + this.peers[i].address());
      }
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
