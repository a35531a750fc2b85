package io.peerlab.core.peer;

import io.peerlab.core.id.Key;
import io.peerlab.core.workload.OpType;
import java.util.List;

/**
 * How an op submitted to a {@link PeerNode} from outside its script ended ({@link
 * PeerNode#submit}). Times are in the host's clock (virtual on the sim host, real elsewhere).
 *
 * @param op the op's token ({@link OpToken})
 * @param type lookup, search or fetch
 * @param ok the op succeeded
 * @param failure why it failed ("timeout", "not-found", "unfinished"...), or null when ok
 * @param latencyNanos from the node starting the op to its end
 * @param hops hops to the answering peer, as the overlay counts them (0 when it never answered)
 * @param peers lookup: the peers responsible for the key; fetch: the holders other than this peer
 *     that the locate step found; empty otherwise
 * @param found search: the ids of the matching objects found; empty otherwise
 * @param recall search: the share of the catalog's matching objects that were found
 * @param bytes fetch: the bytes downloaded and verified
 * @param attacked the answer came from an adversary: a lookup answered by a malicious peer, a
 *     search with a poisoned hit, a fetch given a forged manifest (docs/adversary.md)
 */
public record OpResult(
    long op,
    OpType type,
    boolean ok,
    String failure,
    long latencyNanos,
    int hops,
    int[] peers,
    List<Key> found,
    double recall,
    long bytes,
    boolean attacked) {

  public OpResult {
    peers = peers == null ? new int[0] : peers;
    found = found == null ? List.of() : List.copyOf(found);
  }
}
