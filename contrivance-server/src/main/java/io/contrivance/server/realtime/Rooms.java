package io.contrivance.server.realtime;

import io.contrivance.core.Sheet;
import io.contrivance.core.collab.Presence;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.server.auth.SessionGuard;
import io.contrivance.server.auth.Sessions;
import io.contrivance.server.sheet.EventJson;
import io.contrivance.server.sheet.JdbcSheetStore;
import io.contrivance.server.sheet.Sheets;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The open sockets of this instance, grouped by sheet. A room listens to its sheet's events while
 * it has connections and sends each event to every connection in it, as an acknowledgement to the
 * connection the edit came from. Every few seconds it expires silent presence and closes sockets
 * whose token expired or whose session ended (logout, a disabled account); a logout on this
 * instance closes them at once.
 */
@ApplicationScoped
public class Rooms {

  /** How long a connection may stay open without authenticating. */
  static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);
  /** Presence expires after this much silence; clients send a heartbeat more often. */
  static final Duration PRESENCE_TTL = Duration.ofSeconds(30);
  static final long TICK_MILLIS = 2_000;
  /**
   * Selection changes are sent in one message per room this often: with n people moving their
   * cursors, sending each change to everyone at once would be n² messages.
   */
  static final long PRESENCE_FLUSH_MILLIS = 50;

  private static final Logger LOG = Logger.getLogger(Rooms.class.getName());

  @Inject Sheets sheets;
  @Inject SessionGuard guard;
  @Inject Clock clock;
  @Inject JdbcSheetStore store;

  @Resource ManagedScheduledExecutorService scheduler;

  /**
   * Writes to sockets, off the threads that commit edits. Small messages are written with blocking
   * writes (see {@link Connection}), so it has twice as many threads as cores, at least 4
   * (`CONTRIVANCE_WS_SENDING_THREADS`): a client that stopped reading holds one until it is cut off.
   * More threads than that cost the 200-client fan-out a few milliseconds at p99 on two cores.
   */
  private ExecutorService sender;

  /** Events from and to other instances, when Kafka is configured; null for a single instance. */
  private KafkaBus bus;

  @Inject Event<UserMessage> userMessages;

  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  private final Set<Connection> unauthenticated = ConcurrentHashMap.newKeySet();
  private ScheduledFuture<?> ticks;

  /** The connections of one sheet and who is where in it. */
  static final class Room {
    final String sheetId;
    final Set<Connection> connections = new CopyOnWriteArraySet<>();
    final Presence presence;
    final AtomicBoolean fillScheduled = new AtomicBoolean();
    /** Presence changes not yet sent, latest per connection (sent together, see {@link #PRESENCE_FLUSH_MILLIS}). */
    final Map<String, Presence.Entry> presenceChanges = new LinkedHashMap<>();
    Sheet.Subscription subscription;
    RoomOrder order;

    Room(String sheetId, Presence presence) {
      this.sheetId = sheetId;
      this.presence = presence;
    }
  }

  void startup(@Observes @Initialized(ApplicationScoped.class) Object event) {
    var config = ConfigProvider.getConfig();
    AtomicInteger senders = new AtomicInteger();
    int sendingThreads =
        config.getOptionalValue("contrivance.ws.sending.threads", Integer.class).filter(n -> n > 0).orElse(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    sender =
        Executors.newFixedThreadPool(
            sendingThreads,
            task -> {
              Thread thread = new Thread(task, "contrivance-ws-send-" + senders.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    ticks = scheduler.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    Optional<String> bootstrap = config.getOptionalValue("contrivance.kafka.bootstrap", String.class).filter(s -> !s.isBlank());
    if (bootstrap.isPresent()) {
      String topic = config.getOptionalValue("contrivance.kafka.topic", String.class).orElse("contrivance.sheet-events");
      String instance = UUID.randomUUID().toString();
      // Plain threads: the bus needs no container context, and managed threads may be interrupted
      // by the container.
      bus = new KafkaBus(bootstrap.get(), topic, instance, this::remote, Thread::new);
      LOG.info("Sharing sheet events with other instances through Kafka at " + bootstrap.get() + ", topic " + topic + " (instance " + instance + ")");
    } else {
      LOG.info("No Kafka configured (contrivance.kafka.bootstrap): sheet events reach this instance's sockets only");
    }
  }

  @PreDestroy
  void shutdown() {
    if (ticks != null) {
      ticks.cancel(false);
    }
    if (bus != null) {
      bus.close();
    }
    if (sender != null) {
      sender.shutdown();
    }
    for (Room room : rooms.values()) {
      room.connections.forEach(c -> c.close(CloseReason.CloseCodes.GOING_AWAY, "server stopping"));
    }
  }

  Executor sender() {
    return sender;
  }

  /** Where sockets that fell behind are closed (closing may wait seconds for a blocked write). */
  Executor closer() {
    return scheduler;
  }

  void opened(Connection connection) {
    unauthenticated.add(connection);
  }

  /** Puts an authenticated connection in its sheet's room; it receives events from now on (held until ready). */
  Room join(Connection connection) {
    unauthenticated.remove(connection);
    Room room =
        rooms.compute(
            connection.sheetId,
            (id, existing) -> {
              Room r = existing;
              if (r == null) {
                r = new Room(id, new Presence(clock, PRESENCE_TTL));
                Sheet sheet = sheets.workbook().open(SheetId.of(id)).orElseThrow();
                Room created = r;
                r.subscription = sheet.onChange(e -> local(id, e));
                // Subscribed first, then read: an event in between is either delivered or older than
                // the revision read (and then in every snapshot taken from now on).
                r.order = new RoomOrder(sheet.revision(), (revision, json, author, opId) -> deliver(created, revision, json, author, opId), (after, upTo) -> store.loggedEvents(SheetId.of(id), after, upTo));
              }
              r.connections.add(connection);
              return r;
            });
    Presence.Entry entry = room.presence.join(connection.id, connection.userId, connection.name);
    sendToOthers(room, connection, new ServerMessage.UserJoined(entry));
    return room;
  }

  /** Takes a connection out of its room (closed socket). */
  void leave(Connection connection) {
    unauthenticated.remove(connection);
    Room room = rooms.get(connection.sheetId);
    if (room == null || !room.connections.contains(connection)) {
      return;
    }
    room.presence.leave(connection.id).ifPresent(entry -> sendToOthers(room, connection, new ServerMessage.UserLeft(entry)));
    rooms.computeIfPresent(
        connection.sheetId,
        (id, r) -> {
          r.connections.remove(connection);
          if (r.connections.isEmpty()) {
            r.subscription.close();
            return null;
          }
          return r;
        });
  }

  /** A connection was heard from; if its presence had expired, it is back. */
  void touch(Connection connection) {
    Room room = rooms.get(connection.sheetId);
    if (room == null || !connection.authenticated() || room.presence.touch(connection.id)) {
      return;
    }
    if (room.connections.contains(connection)) {
      Presence.Entry entry = room.presence.join(connection.id, connection.userId, connection.name);
      sendToOthers(room, connection, new ServerMessage.UserJoined(entry));
    }
  }

  /** A connection's selection changed: everyone in the room hears of it with the next presence message. */
  void presence(Connection connection, Optional<Presence.Range> selection, boolean editing) {
    Room room = rooms.get(connection.sheetId);
    if (room == null) {
      return;
    }
    Optional<Presence.Entry> entry = room.presence.update(connection.id, selection, editing);
    if (entry.isEmpty()) {
      return;
    }
    boolean first;
    synchronized (room.presenceChanges) {
      first = room.presenceChanges.isEmpty();
      room.presenceChanges.put(connection.id, entry.get());
    }
    if (first) {
      scheduler.schedule(() -> flushPresence(room), PRESENCE_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Sends the room's pending selection changes as one message to everyone in it. */
  private static void flushPresence(Room room) {
    List<Presence.Entry> changes;
    synchronized (room.presenceChanges) {
      changes = List.copyOf(room.presenceChanges.values());
      room.presenceChanges.clear();
    }
    if (changes.isEmpty()) {
      return;
    }
    String text = new ServerMessage.PresenceChanges(changes).text();
    room.connections.forEach(c -> c.send(text));
  }

  /** An event committed here: to the other instances, and in order to this instance's sockets. */
  void local(String sheetId, SheetEvent event) {
    String json = EventJson.text(event);
    if (bus != null) {
      bus.publish(sheetId, event.revision(), json);
    }
    Room room = rooms.get(sheetId);
    if (room == null) {
      return;
    }
    String author = EventJson.connection(event.origin());
    String opId = EventJson.clientOpId(event.origin());
    if (author != null) {
      // Marked before it may wait for an earlier event, so that the editing thread does not send
      // an "unchanged" acknowledgement of its own.
      room.connections.stream().filter(c -> c.id.equals(author)).forEach(c -> c.acked.add(opId));
    }
    offer(room, event.revision(), json, author, opId);
  }

  /** Key prefix of a {@link UserMessage} on the bus, where sheet ids stand otherwise. */
  private static final String USER = "user:";

  /**
   * Delivers a message to a user's pages on every instance: observers of {@link UserMessage} here
   * at once, and on the other instances through Kafka (if configured).
   */
  public void toUser(String userId, String json) {
    userMessages.fire(new UserMessage(userId, json));
    if (bus != null) {
      bus.publish(USER + userId, 0, json);
    }
  }

  /** An event committed by another instance. */
  void remote(KafkaBus.Remote remote) {
    if (remote.sheetId().startsWith(USER)) {
      userMessages.fire(new UserMessage(remote.sheetId().substring(USER.length()), remote.eventJson()));
      return;
    }
    Room room = rooms.get(remote.sheetId());
    if (room != null) {
      offer(room, remote.revision(), remote.eventJson(), null, null);
    }
  }

  private void offer(Room room, long revision, String json, String author, String opId) {
    room.order.offer(revision, json, author, opId, System.nanoTime());
    scheduleGapFill(room);
  }

  /** While a room waits for an event that may never come (Kafka down), fill the gap from the op log. */
  private void scheduleGapFill(Room room) {
    if (room.order.fillGaps(System.nanoTime()) && room.fillScheduled.compareAndSet(false, true)) {
      scheduler.schedule(
          () -> {
            room.fillScheduled.set(false);
            try {
              scheduleGapFill(room);
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "could not fill a gap in the events of sheet " + room.sheetId, e);
            }
          },
          RoomOrder.GAP_NANOS / 1_000_000 + 10,
          TimeUnit.MILLISECONDS);
    }
  }

  /** Sends an event, in order, to everyone in the room: its author's connection gets it as an acknowledgement. */
  private static void deliver(Room room, long revision, String json, String author, String opId) {
    for (Connection connection : room.connections) {
      if (author != null && connection.id.equals(author)) {
        connection.event(revision, new ServerMessage.Ack(opId, revision, json).text());
      } else {
        connection.event(revision, json);
      }
    }
  }

  private static void sendToOthers(Room room, Connection from, ServerMessage message) {
    String text = message.text();
    for (Connection connection : room.connections) {
      if (connection != from) {
        connection.send(text);
      }
    }
  }

  /** Sessions ended here (logout, account disabled): their sockets close now, not at the next tick. */
  void sessionsEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) Sessions.SessionsEnded ended) {
    for (Room room : rooms.values()) {
      for (Connection connection : room.connections) {
        if ((ended.sessionId() != null && ended.sessionId().equals(connection.sessionId)) || (ended.userId() != null && ended.userId().equals(connection.userId))) {
          connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "session_ended");
        }
      }
    }
  }

  /** Expires presence and closes sockets that may no longer stay open. */
  void tick() {
    try {
      Instant now = clock.instant();
      for (Connection connection : unauthenticated) {
        if (connection.openedAt.plus(AUTH_TIMEOUT).isBefore(now)) {
          unauthenticated.remove(connection);
          connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "auth_timeout");
        }
      }
      var checked = new ArrayList<Connection>();
      long nanoTime = System.nanoTime();
      for (Room room : rooms.values()) {
        for (Presence.Entry gone : room.presence.expire()) {
          String text = new ServerMessage.UserLeft(gone).text();
          room.connections.forEach(c -> c.send(text));
        }
        for (Connection connection : room.connections) {
          if (connection.stalled(nanoTime)) {
            connection.dropSlow();
          } else if (connection.tokenExpires != null && connection.tokenExpires.isBefore(now)) {
            connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "token_expired");
          } else if (connection.sessionId != null) {
            checked.add(connection);
          }
        }
      }
      if (checked.isEmpty()) {
        return;
      }
      Set<String> alive = guard.alive(checked.stream().map(c -> c.sessionId).toList());
      for (Connection connection : checked) {
        if (!alive.contains(connection.sessionId)) {
          connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "session_ended");
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "socket maintenance failed; trying again in " + TICK_MILLIS + " ms", e);
    }
  }
}
