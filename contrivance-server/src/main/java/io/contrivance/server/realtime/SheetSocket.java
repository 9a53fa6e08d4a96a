package io.contrivance.server.realtime;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.Sheet;
import io.contrivance.core.collab.Presence;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.Violation;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.core.type.ParseResult;
import io.contrivance.server.auth.AccessTokens;
import io.contrivance.server.auth.SessionGuard;
import io.contrivance.server.sheet.ColumnJson;
import io.contrivance.server.sheet.EventJson;
import io.contrivance.server.sheet.JdbcSheetStore;
import io.contrivance.server.sheet.RowInput;
import io.contrivance.server.sheet.SheetRole;
import io.contrivance.server.sheet.Sheets;
import io.contrivance.server.user.Accounts;
import io.contrivance.server.web.ApiError;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Live editing of one sheet: {@code /ws/spreadsheet/{id}}. The protocol is in docs/realtime.md.
 *
 * <p>The token comes in the first message, never in the URL (URLs end up in logs). Until then the
 * socket can do nothing, and it is closed if the message does not come within {@link
 * Rooms#AUTH_TIMEOUT}. A browser's Origin must be the server's own or one of {@code
 * contrivance.cors.origins}. Anything else wrong with the connection itself (no access, bad token,
 * ended session) closes it with 1008 (policy violation) and a reason code; a message larger than
 * 64 KB closes it with 1009. A bad edit gets a {@code rejected} answer and the socket stays open.
 */
@ServerEndpoint(value = "/ws/spreadsheet/{id}", configurator = SheetSocket.Handshake.class)
public class SheetSocket {

  static final int MAX_MESSAGE = 64 * 1024;
  /** A sheet with at most this many rows comes whole in the snapshot; larger ones are read through REST. */
  static final int SNAPSHOT_ROWS = 2_000;
  /** ...and if their JSON stays under this many characters (well inside a socket's send queue). */
  static final int SNAPSHOT_CHARS = 2_000_000;
  /** Most missed events replayed; further behind, the client gets a snapshot. */
  static final int MAX_REPLAY = 1_000;

  private static final Logger LOG = Logger.getLogger(SheetSocket.class.getName());
  private static final String ORIGIN_ALLOWED = "contrivance.origin.allowed";
  private static final String CONNECTION = "contrivance.connection";

  // Looked up rather than injected: Liberty does not inject endpoints that have their own configurator.
  private final Rooms rooms = bean(Rooms.class);
  private final AccessTokens tokens = bean(AccessTokens.class);
  private final SessionGuard guard = bean(SessionGuard.class);
  private final Sheets sheets = bean(Sheets.class);
  private final JdbcSheetStore store = bean(JdbcSheetStore.class);
  private final Accounts accounts = bean(Accounts.class);
  private final Clock clock = bean(Clock.class);

  private static <T> T bean(Class<T> type) {
    return CDI.current().select(type).get();
  }

  /** Checks the Origin during the handshake, while its headers are at hand. */
  public static class Handshake extends ServerEndpointConfig.Configurator {
    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
      String origin = first(request.getHeaders(), "Origin");
      String host = first(request.getHeaders(), "Host");
      config.getUserProperties().put(ORIGIN_ALLOWED, originAllowed(origin, host));
    }

