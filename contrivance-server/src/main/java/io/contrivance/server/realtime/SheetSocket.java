package io.contrivance.server.realtime;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.Sheet;
import io.contrivance.core.collab.Presence;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.Violation;
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
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
  /** Set by {@link Handshake}: whether the connecting page may use sockets of this server. */
  public static final String ORIGIN_ALLOWED = "contrivance.origin.allowed";
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
  public static boolean originAllowed(String origin, String host) {
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
    ClientMessage message;
    try {
      message = ClientMessage.decode(text);
    } catch (ClientMessage.Malformed malformed) {
      if (malformed.type != null && !"auth".equals(malformed.type) && !connection.authenticated()) {
        connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "auth_required");
      } else if (malformed.isEdit()) {
        connection.send(new ServerMessage.Rejected(malformed.opId, "invalid", malformed.getMessage(), malformed.details));
      } else {
        connection.send(new ServerMessage.Error("bad_message", malformed.getMessage(), malformed.details));
      }
      return;
    }
    if (message instanceof ClientMessage.Auth auth) {
      auth(connection, auth);
      return;
    }
    if (!connection.authenticated()) {
      connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "auth_required");
      return;
    }
    rooms.touch(connection);
    if (message instanceof ClientMessage.Ping) {
      connection.send(new ServerMessage.Pong());
    } else if (message instanceof ClientMessage.PresenceUpdate presence) {
      rooms.presence(connection, presence.selection(), presence.editing());
    } else if (message instanceof ClientMessage.Edit edit) {
      edit(connection, edit);
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

  private void auth(Connection connection, ClientMessage.Auth message) {
    Optional<AccessTokens.Verified> verified = tokens.verify(message.token());
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
      connection.send(new ServerMessage.AuthOk(token.expiresAt()));
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
    OptionalLong last = message.lastRevision();
    List<String> missed = null;
    if (last.isPresent() && last.getAsLong() <= revision && revision - last.getAsLong() <= MAX_REPLAY) {
      missed = store.loggedEvents(sheet.id(), last.getAsLong(), revision);
      if (missed.size() != revision - last.getAsLong()) {
        missed = null; // the log does not reach back that far
      }
    }
    var you = new ServerMessage.You(connection.userId, connection.id, connection.role.wire(), Presence.colorOf(connection.userId), connection.tokenExpires);
    List<Presence.Entry> presence = room.presence.entries();
    if (missed != null) {
      connection.send(new ServerMessage.Replay(last.getAsLong(), revision, missed, presence, you));
    } else {
      connection.send(snapshot(sheet, revision, presence, you));
    }
    connection.ready(revision);
  }

  private static ServerMessage.Snapshot snapshot(Sheet sheet, long revision, List<Presence.Entry> presence, ServerMessage.You you) {
    SheetSchema schema = sheet.schema();
    JsonArrayBuilder columns = JSON.createArrayBuilder();
    schema.columns().forEach(c -> columns.add(ColumnJson.write(c)));
    long count = sheet.rowCount();
    JsonArray rows = count <= SNAPSHOT_ROWS ? rows(sheet) : null;
    JsonObject about = JSON.createObjectBuilder().add("id", sheet.id().value()).add("name", schema.name()).add("description", schema.description()).add("columns", columns).add("row_count", count).build();
    return new ServerMessage.Snapshot(revision, about, rows, presence, you);
  }

  /** Every row, unless together they are too large to send in one message (then null: the client pages through REST). */
  private static JsonArray rows(Sheet sheet) {
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
    return rows.build();
  }

  // ------------------------------------------------------------------ edits

  private void edit(Connection connection, ClientMessage.Edit edit) {
    String opId = edit.opId();
    // Sharing may have changed since the socket opened (cached for two seconds).
    Optional<SheetRole> current = sheets.roleOf(connection.userId, connection.sheetId);
    if (current.isEmpty()) {
      connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "no_access");
      return;
    }
    connection.role = current.get();
    if (!connection.role.atLeast(SheetRole.EDITOR)) {
      connection.send(new ServerMessage.Rejected(opId, "no_permission", "viewers cannot edit this sheet"));
      return;
    }
    if (!connection.ops.tryConsume(1)) {
      connection.send(new ServerMessage.Rejected(opId, "rate_limited", "too many edits; slow down"));
      return;
    }
    Sheet sheet = sheets.workbook().open(SheetId.of(connection.sheetId)).orElse(null);
    if (sheet == null) {
      connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, "sheet_deleted");
      return;
    }
    Sheet as = sheet.as(new Origin(connection.userId, connection.id + "/" + opId, edit.baseRevision()));
    ServerMessage answer;
    try {
      answer = apply(as, sheet.schema(), edit);
    } catch (IllegalArgumentException e) { // InvalidDefinitionException among them
      answer = new ServerMessage.Rejected(opId, "invalid", e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "an edit of sheet " + connection.sheetId + " failed", e);
      answer = new ServerMessage.Rejected(opId, "unavailable", "the edit could not be stored; try again");
    }
    if (answer != null && !(answer instanceof ServerMessage.Ack && connection.acked.remove(opId))) {
      connection.send(answer);
    }
  }

  /**
   * Applies an edit; the answer for its author, unless the edit's own event is the answer (then an
   * {@code unchanged} ack, which the caller drops once the event went out as the acknowledgement).
   */
  private static ServerMessage apply(Sheet as, SheetSchema schema, ClientMessage.Edit edit) {
    String opId = edit.opId();
    List<ApiError.Detail> problems = new ArrayList<>();
    if (edit instanceof ClientMessage.UpdateCell cell) {
      if (schema.column(cell.column()).isEmpty()) {
        return new ServerMessage.Rejected(opId, "column_deleted", "the sheet has no column " + JSON.createValue(cell.column().value()));
      }
      Map<ColumnId, ParseResult> values = RowInput.read(schema, JSON.createObjectBuilder().add(cell.column().value(), cell.value()).build(), "data.", problems);
      return problems.isEmpty() ? answer(opId, as.updateRowParsed(cell.row(), values, OptionalLong.empty())) : invalidValues(opId, problems);
    } else if (edit instanceof ClientMessage.UpdateCells update) {
      Map<RowId, JsonObjectBuilder> byRow = new LinkedHashMap<>();
      update.cells().forEach(c -> byRow.computeIfAbsent(c.row(), id -> JSON.createObjectBuilder()).add(c.column().value(), c.value()));
      Map<RowId, Map<ColumnId, ParseResult>> cells = new LinkedHashMap<>();
      // A cell that cannot be read is named cells.<row id>.<column id>, as the core names the rules a paste breaks.
      byRow.forEach((row, data) -> cells.put(row, RowInput.read(schema, data.build(), "cells." + row.value() + ".", problems)));
      if (!problems.isEmpty()) {
        return new ServerMessage.Rejected(opId, "validation_failed", "some values are not valid for their columns; nothing was changed", problems);
      }
      EditResult<?> result = as.updateRowsParsed(cells);
      if (result instanceof EditResult.Rejected<?> rejected) {
        rejected.problems().forEach(v -> problems.add(new ApiError.Detail("cells." + v.row().value() + "." + v.column().value(), v.message(), v.code())));
        return new ServerMessage.Rejected(opId, "validation_failed", "the values break the sheet's rules; nothing was changed", problems);
      }
      return answer(opId, result);
    } else if (edit instanceof ClientMessage.InsertRow insert) {
      Map<ColumnId, ParseResult> values = RowInput.read(schema, insert.data(), "data.", problems);
      return problems.isEmpty() ? answer(opId, as.insertRowParsed(insert.after(), insert.row(), values)) : invalidValues(opId, problems);
    } else if (edit instanceof ClientMessage.DeleteRow delete) {
      return answer(opId, as.deleteRow(delete.row()));
    } else if (edit instanceof ClientMessage.MoveRow move) {
      return answer(opId, as.moveRowAfter(move.row(), move.after()));
    } else if (edit instanceof ClientMessage.Undo) {
      return answer(opId, as.undo());
    } else if (edit instanceof ClientMessage.Redo) {
      return answer(opId, as.redo());
    }
    throw new IllegalStateException("unknown edit " + edit);
  }

  private static ServerMessage invalidValues(String opId, List<ApiError.Detail> problems) {
    return new ServerMessage.Rejected(opId, "validation_failed", "some values are not valid for their columns", problems);
  }

  /** The answer to an edit by what the engine made of it. */
  private static ServerMessage answer(String opId, EditResult<?> result) {
    if (result instanceof EditResult.Applied<?> applied) {
      return new ServerMessage.Ack(opId, applied.revision(), null);
    } else if (result instanceof EditResult.Rejected<?> rejected) {
      var details = new ArrayList<ApiError.Detail>();
      for (Violation v : rejected.problems()) {
        details.add(new ApiError.Detail("data." + v.column().value(), v.message(), v.code()));
      }
      return new ServerMessage.Rejected(opId, "validation_failed", "the values break the sheet's rules", details);
    } else if (result instanceof EditResult.NotFound<?>) {
      return new ServerMessage.Rejected(opId, "row_deleted", "the row does not exist (it may have been deleted)");
    } else if (result instanceof EditResult.Conflict<?> conflict) {
      return new ServerMessage.Conflict(opId, EventJson.row(conflict.current()));
    } else if (result instanceof EditResult.Refused<?> refused) {
      return new ServerMessage.Rejected(opId, refused.code(), refused.message());
    }
    throw new IllegalStateException("unknown result " + result);
  }

}
