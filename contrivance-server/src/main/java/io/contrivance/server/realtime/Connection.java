package io.contrivance.server.realtime;

import io.contrivance.server.sheet.SheetRole;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One socket in one sheet: who is on it, and what is on its way to it.
 *
 * <p>Messages go out one at a time, asynchronously, in the order they were queued, started on the
 * sending executor: the thread that queues (often the one that committed an edit, with a sheet's
 * next commit waiting behind it) only appends to a queue, whatever the number of clients. A client that stops
 * reading lets its queue grow; past {@link #MAX_QUEUED_MESSAGES} or {@link #MAX_QUEUED_CHARS} it is
 * disconnected, so that one slow client cannot exhaust the server's memory.
 *
 * <p>Until the client has its snapshot (or replay), events are held back, then those newer than the
 * snapshot are sent: nothing is lost and nothing arrives twice in the gap between reading the
 * snapshot and joining the room.
 */
final class Connection {

  static final int MAX_QUEUED_MESSAGES = 2_000;
  static final long MAX_QUEUED_CHARS = 8L << 20;

  private static final Logger LOG = Logger.getLogger(Connection.class.getName());

  final String id = UUID.randomUUID().toString();
  final Session session;
  final String sheetId;
  final Bucket ops;
  final Instant openedAt;
  /** Client op ids whose acknowledgement went out with the event (see {@link Rooms#broadcast}). */
  final java.util.Set<String> acked = java.util.concurrent.ConcurrentHashMap.newKeySet();

  // Set once authenticated; then read by other threads (maintenance, broadcasts).
  volatile String userId;
  volatile String name;
  volatile String sessionId;
  volatile SheetRole role;
  volatile Instant tokenExpires;

  private final Object lock = new Object();
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private long queuedChars;
  private boolean sending;
  private boolean ready;
  private boolean closed;
  private final List<Held> held = new ArrayList<>();

  private record Held(long revision, String text) {}

  private final java.util.concurrent.Executor sender;

  Connection(Session session, String sheetId, int opsPerSecond, Instant openedAt, java.util.concurrent.Executor sender) {
    this.sender = sender;
    this.session = session;
    this.sheetId = sheetId;
    this.openedAt = openedAt;
    this.ops = Bucket.builder().addLimit(Bandwidth.builder().capacity(opsPerSecond * 2L).refillGreedy(opsPerSecond, Duration.ofSeconds(1)).build()).build();
  }

  boolean authenticated() {
    return userId != null;
  }

  /** Sends an event (or its acknowledgement) of the given revision, holding it back until the client is ready. */
  void event(long revision, String text) {
    synchronized (lock) {
      if (!ready) {
        held.add(new Held(revision, text));
        return;
      }
    }
    send(text);
  }

  /** Marks the client ready at a revision: held events after it are sent, older ones dropped. */
  void ready(long revision) {
    List<Held> release;
    synchronized (lock) {
      ready = true;
      release = new ArrayList<>(held);
      held.clear();
    }
    for (Held h : release) {
      if (h.revision > revision) {
        send(h.text);
      }
    }
  }

  /** Queues a message; the client is disconnected if it has fallen too far behind. */
  void send(String text) {
    boolean start = false;
    boolean overflow = false;
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (queue.size() >= MAX_QUEUED_MESSAGES || queuedChars + text.length() > MAX_QUEUED_CHARS) {
        queue.clear();
        queuedChars = 0;
        closed = true;
        overflow = true;
      } else {
        queue.addLast(text);
        queuedChars += text.length();
        if (!sending) {
          sending = true;
          start = true;
        }
      }
    }
    if (overflow) {
      closeQuietly(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow: the client is not reading its messages");
    } else if (start) {
      sender.execute(this::next);
    }
  }

  private void next() {
    String text;
    synchronized (lock) {
      text = closed ? null : queue.pollFirst();
      if (text == null) {
        sending = false;
        return;
      }
      queuedChars -= text.length();
    }
    try {
      session.getAsyncRemote()
          .sendText(
              text,
              result -> {
                if (result.isOK()) {
                  next();
                } else {
                  close(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
                }
              });
    } catch (RuntimeException e) {
      close(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
    }
  }

  /** Closes the socket with a code and a reason (at most 123 bytes, as the protocol allows). */
  void close(CloseReason.CloseCode code, String reason) {
    synchronized (lock) {
      closed = true;
      queue.clear();
      queuedChars = 0;
      sending = false;
    }
    closeQuietly(code, reason);
  }

  private void closeQuietly(CloseReason.CloseCode code, String reason) {
    try {
      if (session.isOpen()) {
        session.close(new CloseReason(code, reason.length() > 120 ? reason.substring(0, 120) : reason));
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "closing socket " + id, e);
    }
  }
}