    private static String first(Map<String, List<String>> headers, String name) {
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
          return header.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** No Origin (not a browser), the server's own, or one configured for CORS. */
  static boolean originAllowed(String origin, String host) {
    if (origin == null) {
      return true;
    }
    Set<String> allowed =
        Arrays.stream(ConfigProvider.getConfig().getOptionalValue("contrivance.cors.origins", String.class).orElse("").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    if (allowed.contains(origin)) {
      return true;
    }
    try {
      URI uri = URI.create(origin);
      String authority = uri.getRawAuthority();
      return host != null && authority != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @OnOpen
  public void open(Session session, @PathParam("id") String sheetId, EndpointConfig config) {
    int rate = ConfigProvider.getConfig().getOptionalValue("contrivance.ws.ops.per.second", Integer.class).orElse(50);
    Connection connection = new Connection(session, sheetId, rate, clock.instant(), rooms.sender(), rooms.closer());
    session.getUserProperties().put(CONNECTION, connection);
    session.setMaxIdleTimeout(0);
    session.setMaxTextMessageBufferSize(MAX_MESSAGE);
    if (!Boolean.TRUE.equals(config.getUserProperties().get(ORIGIN_ALLOWED))) {
      connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "origin_not_allowed");
      return;
    }
    rooms.opened(connection);
  }

  @OnMessage(maxMessageSize = MAX_MESSAGE)
  public void message(Session session, String text) {
    Connection connection = (Connection) session.getUserProperties().get(CONNECTION);
    if (connection == null) {
      return;
    }
    if (text.length() > MAX_MESSAGE) {
      // The container should have refused it already; some buffer larger frames whole.
      connection.close(CloseReason.CloseCodes.TOO_BIG, "message_too_big");
      return;
    }
    JsonObject message;
    try (JsonReader reader = JSON.createReader(new StringReader(text))) {
      message = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      error(connection, null, "bad_message", "a message is one JSON object with a \"type\"");
      return;
    }
    String type = string(message, "type");
    String opId = string(message, "op_id");
    try {
      if ("auth".equals(type)) {
        auth(connection, message);
        return;
      }
      if (!connection.authenticated()) {
        connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "auth_required");
        return;
      }
      rooms.touch(connection);
      switch (type == null ? "" : type) {
        case "ping" -> connection.send("{\"type\":\"pong\"}");
        case "presence" -> presence(connection, message);
        case "update_cell", "update_cells", "insert_row", "delete_row", "move_row", "undo", "redo" -> edit(connection, type, opId, message);
        default -> error(connection, opId, "bad_message", "unknown message type " + JSON.createValue(type == null ? "" : type));
      }
    } catch (IllegalArgumentException e) {
      // An id that is not an id, a value of the wrong JSON kind: the message, not the server, is at fault.
      error(connection, opId, "bad_message", e.getMessage());
    }
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    Connection connection = (Connection) session.getUserProperties().get(CONNECTION);
    if (connection != null) {
      rooms.leave(connection);
    }
  }

  @OnError
  public void failed(Session session, Throwable error) {
    Connection connection = (Connection) session.getUserProperties().get(CONNECTION);
    if (connection != null && error.getClass().getSimpleName().contains("TooBig")) {
      connection.close(CloseReason.CloseCodes.TOO_BIG, "message_too_big");
      return;
    }
    LOG.log(Level.FINE, "socket error", error);
  }

  // ------------------------------------------------------------------ auth, snapshot, replay

  private void auth(Connection connection, JsonObject message) {
    Optional<AccessTokens.Verified> verified = tokens.verify(string(message, "token"));
    if (verified.isEmpty() || guard.check(verified.get().sessionId()).isEmpty()) {
      connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "invalid_token");
      return;
    }
    AccessTokens.Verified token = verified.get();
    if (connection.authenticated()) {
      // A fresh token for the same user keeps the socket open past the old token's expiry.
      if (!token.userId().equals(connection.userId)) {
        connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "user_changed");
        return;
      }
      connection.tokenExpires = token.expiresAt();
      connection.sessionId = token.sessionId();
      connection.send(JSON.createObjectBuilder().add("type", "auth_ok").add("expires_at", token.expiresAt().toString()).build().toString());
      return;
    }
    Optional<SheetRole> role = sheets.roleOf(token.userId(), connection.sheetId);
    if (role.isEmpty()) {
      connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "no_access");
      return;
    }
    connection.userId = token.userId();
    connection.sessionId = token.sessionId();
    connection.tokenExpires = token.expiresAt();
    connection.role = role.get();
    connection.name = accounts.name(token.userId()).orElse(token.email());

