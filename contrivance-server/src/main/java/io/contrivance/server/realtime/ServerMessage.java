package io.contrivance.server.realtime;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.collab.Presence;
import io.contrivance.server.web.ApiError;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;

/**
 * What the server sends on the socket (docs/realtime.md), each message a record and all of them
 * written to JSON here. Sheet events are the exception: they are written once per commit by {@code
 * EventJson}, shared by every socket and instance, and carried here as finished JSON text.
 */
sealed interface ServerMessage {

  /** The message as the JSON text that goes on the wire. */
  String text();

  record Pong() implements ServerMessage {
    @Override
    public String text() {
      return "{\"type\":\"pong\"}";
    }
  }

  /** A fresh token was accepted; the socket may stay open until it expires. */
  record AuthOk(Instant expiresAt) implements ServerMessage {
    @Override
    public String text() {
      return JSON.createObjectBuilder().add("type", "auth_ok").add("expires_at", expiresAt.toString()).build().toString();
    }
  }

  /** Who the connection is, sent with the snapshot or the replay. */
  record You(String userId, String connectionId, String role, String color, Instant tokenExpiresAt) {
    JsonObject json() {
      return JSON.createObjectBuilder()
          .add("user_id", userId)
          .add("connection_id", connectionId)
          .add("role", role)
          .add("color", color)
          .add("token_expires_at", tokenExpiresAt.toString())
          .build();
    }
  }

  /** The sheet as of a revision; {@code rows} is null when the client must page through REST. */
  record Snapshot(long revision, JsonObject sheet, JsonArray rows, List<Presence.Entry> presence, You you) implements ServerMessage {
    @Override
    public String text() {
      JsonObjectBuilder json =
          JSON.createObjectBuilder()
              .add("type", "snapshot")
              .add("revision", revision)
              .add("sheet", sheet)
              .add("rows_included", rows != null)
              .add("presence", entriesJson(presence))
              .add("you", you.json());
      if (rows != null) {
        json.add("rows", rows);
      }
      return json.build().toString();
    }
  }

  /** The events a reconnecting client missed, each as its JSON text. */
  record Replay(long fromRevision, long revision, List<String> events, List<Presence.Entry> presence, You you) implements ServerMessage {
    @Override
    public String text() {
      StringBuilder text = new StringBuilder(256 + events.stream().mapToInt(String::length).sum());
      text.append("{\"type\":\"replay\",\"from_revision\":").append(fromRevision).append(",\"revision\":").append(revision).append(",\"events\":[");
      for (int i = 0; i < events.size(); i++) {
        text.append(i > 0 ? "," : "").append(events.get(i));
      }
      return text.append("],\"presence\":").append(entriesJson(presence).build()).append(",\"you\":").append(you.json()).append('}').toString();
    }
  }

  /** An edit applied: with its event, or {@code unchanged} when it changed nothing (null event). */
  record Ack(String opId, long revision, String eventJson) implements ServerMessage {
    @Override
    public String text() {
      String head = "{\"type\":\"ack\",\"op_id\":" + JSON.createValue(opId) + ",\"revision\":" + revision;
      return head + (eventJson == null ? ",\"unchanged\":true}" : ",\"event\":" + eventJson + "}");
    }
  }

  /** An edit refused; nothing changed. */
  record Rejected(String opId, String reason, String message, List<ApiError.Detail> details) implements ServerMessage {
    Rejected(String opId, String reason, String message) {
      this(opId, reason, message, List.of());
    }

    @Override
    public String text() {
      JsonObjectBuilder json = JSON.createObjectBuilder().add("type", "rejected").add("reason", reason).add("message", message).add("details", detailsJson(details));
      if (opId != null) {
        json.add("op_id", opId);
      }
      return json.build().toString();
    }
  }

  /** Someone changed the row since the sender saw it: here is the row now. */
  record Conflict(String opId, JsonObject row) implements ServerMessage {
    @Override
    public String text() {
      return JSON.createObjectBuilder()
          .add("type", "conflict")
          .add("op_id", opId)
          .add("reason", "concurrent_edit")
          .add("message", "someone changed this since you saw it; here is the row now")
          .add("row", row)
          .build()
          .toString();
    }
  }

  /** A message that could not be read (not an edit: those are rejected). */
  record Error(String code, String message, List<ApiError.Detail> details) implements ServerMessage {
    @Override
    public String text() {
      JsonObjectBuilder json = JSON.createObjectBuilder().add("type", "error").add("code", code).add("message", message);
      if (!details.isEmpty()) {
        json.add("details", detailsJson(details));
      }
      return json.build().toString();
    }
  }

  /** Selection changes of a room, gathered over a short interval. */
  record PresenceChanges(List<Presence.Entry> entries) implements ServerMessage {
    @Override
    public String text() {
      return JSON.createObjectBuilder().add("type", "presence").add("entries", entriesJson(entries)).build().toString();
    }
  }

  record UserJoined(Presence.Entry entry) implements ServerMessage {
    @Override
    public String text() {
      return entryJson(JSON.createObjectBuilder().add("type", "user_joined"), entry).build().toString();
    }
  }

  record UserLeft(Presence.Entry entry) implements ServerMessage {
    @Override
    public String text() {
      return entryJson(JSON.createObjectBuilder().add("type", "user_left"), entry).build().toString();
    }
  }

  private static JsonArrayBuilder entriesJson(List<Presence.Entry> entries) {
    JsonArrayBuilder list = JSON.createArrayBuilder();
    entries.forEach(e -> list.add(entryJson(JSON.createObjectBuilder(), e)));
    return list;
  }

  private static JsonObjectBuilder entryJson(JsonObjectBuilder json, Presence.Entry entry) {
    json.add("connection_id", entry.connection()).add("user_id", entry.user()).add("name", entry.name()).add("color", entry.color()).add("editing", entry.editing());
    entry.selection()
        .ifPresentOrElse(
            r -> json.add("selection", JSON.createObjectBuilder().add("from_row", r.fromRow().value()).add("from_column", r.fromColumn().value()).add("to_row", r.toRow().value()).add("to_column", r.toColumn().value())),
            () -> json.addNull("selection"));
    return json;
  }

  private static JsonArrayBuilder detailsJson(List<ApiError.Detail> details) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    for (ApiError.Detail d : details) {
      JsonObjectBuilder detail = JSON.createObjectBuilder().add("field", d.field()).add("message", d.message());
      if (d.code() != null) {
        detail.add("code", d.code());
      }
      array.add(detail);
    }
    return array;
  }
}
