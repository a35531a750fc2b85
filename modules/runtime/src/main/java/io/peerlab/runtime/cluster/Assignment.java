package io.peerlab.runtime.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Which member hosts which peer: round robin over the members in the order the coordinator lists
 * them (sorted by address), so peer {@code a} lives on member {@code a mod members}. A pure
 * function of two numbers, so every member computes it and no table crosses the network.
 */
public record Assignment(int members) {

  public Assignment {
    if (members < 1) {
      throw new IllegalArgumentException("need at least one member, got " + members);
    }
  }

  public int memberOf(int address) {
    return address % members;
  }

  /** The addresses member {@code member} hosts among {@code peers}, ascending. */
  public List<Integer> peersOf(int member, int peers) {
    List<Integer> out = new ArrayList<>();
    for (int a = member; a < peers; a += members) {
      out.add(a);
    }
    return out;
  }
}
