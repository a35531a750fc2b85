package io.peerlab.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTrackerTest {

  /** Virtual time and timers only: every other NodeContext call fails the test. */
  private static final class Timers {
    final Map<Long, long[]> due = new LinkedHashMap<>(); // handle -> {at}
    final Map<Long, Object> keys = new LinkedHashMap<>();
    final List<Long> started = new ArrayList<>();
    long now;
    long nextHandle;

    final NodeContext ctx =
        (NodeContext)
            Proxy.newProxyInstance(
                NodeContext.class.getClassLoader(),
                new Class<?>[] {NodeContext.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "startTimer" -> {
                        long h = ++nextHandle;
                        due.put(h, new long[] {now + (long) args[0]});
                        keys.put(h, args[1]);
                        started.add(h);
                        yield h;
                      }
                      case "cancelTimer" -> {
                        due.remove((Long) args[0]);
                        keys.remove((Long) args[0]);
                        yield null;
                      }
                      case "now" -> now;
                      default -> throw new UnsupportedOperationException(method.getName());
                    });

    /** Advances to {@code t}, handing every timer due by then (earliest first) to {@code tracker}. */
    void runUntil(long t, RequestTracker<?, ?> tracker) {
      while (true) {
        Long first = null;
        for (Map.Entry<Long, long[]> e : due.entrySet()) {
          if (e.getValue()[0] <= t && (first == null || e.getValue()[0] < due.get(first)[0])) {
            first = e.getKey();
          }
        }
        if (first == null) {
          now = t;
          return;
        }
        now = due.remove(first)[0];
        assertThat(tracker.onTimer(keys.remove(first))).isTrue();
      }
    }
  }

  private record Expired(String id, String value, int attempts, long at) {}

  private final Timers timers = new Timers();
  private final List<Expired> expired = new ArrayList<>();
  private final RequestTracker<String, String> tracker =
      new RequestTracker<>(
          timers.ctx, 100, (id, v, attempts) -> expired.add(new Expired(id, v, attempts, timers.now)));

  @Test
  void open_startsOneTimerWithTheTimeout() {
    tracker.open("a", "x");

    assertThat(timers.started).hasSize(1);
    assertThat(timers.due.values().iterator().next()[0]).isEqualTo(100);
    assertThat(tracker.isOpen("a")).isTrue();
    assertThat(tracker.attempts("a")).isEqualTo(1);
  }

  @Test
  void unansweredRequest_expiresOnceAtItsDeadline_andStaysOpenWithoutTimer() {
    tracker.open("a", "x");

    timers.runUntil(1_000, tracker);

    assertThat(expired).containsExactly(new Expired("a", "x", 1, 100));
    assertThat(tracker.isOpen("a")).isTrue();
    assertThat(timers.due).isEmpty();
  }

  @Test
  void closedRequest_neverExpires_andItsTimerIsCancelled() {
    tracker.open("a", "x");
    timers.now = 50;

    assertThat(tracker.close("a")).isEqualTo("x");
    timers.runUntil(1_000, tracker);

    assertThat(expired).isEmpty();
    assertThat(timers.due).isEmpty();
    assertThat(tracker.close("a")).isNull();
  }

  @Test
  void retry_countsAttemptsAndRestartsTheDeadlineFromNow() {
    RequestTracker<String, String>[] self = new RequestTracker[1];
    List<Integer> seen = new ArrayList<>();
    self[0] =
        new RequestTracker<>(
            timers.ctx,
            100,
            (id, v, attempts) -> {
              seen.add(attempts);
              if (attempts < 3) {
                self[0].retry(id);
              } else {
                self[0].close(id);
              }
            });
    self[0].open("a", "x");

    timers.runUntil(1_000, self[0]);

    assertThat(seen).containsExactly(1, 2, 3);
    assertThat(timers.now).isEqualTo(1_000);
    assertThat(self[0].isOpen("a")).isFalse();
    assertThat(timers.started).hasSize(3);
  }

  @Test
  void reopen_supersedesTheEarlierTimer_andReplacesTheValue() {
    tracker.open("a", "x");
    timers.now = 60;
    tracker.open("a", "y");

    timers.runUntil(1_000, tracker);

    assertThat(expired).containsExactly(new Expired("a", "y", 2, 160));
  }

  @Test
  void extend_movesTheDeadlineWithoutCountingAnAttempt() {
    tracker.open("a", "x");
    timers.now = 10;
    tracker.extend("a", 500);

    timers.runUntil(1_000, tracker);

    assertThat(expired).containsExactly(new Expired("a", "x", 1, 510));
  }

  @Test
  void staleKeyOfASupersededTimer_isClaimedButIgnored() {
    tracker.open("a", "x");
    Object firstKey = timers.keys.values().iterator().next();
    tracker.retry("a");

    assertThat(tracker.onTimer(firstKey)).isTrue();
    assertThat(expired).isEmpty();
  }

  @Test
  void foreignKeys_areRefused() {
    RequestTracker<String, String> other = new RequestTracker<>(timers.ctx, 5, (id, v, n) -> {});
    other.open("a", "x");
    Object otherKey = timers.keys.values().iterator().next();

    assertThat(tracker.onTimer(otherKey)).isFalse();
    assertThat(tracker.onTimer("not a deadline")).isFalse();
  }

  @Test
  void closeIf_closesMatchingRequestsInOpeningOrder() {
    tracker.open("c", "op1");
    tracker.open("a", "op2");
    tracker.open("b", "op1");

    assertThat(tracker.find("op1"::equals)).containsExactly("c", "b");
    assertThat(tracker.closeIf("op1"::equals)).containsExactly("op1", "op1");
    assertThat(tracker.size()).isEqualTo(1);
    assertThat(timers.due).hasSize(1);
  }

  @Test
  void closeAll_cancelsEveryTimer() {
    tracker.open("a", "x");
    tracker.open("b", "y");

    tracker.closeAll();
    timers.runUntil(1_000, tracker);

    assertThat(tracker.size()).isZero();
    assertThat(expired).isEmpty();
  }

  @Test
  void retryOfUnknownRequest_isAnError() {
    assertThatThrownBy(() -> tracker.retry("nope")).isInstanceOf(IllegalStateException.class);
  }
}
