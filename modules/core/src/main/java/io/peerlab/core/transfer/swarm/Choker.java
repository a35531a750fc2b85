package io.peerlab.core.transfer.swarm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Whom a member uploads to (BitTorrent's choking, Cohen 2003, section 3): every rechoke it unchokes
 * the interested peers that gave it the most in the last interval (tit-for-tat; a member that has
 * every chunk ranks by what it sent instead, favouring peers that can take data fast), plus one
 * interested peer at random (the optimistic unchoke), kept for three intervals so that a newcomer
 * can prove itself. Ties go to peers already unchoked, then are broken at random.
 */
public final class Choker {
  private Choker() {}

  /**
   * One interested peer as the choker sees it: its rate (bytes in the last interval) and whether
   * it is unchoked now (ties go to incumbents, so equal peers are not swapped for nothing), and
   * whether it may have the optimistic unchoke (under tit-for-tat a peer that could give and
   * never did may not: the optimistic unchoke is a chance to reciprocate, not a free meal).
   */
  public record Candidate(int peer, long rate, boolean unchoked, boolean optimisticOk) {
    public Candidate(int peer, long rate, boolean unchoked) {
      this(peer, rate, unchoked, true);
    }
  }

  /** The outcome of one rechoke: whom to unchoke and which of them is the optimistic one. */
  public record Choice(Set<Integer> unchoke, int optimistic) {}

  /**
   * @param interested the peers interested in this member's chunks
   * @param slots how many to unchoke, optimistic included
   * @param optimistic the current optimistic unchoke, or -1
   * @param rotate true when the optimistic unchoke is due for a new peer
   * @param withOptimistic false: every slot by rate
   */
  public static Choice rechoke(
      List<Candidate> interested, int slots, int optimistic, boolean rotate,
      boolean withOptimistic, SplittableRandom random) {
    List<Candidate> ranked = new ArrayList<>(interested);
    for (int i = ranked.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Candidate t = ranked.get(i);
      ranked.set(i, ranked.get(j));
      ranked.set(j, t);
    }
    ranked.sort(
        Comparator.comparingLong(Candidate::rate)
            .thenComparing(Candidate::unchoked)
            .reversed());
    int regular = withOptimistic ? slots - 1 : slots;
    Set<Integer> chosen = new HashSet<>();
    for (int i = 0; i < ranked.size() && chosen.size() < regular; i++) {
      chosen.add(ranked.get(i).peer());
    }
    int opt = -1;
    if (withOptimistic) {
      boolean keep = !rotate && optimistic >= 0 && !chosen.contains(optimistic)
          && interested.stream().anyMatch(c -> c.peer() == optimistic && c.optimisticOk());
      if (keep) {
        opt = optimistic;
      } else {
        List<Integer> rest = new ArrayList<>();
        for (Candidate c : interested) {
          if (!chosen.contains(c.peer()) && c.optimisticOk()) {
            rest.add(c.peer());
          }
        }
        if (!rest.isEmpty()) {
          opt = rest.get(random.nextInt(rest.size()));
        }
      }
      if (opt >= 0) {
        chosen.add(opt);
      } else {
        // No one may have it: the slot goes by rank rather than idle.
        for (int i = 0; i < ranked.size() && chosen.size() < slots; i++) {
          chosen.add(ranked.get(i).peer());
        }
      }
    }
    return new Choice(Set.copyOf(chosen), opt);
  }
}
