package io.peerlab.core.workload;

import java.util.List;

/**
 * One operation of a client's script.
 *
 * @param seq position in the client's script (warm-up and measured scripts count separately)
 * @param type lookup, search or fetch
 * @param object the target object's index: the id to look up or fetch, or the object whose
 *     keywords form the search query
 * @param keywords the search query (all must match); empty for lookup and fetch
 * @param at intended start in nanoseconds after the phase starts (open loop and flash crowd), or
 *     -1 in closed loop, where an op starts when the previous one ends plus think time
 */
public record Op(int seq, OpType type, int object, List<String> keywords, long at) {
  public Op {
    keywords = List.copyOf(keywords);
    if (type == OpType.OTHER) {
      throw new IllegalArgumentException("OTHER is not an operation");
    }
  }
}
