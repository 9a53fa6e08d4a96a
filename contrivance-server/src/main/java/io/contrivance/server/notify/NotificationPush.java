package io.contrivance.server.notify;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.server.realtime.Rooms;
import io.contrivance.server.realtime.UserMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open notification sockets of this instance, by user, and the push of each new notification
 * to its user's sockets, on this instance and the others (through the sheet events' Kafka topic),
 * once the transaction that stored it has committed.
 */
@ApplicationScoped
public class NotificationPush {

  private static final Logger LOG = Logger.getLogger(NotificationPush.class.getName());

  @Inject Notifications notifications;
  @Inject Rooms rooms;

  private final Map<String, Set<Session>> sockets = new ConcurrentHashMap<>();

  void add(String userId, Session session) {
    sockets.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(session);
  }

  void remove(String userId, Session session) {
    sockets.computeIfPresent(userId, (k, set) -> {
      set.remove(session);
      return set.isEmpty() ? null : set;
    });
  }

  /** After commit (or at once when there was no transaction): to the user's sockets on every instance. */
  void told(@Observes(during = TransactionPhase.AFTER_SUCCESS) Notifications.Told told) {
    String message;
    try {
      message =
          JSON.createObjectBuilder()
              .add("type", "notification:new")
              .add("notification", json(told.notification()))
              .add("unread_count", notifications.unreadCount(told.userId()))
              .build()
              .toString();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not push a notification", e);
      return;
    }
    rooms.toUser(told.userId(), message);
  }

  /** A message for a user, from this instance or another: to their sockets here. */
  void deliver(@Observes UserMessage message) {
    Set<Session> open = sockets.get(message.userId());
    if (open != null) {
      for (Session session : open) {
        NotificationSocket.send(session, message.json());
      }
    }
  }

  /** The notification as the REST API shows it. */
  static JsonObject json(Notifications.Stored n) {
    JsonObjectBuilder b = JSON.createObjectBuilder().add("id", n.id()).add("category", n.category()).add("title", n.title()).add("body", n.body());
    add(b, "link", n.link());
    add(b, "sheet_id", n.sheetId());
    add(b, "actor_id", n.actorId());
    b.add("created_at", n.createdAt().toString());
    add(b, "read_at", n.readAt() == null ? null : n.readAt().toString());
    return b.add("read", n.read()).build();
  }

  private static void add(JsonObjectBuilder b, String name, String value) {
    if (value == null) {
      b.addNull(name);
    } else {
      b.add(name, value);
    }
  }
}
