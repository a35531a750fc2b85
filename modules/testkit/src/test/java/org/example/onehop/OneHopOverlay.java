package org.example.onehop;

import io.peerlab.core.api.LookupOverlay;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.NodeContext;
import io.peerlab.core.id.Key;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * One peer of {@link OneHop}: the ring of every peer's key, sorted once. A {@link LookupOverlay}
 * has joined and published at once, and fails searches and fetches as not supported.
 */
final class OneHopOverlay extends LookupOverlay {
  private final int[] ring;
  private final int replicas;

  OneHopOverlay(NodeContext ctx) {
    super(ctx);
    this.ring =
        IntStream.range(0, ctx.directory().size())
            .boxed()
            .sorted(Comparator.comparing(a -> ctx.directory().get(a).key()))
            .mapToInt(Integer::intValue)
            .toArray();
    this.replicas = ctx.setup().settings().get(OneHopSettings.class).replicas();
  }

  /** The first peer whose key is at or after {@code key}, wrapping around. */
  private int successorIndex(Key key) {
    for (int i = 0; i < ring.length; i++) {
      if (ctx.directory().get(ring[i]).key().compareTo(key) >= 0) {
        return i;
      }
    }
    return 0;
  }

  @Override
  public void lookup(long op, Key key) {
    ctx.send(ring[successorIndex(key)], new OneHopMessage.Ask(op, key));
  }

  @Override
  public void onMessage(int from, Message message) {
    if (message instanceof OneHopMessage.Ask ask) {
      int first = successorIndex(ask.key());
      int[] owners = new int[Math.min(replicas, ring.length)];
      for (int i = 0; i < owners.length; i++) {
        owners[i] = ring[(first + i) % ring.length];
      }
      ctx.send(from, new OneHopMessage.Answer(ask.op(), owners));
    } else if (message instanceof OneHopMessage.Answer answer) {
      ctx.lookupDone(answer.op(), Arrays.copyOf(answer.owners(), answer.owners().length), 1);
    }
  }
}
