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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One socket in one sheet: who is on it, and what is on its way to it.
 *
 * <p>Messages go out one at a time, in the order they were queued, written by a thread of the
 * sending pool: the thread that queues (often the one that committed an edit, with a sheet's next
 * commit waiting behind it) only appends to a queue, whatever the number of clients.
 *
 * <p>Messages up to {@link #BLOCKING_WRITE_MAX_CHARS} (edits, acknowledgements, presence) are
 * written with the blocking send. Liberty's asynchronous send hands every message to a worker thread
 * of its own and its completion to another; with 200 people in a sheet that was most of the cost of
 * an edit's fan-out (docs/benchmarks.md, live editing). A blocking write returns as soon as the bytes
 * are in the socket's buffer, which for a client that reads is at once. Larger messages (snapshots,
 * replays, big batches) go asynchronously, so that a client on a slow link can take its time over
 * them without holding a thread.
 *
 * <p>A client that stops reading lets its queue grow and, once its socket buffers are full, holds a
 * thread of the pool in a blocking write. Both are bounded: past {@link #MAX_QUEUED_MESSAGES} or
 * {@link #MAX_QUEUED_CHARS} the client is disconnected, so that it cannot exhaust the server's
 * memory; a blocking write that has not returned after {@link #STALLED_WRITE} is cut off by {@link
 * Rooms}' maintenance (see {@link #stalled}), so that it gives its thread back.
 *
 * <p>Until the client has its snapshot (or replay), events are held back, then those newer than the
 * snapshot are sent: nothing is lost and nothing arrives twice in the gap between reading the
 * snapshot and joining the room.
 */
final class Connection {

  static final int MAX_QUEUED_MESSAGES = 2_000;
  static final long MAX_QUEUED_CHARS = 8L << 20;
  /** Longer messages are written asynchronously (see above). */
  static final int BLOCKING_WRITE_MAX_CHARS = 64 * 1024;
  /** A small message's write blocked this long is a client that stopped reading: it is disconnected. */
  static final Duration STALLED_WRITE = Duration.ofSeconds(5);
  private static final long STALLED_WRITE_NANOS = STALLED_WRITE.toNanos();

  private static final Logger LOG = Logger.getLogger(Connection.class.getName());

  final String id = UUID.randomUUID().toString();
  final Session session;
  final String sheetId;
  final Bucket ops;
  final Instant openedAt;
  /** Client op ids whose acknowledgement went out with the event (see {@link Rooms#broadcast}). */
  final Set<String> acked = ConcurrentHashMap.newKeySet();

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
  /** When the write under way started ({@link System#nanoTime()}), or 0 between writes. */
  private volatile long writingSince;
  private final List<Held> held = new ArrayList<>();

  private record Held(long revision, String text) {}

  private final Executor sender;
  private final Executor closer;

  /**
   * @param sender the pool that writes to sockets
   * @param closer where sockets that fell behind are closed: closing waits for a blocked write
   */
  Connection(Session session, String sheetId, int opsPerSecond, Instant openedAt, Executor sender, Executor closer) {
    this.sender = sender;
    this.closer = closer;
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

  void send(ServerMessage message) {
    send(message.text());
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
      dropSlow();
    } else if (start) {
      sender.execute(this::next);
    }
  }

  /** Writes queued messages until the queue is empty, or until an asynchronous write takes over. */
  private void next() {
    while (true) {
      String text;
      synchronized (lock) {
        text = closed ? null : queue.pollFirst();
        if (text == null) {
          sending = false;
          return;
        }
        queuedChars -= text.length();
      }
      if (text.length() > BLOCKING_WRITE_MAX_CHARS) {
        writeAsync(text);
        return;
      }
      writingSince = System.nanoTime();
      try {
        session.getBasicRemote().sendText(text);
      } catch (IOException | RuntimeException e) {
        close(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
        return;
      } finally {
        writingSince = 0;
      }
    }
  }

  /** Writes one large message; the queue goes on when it is written, on the sending pool. */
  private void writeAsync(String text) {
    try {
      session.getAsyncRemote()
          .sendText(
              text,
              result -> {
                if (result.isOK()) {
                  sender.execute(this::next);
                } else {
                  close(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
                }
              });
    } catch (RuntimeException e) {
      close(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
    }
  }

  /** Whether a blocking write to this socket has been under way for longer than {@link #STALLED_WRITE}. */
  boolean stalled(long nanoTime) {
    long since = writingSince;
    return since != 0 && nanoTime - since > STALLED_WRITE_NANOS;
  }

  /**
   * Disconnects a client that fell behind. Liberty's close waits for a blocked write for a few
   * seconds, then cuts the connection, which ends the write; so it happens on the closer, not on the
   * thread that noticed.
   */
  void dropSlow() {
    synchronized (lock) {
      if (!discard()) {
        return; // already closed (the maintenance tick sees a blocked write until the close ends it)
      }
    }
    closer.execute(() -> closeQuietly(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow: the client is not reading its messages"));
  }

  /** Closes the socket with a code and a reason (at most 123 bytes, as the protocol allows). */
  void close(CloseReason.CloseCode code, String reason) {
    synchronized (lock) {
      discard();
      sending = false;
    }
    closeQuietly(code, reason);
  }

  /** Marks the connection closed and drops what waits for it; whether it was open. Under the lock. */
  private boolean discard() {
    boolean wasOpen = !closed;
    closed = true;
    queue.clear();
    queuedChars = 0;
    return wasOpen;
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
