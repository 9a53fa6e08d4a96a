package io.contrivance.server.realtime;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.collab.Presence;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.RowId;
import io.contrivance.server.web.ApiError;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What a client may send on the socket (docs/realtime.md), decoded once: a message is read whole
 * into one of these records, or refused with every field that is wrong. The socket then works on
 * types, never on JSON; only cell values stay JSON, since reading them needs the sheet's columns.
 */
sealed interface ClientMessage {

  /** The first message, and later a fresh token for the same user. */
  record Auth(String token, OptionalLong lastRevision) implements ClientMessage {}

  record Ping() implements ClientMessage {}

  /** Where the sender's selection is, and whether they are typing in a cell. */
  record PresenceUpdate(Optional<Presence.Range> selection, boolean editing) implements ClientMessage {}

  /** A change to the sheet: acknowledged, rejected or answered with a conflict under its {@code opId}. */
  sealed interface Edit extends ClientMessage {
    String opId();

    /** The revision the sender had when the user made the edit, if it says. */
    OptionalLong baseRevision();
  }

  record UpdateCell(String opId, OptionalLong baseRevision, RowId row, ColumnId column, JsonValue value) implements Edit {}

  /** Several cells as one edit (a paste or a fill). */
  record UpdateCells(String opId, OptionalLong baseRevision, List<Cell> cells) implements Edit {}

  record Cell(RowId row, ColumnId column, JsonValue value) {}

  /** A new row after {@code after} (null: at the top), with the sender's own id for it if given. */
  record InsertRow(String opId, OptionalLong baseRevision, RowId after, RowId row, JsonValue data) implements Edit {}

  record DeleteRow(String opId, OptionalLong baseRevision, RowId row) implements Edit {}

  /** A row moved after {@code after} (null: to the top). */
  record MoveRow(String opId, OptionalLong baseRevision, RowId row, RowId after) implements Edit {}

  record Undo(String opId, OptionalLong baseRevision) implements Edit {}

  record Redo(String opId, OptionalLong baseRevision) implements Edit {}

  /** The most cells one {@code update_cells} may set (a paste of 1,000 rows by 10 columns). */
  int MAX_CELLS = 10_000;

  /**
   * A message that cannot be read. {@code type} and {@code opId} are what could be read of it
   * (null if nothing), so that an edit's refusal can name the edit.
   */
  final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;
    final String type;
    final String opId;
    final transient List<ApiError.Detail> details;

    Malformed(String type, String opId, String message, List<ApiError.Detail> details) {
      super(message, null, false, false);
      this.type = type;
      this.opId = opId;
      this.details = List.copyOf(details);
    }

