package io.contrivance.server.realtime;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts one sheet's events in revision order before they reach this instance's sockets. Events of
 * this instance arrive in order; with several instances, another instance's event may arrive after
 * a later one of this instance, or not at all (Kafka down). A later event waits for the earlier;
 * a gap still open after {@link #GAP_NANOS} is filled from the op log in PostgreSQL, which has every
 * committed event.
 *
 * <p>Thread-safe; the sink is called under this object's lock, in revision order, and must not
 * block.
 */
final class RoomOrder {

  static final long GAP_NANOS = 250_000_000L;

  /** Where ordered events go. */
  interface Sink {
    void deliver(long revision, String json, String authorConnection, String opId);
  }

  /** The op log: committed events after one revision up to another, as JSON. */
  interface Log {
    List<String> between(long after, long upTo);
  }

  private record Item(String json, String author, String opId) {}

  private final Sink sink;
  private final Log log;
  private final TreeMap<Long, Item> waiting = new TreeMap<>();
  private long delivered;
  private long gapSeenAt;

  RoomOrder(long delivered, Sink sink, Log log) {
    this.delivered = delivered;
    this.sink = sink;
    this.log = log;
  }

  /** Offers an event; it goes out now if it is the next one, later otherwise; repeats are dropped. */
  synchronized void offer(long revision, String json, String authorConnection, String opId, long now) {
    if (revision <= delivered || waiting.containsKey(revision)) {
      return;
    }
    waiting.put(revision, new Item(json, authorConnection, opId));
    drain();
    if (!waiting.isEmpty() && gapSeenAt == 0) {
      gapSeenAt = now;
    }
  }

  /** Fills a gap that has stayed open too long from the log; returns whether one is still open. */
  synchronized boolean fillGaps(long now) {
    if (waiting.isEmpty()) {
      return false;
    }
    if (now - gapSeenAt < GAP_NANOS) {
      return true;
    }
    long upTo = waiting.firstKey() - 1;
    List<String> missed = log.between(delivered, upTo);
    long revision = delivered;
    for (String json : missed) {
      revision++;
      waiting.putIfAbsent(revision, new Item(json, null, null));
    }
    drain();
    gapSeenAt = waiting.isEmpty() ? 0 : now;
    return !waiting.isEmpty();
  }

  synchronized long delivered() {
    return delivered;
  }

  private void drain() {
    Map.Entry<Long, Item> next;
    while ((next = waiting.firstEntry()) != null && next.getKey() == delivered + 1) {
      waiting.pollFirstEntry();
      delivered++;
      Item item = next.getValue();
      sink.deliver(delivered, item.json, item.author, item.opId);
    }
    if (waiting.isEmpty()) {
      gapSeenAt = 0;
    }
  }
}
