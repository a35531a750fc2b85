package io.peerlab.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The calendar queue against the plainest queue that is obviously right (a {@link PriorityQueue}
 * by time, then insertion): the same operations must give the same events in the same order,
 * with delays that land in the current bucket, in the window's buckets, past the window (the far
 * heap), on equal times, and far in the future; with peeks that move the window before the clock,
 * network stages that turn into their next stage, and retains.
 */
class EventQueueTest {

  /** id, time, insertion number, kind. */
  private record Ref(long id, long t, long seq, int kind) {}

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void takesEventsInTheOrderOfAPlainPriorityQueue(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    EventQueue q = new EventQueue();
    PriorityQueue<Ref> ref = new PriorityQueue<>(
        Comparator.comparingLong(Ref::t).thenComparingLong(Ref::seq));
    long now = 0;
    long seq = 0;
    long nextId = 0;
    int taken = 0;
    for (int step = 0; step < 200_000; step++) {
      int op = r.nextInt(100);
      if (op < 52 || ref.isEmpty()) {
        long t = now + delay(r);
        int kind = r.nextInt(3);
        long id = nextId++;
        q.add(t, kind, (int) (id & 0xFFFF), 7, id, id);
        ref.add(new Ref(id, t, seq++, kind));
      } else if (op < 92) {
        q.poll();
        Ref want = ref.poll();
        assertThat(q.x).as("event %d taken at step %d", taken, step).isEqualTo(want.id());
        assertThat(q.t).isEqualTo(want.t());
        assertThat(q.k).isEqualTo(want.kind());
        assertThat(q.obj).isEqualTo(want.id());
        assertThat(q.from).isEqualTo(7);
        now = q.t;
        taken++;
      } else if (op < 97) {
        // A network stage: the earliest event becomes a later one, with the next insertion number.
        q.peek();
        Ref top = ref.poll();
        assertThat(q.x).isEqualTo(top.id());
        now = q.t;
        long t = now + delay(r);
        long id = nextId++;
        q.replaceTop(t, 0, 1, 7, id, id);
        ref.add(new Ref(id, t, seq++, 0));
      } else if (op < 99) {
        // A host looks at the next time (the window may move past the clock), then adds at the
        // clock: the new event must still come first.
        q.peekTime();
        long id = nextId++;
        q.add(now, 2, 1, 7, id, id);
        ref.add(new Ref(id, now, seq++, 2));
      } else {
        int dropped = q.retain((kind, target, aux) -> kind != 1);
        int before = ref.size();
        ref.removeIf(e -> e.kind() == 1);
        assertThat(dropped).isEqualTo(before - ref.size());
      }
      assertThat(q.size()).isEqualTo(ref.size());
      if (!ref.isEmpty()) {
        assertThat(q.peekTime()).isEqualTo(ref.peek().t());
      }
    }
    while (!ref.isEmpty()) {
      q.poll();
      assertThat(q.x).isEqualTo(ref.poll().id());
    }
    assertThat(q.isEmpty()).isTrue();
    assertThat(taken).isGreaterThan(50_000);
  }

  private static long delay(SplittableRandom r) {
    return switch (r.nextInt(8)) {
      case 0 -> 0; // at once: equal times, ordered by insertion
      case 1 -> r.nextLong(EventQueue.WIDTH); // inside the current bucket
      case 2, 3 -> r.nextLong(30 * EventQueue.WIDTH); // a message's latency
      case 4 -> r.nextLong(3) * EventQueue.WIDTH; // exactly on bucket edges
      case 5 -> r.nextLong(2 * EventQueue.BUCKETS * EventQueue.WIDTH); // timers, in and past the window
      case 6 -> r.nextLong(100_000L * EventQueue.WIDTH); // far timers
      default -> r.nextInt(50) == 0 ? Long.MAX_VALUE / 4 : r.nextLong(5 * EventQueue.WIDTH);
    };
  }
}
