package io.contrivance.server.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * A client of the integration-test server (started by the build, see contrivance-server/pom.xml).
 * Waits for readiness once, and registers the first account, which therefore is the admin.
 */
final class Api {

  static final String BASE = System.getProperty("it.base.url", "http://127.0.0.1:9181");
  /** The database the server under test started (its embedded PostgreSQL). */
  private static final String DATABASE = System.getProperty("it.db.url", "jdbc:postgresql://127.0.0.1:15433/postgres?user=postgres");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static Session admin;

  private Api() {}

  /** A response: status, headers and the parsed JSON body (or null). */
  record Reply(int status, HttpResponse<String> raw, JsonObject json) {
    JsonObject data() {
      return json.getJsonObject("data");
    }

    String errorCode() {
      return json.getJsonObject("error").getString("code");
    }

    @Override
    public String toString() {
      return status + " " + raw.body();
    }
  }

  /** Someone signed in. */
  record Session(String email, String password, String id, String accessToken, String refreshToken) {}

  /** The admin of the test server: its first account. The browser tests sign in as it too (e2e/support.ts). */
  static final String ADMIN_EMAIL = "admin@it.example.com";

  static final String ADMIN_PASSWORD = "a long enough secret";

  static synchronized Session admin() {
    if (admin == null) {
      awaitReady();
      Reply registered = post("/api/auth/register", null, json("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD, "name", "Admin of the tests"));
      Reply signedIn = registered.status() == 201 ? registered : post("/api/auth/login", null, json("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
      if (signedIn.status() != 200 && signedIn.status() != 201) {
        throw new IllegalStateException("the tests' admin cannot sign in: " + signedIn);
      }
      admin = session(ADMIN_EMAIL, ADMIN_PASSWORD, signedIn.data());
      if (!get("/api/auth/validate", admin.accessToken()).data().getString("role").equals("admin")) {
        throw new IllegalStateException("the first account of a fresh server should be the admin; is the database fresh?");
      }
    }
    return admin;
  }

  /** A new user with a random email, signed in. */
  static Session newUser() {
    admin();
    return register("user-" + UUID.randomUUID() + "@it.example.com", "Test User");
  }

  static Session register(String email, String name) {
    String password = "Pw-" + UUID.randomUUID();
    Reply reply = post("/api/auth/register", null, json("email", email, "password", password, "name", name));
    if (reply.status() != 201) {
      throw new IllegalStateException("registration failed: " + reply);
    }
    return session(email, password, reply.data());
  }

  static Session session(String email, String password, JsonObject tokens) {
    return new Session(email, password, tokens.getJsonObject("user").getString("id"), tokens.getString("access_token"), tokens.getString("refresh_token"));
  }

  static Reply get(String path, String token) {
    return send("GET", path, token, null);
  }

  static Reply post(String path, String token, String body) {
    return send("POST", path, token, body);
  }

  static Reply put(String path, String token, String body) {
    return send("PUT", path, token, body);
  }

  static Reply patch(String path, String token, String body) {
    return send("PATCH", path, token, body);
  }

  static Reply delete(String path, String token) {
    return send("DELETE", path, token, null);
  }

  /** Sends raw bytes (a file upload) with the given content type. */
  static Reply upload(String path, String token, String contentType, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : BASE + path)).timeout(Duration.ofSeconds(60)).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return exchange(request);
  }

  /** Sends one file as the multipart/form-data field {@code field}, as a browser form would. */
  static Reply uploadForm(String path, String token, String field, String fileName, byte[] file) {
    String boundary = "----contrivance-it-" + UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + file.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(file, 0, body, head.length, file.length);
    System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
    return upload(path, token, "multipart/form-data; boundary=" + boundary, body);
  }

  static Reply send(String method, String path, String token, String body) {
    HttpRequest.Builder request =
        // A path on the server under test, or a whole address (another instance).
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : BASE + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return exchange(request);
  }

  private static Reply exchange(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonObject parsed = null;
      String text = response.body();
      if (text != null && text.startsWith("{")) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
          parsed = reader.readObject();
        }
      }
      return new Reply(response.statusCode(), response, parsed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A JSON object from alternating names and values (strings, numbers, booleans, JsonValues, null). */
  static String json(Object... namesAndValues) {
    var builder = Json.createObjectBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = (String) namesAndValues[i];
      Object value = namesAndValues[i + 1];
      if (value == null) {
        builder.addNull(name);
      } else if (value instanceof String s) {
        builder.add(name, s);
      } else if (value instanceof Integer n) {
        builder.add(name, n);
      } else if (value instanceof Long n) {
        builder.add(name, n);
      } else if (value instanceof Boolean b) {
        builder.add(name, b);
      } else if (value instanceof JsonValue v) {
        builder.add(name, v);
      } else {
        throw new IllegalArgumentException("unsupported " + value.getClass());
      }
    }
    return builder.build().toString();
  }

  /** Polls readiness: the server was started by the build but may still be deploying. */
  /** A connection to the server's database, for checking what it stored or how it set itself up. */
  static Connection database() throws SQLException {
    return DriverManager.getConnection(DATABASE);
  }

  static void awaitReady() {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (get("/health/ready", null).status() == 200) {
          return;
        }
      } catch (RuntimeException e) {
        // not listening yet
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("the integration-test server at " + BASE + " did not become ready");
  }

  /** Waits past the per-instance session cache, so that revocations are visible. */
  static void awaitSessionCache() {
    try {
      Thread.sleep(2_300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A column of the email job of the user's notification (the tests send one notification to each new user), or null. */
  static Object emailJob(Session user, String column) {
    try (Connection db = database();
        PreparedStatement ps = db.prepareStatement("select j." + column + " from jobs j join notifications n on j.payload = n.id where n.user_id = ? and j.kind = 'notify.email'")) {
      ps.setString(1, user.id());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