    Rooms.Room room;
    Sheet sheet;
    long revision;
    try {
      room = rooms.join(connection);
      sheet = sheets.workbook().open(SheetId.of(connection.sheetId)).orElseThrow();
      revision = sheet.revision();
    } catch (NoSuchElementException | IllegalStateException deleted) {
      // Deleted between the access check and joining.
      connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "no_access");
      return;
    }
    JsonValue last = message.get("last_revision");
    List<String> missed = null;
    if (last instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0 && n.longValue() <= revision && revision - n.longValue() <= MAX_REPLAY) {
      missed = store.loggedEvents(sheet.id(), n.longValue(), revision);
      if (missed.size() != revision - n.longValue()) {
        missed = null; // the log does not reach back that far
      }
    }
    JsonObjectBuilder you =
        JSON.createObjectBuilder()
            .add("user_id", connection.userId)
            .add("connection_id", connection.id)
            .add("role", connection.role.wire())
            .add("color", Presence.colorOf(connection.userId))
            .add("token_expires_at", connection.tokenExpires.toString());
    if (missed != null) {
      StringBuilder replay = new StringBuilder(256 + missed.stream().mapToInt(String::length).sum());
      replay.append("{\"type\":\"replay\",\"from_revision\":").append(((JsonNumber) last).longValue()).append(",\"revision\":").append(revision).append(",\"events\":[");
      for (int i = 0; i < missed.size(); i++) {
        replay.append(i > 0 ? "," : "").append(missed.get(i));
      }
      replay.append("],\"presence\":").append(Rooms.presenceList(room).build()).append(",\"you\":").append(you.build()).append('}');
      connection.send(replay.toString());
    } else {
      connection.send(snapshot(sheet, revision, room, you).toString());
    }
    connection.ready(revision);
  }

  private static JsonObject snapshot(Sheet sheet, long revision, Rooms.Room room, JsonObjectBuilder you) {
    SheetSchema schema = sheet.schema();
    JsonArrayBuilder columns = JSON.createArrayBuilder();
    schema.columns().forEach(c -> columns.add(ColumnJson.write(c)));
    long count = sheet.rowCount();
    JsonArrayBuilder rows = count <= SNAPSHOT_ROWS ? rows(sheet) : null;
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("type", "snapshot")
            .add("revision", revision)
            .add("sheet", JSON.createObjectBuilder().add("id", sheet.id().value()).add("name", schema.name()).add("description", schema.description()).add("columns", columns).add("row_count", count))
            .add("rows_included", rows != null)
            .add("presence", Rooms.presenceList(room))
            .add("you", you);
    if (rows != null) {
      json.add("rows", rows);
    }
    return json.build();
  }

  /** Every row, unless together they are too large to send in one message (then null: the client pages through REST). */
  private static JsonArrayBuilder rows(Sheet sheet) {
    JsonArrayBuilder rows = JSON.createArrayBuilder();
    long size = 0;
    for (var row : sheet.rows()) {
      JsonObject json = EventJson.row(row);
      size += json.toString().length();
      if (size > SNAPSHOT_CHARS) {
        return null;
      }
      rows.add(json);
    }
    return rows;
  }

  // ------------------------------------------------------------------ edits

  private void edit(Connection connection, String type, String opId, JsonObject message) {
    if (opId == null || opId.isBlank() || opId.length() > 100) {
      error(connection, null, "bad_message", "every edit needs an op_id of 1 to 100 characters");
      return;
    }
    // Sharing may have changed since the socket opened (cached for two seconds).
    Optional<SheetRole> current = sheets.roleOf(connection.userId, connection.sheetId);
    if (current.isEmpty()) {
      connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "no_access");
      return;
    }
    connection.role = current.get();
    if (!connection.role.atLeast(SheetRole.EDITOR)) {
      rejected(connection, opId, "no_permission", "viewers cannot edit this sheet", List.of());
      return;
    }
    if (!connection.ops.tryConsume(1)) {
      rejected(connection, opId, "rate_limited", "too many edits; slow down", List.of());
      return;
    }
    JsonValue base = message.get("base_revision");
    OptionalLong baseRevision = base instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0 ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    Sheet sheet = sheets.workbook().open(SheetId.of(connection.sheetId)).orElse(null);
    if (sheet == null) {
      connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "sheet_deleted");
      return;
    }
    Sheet as = sheet.as(new Origin(connection.userId, connection.id + "/" + opId, baseRevision));
    try {
      switch (type) {
        case "update_cell" -> {
          SheetSchema schema = sheet.schema();
          String column = string(message, "column_id");
          Optional<Column> target = column == null ? Optional.empty() : schema.column(ColumnId.of(column));
          if (target.isEmpty()) {
            rejected(connection, opId, "column_deleted", "the sheet has no column " + JSON.createValue(String.valueOf(column)), List.of());
            return;
          }
          Map<ColumnId, ParseResult> values = values(connection, opId, schema, JSON.createObjectBuilder().add(target.get().id().value(), orNull(message.get("value"))).build());
          if (values != null) {
            answer(connection, opId, as.updateRowParsed(rowId(message, "row_id"), values, OptionalLong.empty()));
          }
        }
        case "update_cells" -> {
          Map<RowId, Map<ColumnId, ParseResult>> cells = cells(connection, opId, sheet.schema(), message);
          if (cells != null) {
            EditResult<?> result = as.updateRowsParsed(cells);
            if (result instanceof EditResult.Rejected<?> rejected) {
              var details = new ArrayList<ApiError.Detail>();
              for (Violation v : rejected.problems()) {
                details.add(new ApiError.Detail(cellField(v.row().value(), v.column().value()), v.message(), v.code()));
              }
              rejected(connection, opId, "validation_failed", "the values break the sheet's rules; nothing was changed", details);
            } else {
              answer(connection, opId, result);
            }
          }
        }
        case "insert_row" -> {
          JsonValue data = message.containsKey("data") ? message.get("data") : JsonValue.EMPTY_JSON_OBJECT;
          Map<ColumnId, ParseResult> values = values(connection, opId, sheet.schema(), data);
          if (values != null) {
            String newRow = string(message, "row_id");
            answer(connection, opId, as.insertRowParsed(optionalRowId(message, "after_row_id"), newRow == null ? null : RowId.of(newRow), values));
          }
        }
        case "delete_row" -> answer(connection, opId, as.deleteRow(rowId(message, "row_id")));
        case "move_row" -> answer(connection, opId, as.moveRowAfter(rowId(message, "row_id"), optionalRowId(message, "after_row_id")));
        case "undo" -> answer(connection, opId, as.undo());
        case "redo" -> answer(connection, opId, as.redo());
        default -> throw new IllegalStateException(type);
      }
    } catch (InvalidDefinitionException e) {
      rejected(connection, opId, "invalid", e.getMessage(), List.of());
    } catch (IllegalArgumentException e) {
      rejected(connection, opId, "invalid", e.getMessage(), List.of());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "an edit of sheet " + connection.sheetId + " failed", e);
      rejected(connection, opId, "unavailable", "the edit could not be stored; try again", List.of());
    }
  }

  /** The most cells one {@code update_cells} may set (a paste of 1,000 rows by 10 columns). */
  static final int MAX_CELLS = 10_000;

  /**
   * The cells of an {@code update_cells} message by row: {@code "cells": [{"row_id", "column_id",
   * "value"}, ...]}. Values are read by each column's type; a cell that cannot be read is named
   * ({@code cells.<row id>.<column id>}) by the core in one refusal with every rule the edit breaks.
   */
  private Map<RowId, Map<ColumnId, ParseResult>> cells(Connection connection, String opId, SheetSchema schema, JsonObject message) {
    if (!(message.get("cells") instanceof JsonArray list) || list.isEmpty() || list.size() > MAX_CELLS) {
      rejected(connection, opId, "invalid", "cells must be an array of 1 to " + MAX_CELLS + " {row_id, column_id, value}", List.of());
      return null;
    }
    Map<RowId, JsonObjectBuilder> byRow = new LinkedHashMap<>();
    for (JsonValue item : list) {
      String row = item instanceof JsonObject cell ? string(cell, "row_id") : null;
      String column = item instanceof JsonObject cell ? string(cell, "column_id") : null;
      if (row == null || column == null) {
        rejected(connection, opId, "invalid", "every cell needs a row_id and a column_id", List.of());
        return null;
      }
      byRow.computeIfAbsent(RowId.of(row), id -> JSON.createObjectBuilder()).add(column, orNull(item.asJsonObject().get("value")));
    }
    List<ApiError.Detail> problems = new ArrayList<>();
    Map<RowId, Map<ColumnId, ParseResult>> cells = new LinkedHashMap<>();
    byRow.forEach((row, data) -> cells.put(row, RowInput.read(schema, data.build(), "cells." + row.value() + ".", problems)));
    if (!problems.isEmpty()) {
      rejected(connection, opId, "validation_failed", "some values are not valid for their columns; nothing was changed", problems);
      return null;
    }
    return cells;
  }

  private static String cellField(String row, String column) {
    return "cells." + row + "." + column;
  }

  private Map<ColumnId, ParseResult> values(Connection connection, String opId, SheetSchema schema, JsonValue data) {
    List<ApiError.Detail> problems = new ArrayList<>();
    Map<ColumnId, ParseResult> values = RowInput.read(schema, data, "data.", problems);
    if (!problems.isEmpty()) {
      rejected(connection, opId, "validation_failed", "some values are not valid for their columns", problems);
      return null;
    }
    return values;
  }

  /** Answers an edit that was not acknowledged with its event (refused, or applied without a change). */
  private void answer(Connection connection, String opId, EditResult<?> result) {
    if (result instanceof EditResult.Applied<?> applied) {
      if (!connection.acked.remove(opId)) {
        connection.send(JSON.createObjectBuilder().add("type", "ack").add("op_id", opId).add("revision", applied.revision()).add("unchanged", true).build().toString());
      }
    } else if (result instanceof EditResult.Rejected<?> rejected) {
      var details = new ArrayList<ApiError.Detail>();
      for (Violation v : rejected.problems()) {
        details.add(new ApiError.Detail("data." + v.column().value(), v.message(), v.code()));
      }
      rejected(connection, opId, "validation_failed", "the values break the sheet's rules", details);
    } else if (result instanceof EditResult.NotFound<?>) {
      rejected(connection, opId, "row_deleted", "the row does not exist (it may have been deleted)", List.of());
    } else if (result instanceof EditResult.Conflict<?> conflict) {
      connection.send(
          JSON.createObjectBuilder()
              .add("type", "conflict")
              .add("op_id", opId)
              .add("reason", "concurrent_edit")
              .add("message", "someone changed this since you saw it; here is the row now")
              .add("row", EventJson.row(conflict.current()))
              .build()
              .toString());
    } else if (result instanceof EditResult.Refused<?> refused) {
      rejected(connection, opId, refused.code(), refused.message(), List.of());
    }
  }

  private static void rejected(Connection connection, String opId, String reason, String message, List<ApiError.Detail> details) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    for (ApiError.Detail d : details) {
      JsonObjectBuilder detail = JSON.createObjectBuilder().add("field", d.field()).add("message", d.message());
      if (d.code() != null) {
        detail.add("code", d.code());
      }
      array.add(detail);
    }
    JsonObjectBuilder json = JSON.createObjectBuilder().add("type", "rejected").add("reason", reason).add("message", message).add("details", array);
    if (opId != null) {
      json.add("op_id", opId);
    }
    connection.send(json.build().toString());
  }

  private static void error(Connection connection, String opId, String code, String message) {
    JsonObjectBuilder json = JSON.createObjectBuilder().add("type", "error").add("code", code).add("message", message == null ? code : message);
    if (opId != null) {
      json.add("op_id", opId);
    }
    connection.send(json.build().toString());
  }

  // ------------------------------------------------------------------ presence

  private void presence(Connection connection, JsonObject message) {
    Optional<Presence.Range> selection = Optional.empty();
    if (message.get("selection") instanceof JsonObject range) {
      RowId from = rowId(range, "from_row");
      ColumnId fromColumn = ColumnId.of(required(range, "from_column"));
      RowId to = range.containsKey("to_row") ? rowId(range, "to_row") : from;
      ColumnId toColumn = range.containsKey("to_column") ? ColumnId.of(required(range, "to_column")) : fromColumn;
      selection = Optional.of(new Presence.Range(from, fromColumn, to, toColumn));
    }
    rooms.presence(connection, selection, message.getBoolean("editing", false));
  }

  // ------------------------------------------------------------------ reading messages

  private static String string(JsonObject json, String key) {
    return json.get(key) instanceof JsonString s ? s.getString() : null;
  }

  private static String required(JsonObject json, String key) {
    String value = string(json, key);
    if (value == null) {
      throw new IllegalArgumentException(key + " is required");
    }
    return value;
  }

  private static RowId rowId(JsonObject json, String key) {
    return RowId.of(required(json, key));
  }

  private static RowId optionalRowId(JsonObject json, String key) {
    String value = string(json, key);
    return value == null ? null : RowId.of(value);
  }

  private static JsonValue orNull(JsonValue value) {
    return value == null ? JsonValue.NULL : value;
  }
}
