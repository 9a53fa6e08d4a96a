package io.contrivance.server.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) on a sheet, collecting what the server sends. */
final class Socket implements WebSocket.Listener, AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final LinkedBlockingDeque<JsonObject> messages = new LinkedBlockingDeque<>();
  private final List<JsonObject> skipped = new ArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;
  private volatile boolean paused;
  private volatile boolean owed;

  /** Opens a socket on a sheet; {@code origin} may be null (not a browser). */
  static Socket open(String sheetId, String origin) {
    return open(Api.BASE, sheetId, origin);
  }

  /** Opens a socket on a sheet at the server at {@code base} (another instance). */
  static Socket open(String base, String sheetId, String origin) {
    return openPath(base, "/ws/spreadsheet/" + sheetId, origin);
  }

  /** Opens a socket on any endpoint of the server at {@code base}, e.g. {@code /ws/notifications}. */
  static Socket openPath(String base, String path, String origin) {
    Socket listener = new Socket();
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (origin != null) {
      builder.header("Origin", origin);
    }
    listener.socket = builder.buildAsync(URI.create(base.replaceFirst("^http", "ws") + path), listener).join();
    return listener;
  }

  /** Opens a socket and authenticates; returns once the snapshot (or replay) arrived. */
  static Socket join(String sheetId, String token) {
    return join(Api.BASE, sheetId, token);
  }

  /** Joins a sheet at the server at {@code base} (another instance). */
  static Socket join(String base, String sheetId, String token) {
    Socket socket = open(base, sheetId, null);
    socket.send(Api.json("type", "auth", "token", token));
    socket.next("snapshot", "replay");
    return socket;
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  /** The next message of one of the types (others are kept aside), within five seconds. */
  JsonObject next(String... types) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      for (JsonObject m : skipped) {
        if (List.of(types).contains(m.getString("type"))) {
          skipped.remove(m);
          return m;
        }
      }
      long left = deadline - System.nanoTime();
      JsonObject m;
      try {
        m = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (m == null) {
        throw new AssertionError("no " + List.of(types) + " within 5 s; got " + skipped + (closed.isDone() ? ", closed with " + closed.join() : ""));
      }
      if (List.of(types).contains(m.getString("type"))) {
        return m;
      }
      skipped.add(m);
    }
  }

  /** Whether a message of the type arrives within the time. */
  boolean receives(String type, Duration within) {
    try {
      long deadline = System.nanoTime() + within.toNanos();
      while (System.nanoTime() < deadline) {
        JsonObject m = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (m != null && m.getString("type").equals(type)) {
          return true;
        }
        if (m != null) {
          skipped.add(m);
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether the server closed the socket (or it failed). */
  boolean isClosed() {
    return closed.isDone();
  }

  /** The close code the server sent, waiting up to the given time. */
  int closeCode(Duration within) {
    try {
      return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the socket was not closed within " + within, e);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try (JsonReader reader = Json.createReader(new StringReader(partial.toString()))) {
        messages.add(reader.readObject());
      }
      partial.setLength(0);
    }
    if (paused) {
      owed = true;
    } else {
      webSocket.request(1);
    }
    return null;
  }

  /** Stops reading (a client that hangs): the server's messages pile up on the way. */
  void pause() {
    paused = true;
  }

  /** Reads again. */
  void resume() {
    paused = false;
    if (owed) {
      owed = false;
      socket.request(1);
    }
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(-1);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
  }
}
