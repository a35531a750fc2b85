package io.peerlab.core.workload;

import java.util.List;

/**
 * The operations one client runs, in order: first its warm-up ops (not measured), then, after
 * every client has finished warming up, its measured ops.
 *
 * @param client the client's index among the run's clients (0-based), not its peer address
 */
public record ClientScript(int client, List<Op> warmup, List<Op> measured) {
  public ClientScript {
    warmup = List.copyOf(warmup);
    measured = List.copyOf(measured);
  }
}