    /** Whether it is an edit the sender can be told about by its op_id. */
    boolean isEdit() {
      return opId != null;
    }
  }

  /** Reads one message. */
  static ClientMessage decode(String text) throws Malformed {
    JsonObject json;
    try (JsonReader reader = JSON.createReader(new StringReader(text))) {
      json = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new Malformed(null, null, "a message is one JSON object with a \"type\"", List.of());
    }
    return new Reader(json).message();
  }

  /** Reads the fields of one message, collecting what is wrong with them. */
  final class Reader {
    private final JsonObject json;
    private final String type;
    private final List<ApiError.Detail> problems = new ArrayList<>();

    private Reader(JsonObject json) {
      this.json = json;
      this.type = json.get("type") instanceof JsonString s ? s.getString() : null;
    }

    private ClientMessage message() throws Malformed {
      switch (type == null ? "" : type) {
        case "auth":
          return new Auth(string(json, "token"), revision("last_revision"));
        case "ping":
          return new Ping();
        case "presence":
          Optional<Presence.Range> selection = selection();
          return done(null, new PresenceUpdate(selection, json.get("editing") == JsonValue.TRUE));
        case "update_cell", "update_cells", "insert_row", "delete_row", "move_row", "undo", "redo":
          return edit();
        default:
          throw new Malformed(type, null, "unknown message type " + JSON.createValue(type == null ? "" : type), List.of());
      }
    }

    private Edit edit() throws Malformed {
      String opId = string(json, "op_id");
      if (opId == null || opId.isBlank() || opId.length() > 100) {
        throw new Malformed(type, null, "every edit needs an op_id of 1 to 100 characters", List.of());
      }
      OptionalLong base = revision("base_revision");
      Edit edit =
          switch (type) {
            case "update_cell" -> new UpdateCell(opId, base, id(json, "row_id", RowId::of, true), id(json, "column_id", ColumnId::of, true), orNull(json.get("value")));
            case "update_cells" -> new UpdateCells(opId, base, cells());
            case "insert_row" -> new InsertRow(opId, base, id(json, "after_row_id", RowId::of, false), id(json, "row_id", RowId::of, false), json.containsKey("data") ? json.get("data") : JsonValue.EMPTY_JSON_OBJECT);
            case "delete_row" -> new DeleteRow(opId, base, id(json, "row_id", RowId::of, true));
            case "move_row" -> new MoveRow(opId, base, id(json, "row_id", RowId::of, true), id(json, "after_row_id", RowId::of, false));
            case "undo" -> new Undo(opId, base);
            case "redo" -> new Redo(opId, base);
            default -> throw new IllegalStateException(type);
          };
      return done(opId, edit);
    }

    private <T extends ClientMessage> T done(String opId, T message) throws Malformed {
      if (!problems.isEmpty()) {
        throw new Malformed(type, opId, "the " + type + " message is not valid", problems);
      }
      return message;
    }

    private List<Cell> cells() {
      if (!(json.get("cells") instanceof JsonArray list) || list.isEmpty() || list.size() > MAX_CELLS) {
        problems.add(ApiError.Detail.of("cells", "must be an array of 1 to " + MAX_CELLS + " {row_id, column_id, value}"));
        return List.of();
      }
      List<Cell> cells = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof JsonObject cell)) {
          problems.add(ApiError.Detail.of("cells[" + i + "]", "must be an object {row_id, column_id, value}"));
          continue;
        }
        RowId row = id(cell, "row_id", RowId::of, true, "cells[" + i + "].");
        ColumnId column = id(cell, "column_id", ColumnId::of, true, "cells[" + i + "].");
        cells.add(new Cell(row, column, orNull(cell.get("value"))));
      }
      return cells;
    }

    private Optional<Presence.Range> selection() {
      JsonValue editing = json.get("editing");
      if (editing != null && editing != JsonValue.TRUE && editing != JsonValue.FALSE) {
        problems.add(ApiError.Detail.of("editing", "must be true or false"));
      }
      if (!(json.get("selection") instanceof JsonObject range)) {
        return Optional.empty();
      }
      String prefix = "selection.";
      RowId from = id(range, "from_row", RowId::of, true, prefix);
      ColumnId fromColumn = id(range, "from_column", ColumnId::of, true, prefix);
      RowId to = range.containsKey("to_row") ? id(range, "to_row", RowId::of, true, prefix) : from;
      ColumnId toColumn = range.containsKey("to_column") ? id(range, "to_column", ColumnId::of, true, prefix) : fromColumn;
      return problems.isEmpty() ? Optional.of(new Presence.Range(from, fromColumn, to, toColumn)) : Optional.empty();
    }

    private OptionalLong revision(String key) {
      return json.get(key) instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0 ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    private <T> T id(JsonObject from, String key, Function<String, T> of, boolean required) {
      return id(from, key, of, required, "");
    }

    /** An id (null when absent and not required), or null with a problem noted. */
    private <T> T id(JsonObject from, String key, Function<String, T> of, boolean required, String prefix) {
      JsonValue value = from.get(key);
      if (value == null || value == JsonValue.NULL) {
        if (required) {
          problems.add(ApiError.Detail.of(prefix + key, "is required"));
        }
        return null;
      }
      if (!(value instanceof JsonString s)) {
        problems.add(ApiError.Detail.of(prefix + key, "must be a string"));
        return null;
      }
      try {
        return of.apply(s.getString());
      } catch (IllegalArgumentException e) {
        problems.add(ApiError.Detail.of(prefix + key, e.getMessage()));
        return null;
      }
    }

    private static String string(JsonObject json, String key) {
      return json.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static JsonValue orNull(JsonValue value) {
      return value == null ? JsonValue.NULL : value;
    }
  }
}
