package io.peerlab.core.overlay.dht;

import io.peerlab.core.overlay.dht.Publication.Put;
import java.util.List;
import java.util.function.Consumer;

/**
 * A DHT peer's start-up publishing: its {@link Publication} puts, sent in order with at most
 * {@link #SIZE} in flight, and {@code published} called once when every put has ended (stored or
 * given up). Both Chord and Kademlia publish through it, so their publishing load is comparable.
 *
 * <p>Invariants: puts start in list order; {@code start} is called only while fewer than {@link
 * #SIZE} puts are in flight, and never re-entrantly (a put that ends inside {@code start} refills
 * the window after {@code start} returns); {@code published} is called once per {@link #begin},
 * after the last put ended.
 */
public final class PublishWindow {

  /** Puts a peer keeps in flight while publishing. */
  public static final int SIZE = 16;

  private final Consumer<Put> start;
  private final Runnable published;
  private List<Put> puts;
  private int next;
  private int outstanding;
  private boolean pumping;

  /**
   * @param start sends one put; the owner calls {@link #ended} when it is stored or given up
   * @param published called when every put has ended
   */
  public PublishWindow(Consumer<Put> start, Runnable published) {
    this.start = start;
    this.published = published;
  }

  /** Starts publishing {@code puts} (an empty list is published at once). */
  public void begin(List<Put> puts) {
    this.puts = puts;
    next = 0;
    outstanding = 0;
    pump();
  }

  /** One put started by this window has ended, stored or not. */
  public void ended() {
    outstanding--;
    pump();
  }

  private void pump() {
    if (pumping || puts == null) {
      return;
    }
    pumping = true;
    try {
      while (outstanding < SIZE && next < puts.size()) {
        Put p = puts.get(next++);
        outstanding++;
        start.accept(p);
      }
    } finally {
      pumping = false;
    }
    if (outstanding == 0 && next >= puts.size()) {
      puts = null;
      published.run();
    }
  }
}
