package io.contrivance.server.notify;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.server.auth.AccessTokens;
import io.contrivance.server.auth.SessionGuard;
import io.contrivance.server.realtime.SheetSocket;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A user's live notifications: {@code /ws/notifications}. As for sheets, the token comes in the
 * first message ({@code {"type":"auth","token":…}}, again before it expires to keep the socket
 * open), never in the URL; the answer is {@code {"type":"ready","unread_count":n}}, and from then
 * on each new notification arrives as {@code {"type":"notification:new","notification":{…},
 * "unread_count":n}}. {@code {"type":"ping"}} answers {@code {"type":"pong"}}. A socket that has not
 * authenticated within 10 seconds, or sends a bad token, is closed with 1008.
 */
@ServerEndpoint(value = "/ws/notifications", configurator = SheetSocket.Handshake.class)
public class NotificationSocket {

  private static final String USER = "contrivance.notify.user";
  private static final ScheduledExecutorService TIMEOUTS =
      Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "contrivance-notify-auth-timeout");
        thread.setDaemon(true);
        return thread;
      });

  private final NotificationPush push = bean(NotificationPush.class);
  private final Notifications notifications = bean(Notifications.class);
  private final AccessTokens tokens = bean(AccessTokens.class);
  private final SessionGuard guard = bean(SessionGuard.class);

  private static <T> T bean(Class<T> type) {
    return CDI.current().select(type).get();
  }

  @OnOpen
  public void open(Session session, EndpointConfig config) {
    session.setMaxIdleTimeout(0);
    session.setMaxTextMessageBufferSize(16 * 1024);
    if (!Boolean.TRUE.equals(config.getUserProperties().get(SheetSocket.ORIGIN_ALLOWED))) {
      close(session, "origin_not_allowed");
      return;
    }
    TIMEOUTS.schedule(() -> {
      if (session.isOpen() && !session.getUserProperties().containsKey(USER)) {
        close(session, "auth_timeout");
      }
    }, 10, TimeUnit.SECONDS);
  }

  @OnMessage(maxMessageSize = 16 * 1024)
  public void message(Session session, String text) {
    JsonObject message;
    try {
      message = JSON.createReader(new StringReader(text)).readObject();
    } catch (JsonException | IllegalStateException e) {
      send(session, JSON.createObjectBuilder().add("type", "error").add("code", "bad_message").add("message", "not a JSON object").build());
      return;
    }
    String type = message.get("type") instanceof JsonString s ? s.getString() : "";
    String user = (String) session.getUserProperties().get(USER);
    if (type.equals("auth")) {
      String token = message.get("token") instanceof JsonString s ? s.getString() : "";
      Optional<AccessTokens.Verified> verified = tokens.verify(token);
      if (verified.isEmpty() || guard.check(verified.get().sessionId()).isEmpty() || (user != null && !user.equals(verified.get().userId()))) {
        close(session, user == null ? "invalid_token" : "user_changed");
        return;
      }
      if (user == null) {
        session.getUserProperties().put(USER, verified.get().userId());
        push.add(verified.get().userId(), session);
      }
      send(session, JSON.createObjectBuilder().add("type", "ready").add("unread_count", notifications.unreadCount(verified.get().userId())).build());
    } else if (user == null) {
      close(session, "auth_required");
    } else if (type.equals("ping")) {
      send(session, JSON.createObjectBuilder().add("type", "pong").build());
    } else {
      send(session, JSON.createObjectBuilder().add("type", "error").add("code", "bad_message").add("message", "unknown message type '" + type + "'").build());
    }
  }

  @OnClose
  public void closed(Session session, CloseReason reason) {
    Object user = session.getUserProperties().get(USER);
    if (user != null) {
      push.remove((String) user, session);
    }
  }

  private static void send(Session session, JsonObject message) {
    send(session, message.toString());
  }

  /** One message at a time per socket (a container may refuse overlapping sends). */
  static void send(Session session, String text) {
    synchronized (session) {
      if (session.isOpen()) {
        try {
          session.getBasicRemote().sendText(text);
        } catch (IOException | IllegalStateException e) {
          // closing: its close handler forgets it
        }
      }
    }
  }

  private static void close(Session session, String reason) {
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, reason));
    } catch (IOException e) {
      // gone already
    }
  }
}
