package io.contrivance.server.sheet;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.CellValue;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON form of a sheet's events: what sockets receive and what the op log keeps (see
 * docs/realtime.md). Rows are whole ({@code {"id","position","version","data"}}), so applying an
 * event needs nothing but the event.
 */
public final class EventJson {

  /** Most rewritten rows a column change carries; beyond, clients are told to reload the rows. */
  static final int MAX_REWRITTEN = 1_000;

  private EventJson() {}

  /**
   * The id of the client operation in an origin's op id. The server makes op ids of socket edits as
   * {@code <connection>/<client op id>}, so that the event can be acknowledged on its connection.
   */
  public static String clientOpId(Origin origin) {
    String opId = origin.opId();
    if (opId == null) {
      return null;
    }
    int slash = opId.indexOf('/');
    return slash < 0 ? opId : opId.substring(slash + 1);
  }

  /** The connection an event's edit came from, or null (REST, or another instance's socket). */
  public static String connection(Origin origin) {
    String opId = origin.opId();
    int slash = opId == null ? -1 : opId.indexOf('/');
    return slash < 0 ? null : opId.substring(0, slash);
  }

  public static String type(SheetEvent event) {
    if (event instanceof SheetEvent.RowsAdded) {
      return "row_created";
    } else if (event instanceof SheetEvent.RowUpdated) {
      return "row_updated";
    } else if (event instanceof SheetEvent.RowsUpdated) {
      return "rows_updated";
    } else if (event instanceof SheetEvent.RowsDeleted) {
      return "row_deleted";
    } else if (event instanceof SheetEvent.RowMoved) {
      return "row_moved";
    }
    return "column_changed";
  }

  /**
   * The JSON of rows' cells, each built once however often one commit needs it (the row itself, its
   * op-log entry, its audit entry): for a batch of 1,000 rows that building was a third of the work.
   * For one commit on one thread.
   */
  public static final class Memo {
    private final IdentityHashMap<Map<ColumnId, CellValue>, JsonObject> objects = new IdentityHashMap<>();
    private final IdentityHashMap<Map<ColumnId, CellValue>, String> texts = new IdentityHashMap<>();

    public JsonObject data(Map<ColumnId, CellValue> cells) {
      return objects.computeIfAbsent(cells, EventJson::data);
    }

    public String text(Map<ColumnId, CellValue> cells) {
      return texts.computeIfAbsent(cells, c -> data(c).toString());
    }
  }

  public static JsonObject write(SheetEvent event) {
    return write(event, new Memo());
  }

  /**
   * The texts of the events this thread last committed (the store writes them for the op log). The
   * core calls listeners on the committing thread right after the commit, so a listener can send
   * the same text instead of serializing a possibly large event again. Each text is handed out
   * once; at most {@link #REMEMBERED_CHARS} are kept per thread, until its next commit.
   */
  private static final ThreadLocal<Committed> COMMITTED = ThreadLocal.withInitial(Committed::new);

  static final long REMEMBERED_CHARS = 4L << 20;

  private static final class Committed {
    final IdentityHashMap<SheetEvent, String> texts = new IdentityHashMap<>();
    long chars;
  }

  /** Forgets the texts of this thread's previous commit (called as a commit starts). */
  static void startCommit() {
    Committed committed = COMMITTED.get();
    committed.texts.clear();
    committed.chars = 0;
  }

  /** The text of an event for the op log, remembered for this thread's listeners. */
  static String committedText(SheetEvent event, Memo memo) {
    String text = write(event, memo).toString();
    Committed committed = COMMITTED.get();
    if (committed.chars + text.length() <= REMEMBERED_CHARS) {
      committed.texts.put(event, text);
      committed.chars += text.length();
    }
    return text;
  }

  /** The event's text: the op log's if this thread just committed it, else written now. */
  public static String text(SheetEvent event) {
    Committed committed = COMMITTED.get();
    String text = committed.texts.remove(event);
    if (text == null) {
      return write(event).toString();
    }
    committed.chars -= text.length();
    return text;
  }

  public static JsonObject write(SheetEvent event, Memo memo) {
    JsonObjectBuilder json = JSON.createObjectBuilder().add("type", type(event)).add("revision", event.revision()).add("at", event.at().toString());
    addNullable(json, "user_id", event.origin().author());
    addNullable(json, "op_id", clientOpId(event.origin()));
    if (event instanceof SheetEvent.RowsAdded added) {
      json.add("rows", rows(added.rows(), memo)).add("shifted", rows(added.shifted(), memo));
    } else if (event instanceof SheetEvent.RowUpdated updated) {
      Row row = updated.after();
      json.add("row_id", row.id().value()).add("data", memo.data(row.cells())).add("version", row.version()).add("position", row.position());
      json.add("changed", changed(updated));
      if (!updated.overwritten().isEmpty()) {
        JsonArrayBuilder overwritten = JSON.createArrayBuilder();
        updated.overwritten().forEach(o -> overwritten.add(overwrite(o, null)));
        json.add("overwritten", overwritten);
      }
    } else if (event instanceof SheetEvent.RowsUpdated many) {
      JsonArrayBuilder rows = JSON.createArrayBuilder();
      JsonArrayBuilder overwritten = JSON.createArrayBuilder();
      boolean anyOverwritten = false;
      for (SheetEvent.RowUpdated updated : many.updates()) {
        rows.add(JSON.createObjectBuilder(row(updated.after(), memo)).add("changed", changed(updated)));
        for (SheetEvent.Overwrite o : updated.overwritten()) {
          overwritten.add(overwrite(o, updated.after().id()));
          anyOverwritten = true;
        }
      }
      json.add("rows", rows);
      if (anyOverwritten) {
        json.add("overwritten", overwritten);
      }
    } else if (event instanceof SheetEvent.RowsDeleted deleted) {
      json.add("row_ids", JSON.createArrayBuilder(deleted.rows().stream().map(r -> r.id().value()).toList())).add("rows", rows(deleted.rows(), memo));
    } else if (event instanceof SheetEvent.RowMoved moved) {
      json.add("row", row(moved.after(), memo)).add("from_position", moved.before().position()).add("shifted", rows(moved.shifted(), memo));
    } else if (event instanceof SheetEvent.SchemaChanged changed) {
      SheetSchema after = changed.after();
      JsonArrayBuilder columns = JSON.createArrayBuilder();
      after.columns().forEach(c -> columns.add(ColumnJson.write(c)));
      json.add("name", after.name()).add("description", after.description()).add("columns", columns);
      if (changed.rewrittenRows().size() > MAX_REWRITTEN) {
        json.add("rewritten_rows", JsonValue.EMPTY_JSON_ARRAY).add("reload_rows", true);
      } else {
        json.add("rewritten_rows", rows(changed.rewrittenRows(), memo)).add("reload_rows", false);
      }
    }
    return json.build();
  }

  public static JsonObject row(Row row) {
    return row(row, new Memo());
  }

  private static JsonArrayBuilder changed(SheetEvent.RowUpdated updated) {
    JsonArrayBuilder changed = JSON.createArrayBuilder();
    for (ColumnId column : changedColumns(updated.before(), updated.after())) {
      changed.add(column.value());
    }
    return changed;
  }

  /** Whose value an edit replaced; {@code row} named in multi-row events. */
  private static JsonObjectBuilder overwrite(SheetEvent.Overwrite o, RowId row) {
    JsonObjectBuilder entry = JSON.createObjectBuilder();
    addNullable(entry, "user_id", o.author());
    if (row != null) {
      entry.add("row_id", row.value());
    }
    return entry.add("column_id", o.column().value()).add("value", CellJson.write(o.replaced())).add("revision", o.revision());
  }

  private static JsonObject row(Row row, Memo memo) {
    return JSON.createObjectBuilder().add("id", row.id().value()).add("position", row.position()).add("version", row.version()).add("data", memo.data(row.cells())).build();
  }

  private static JsonArray rows(List<Row> rows, Memo memo) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    rows.forEach(r -> array.add(row(r, memo)));
    return array.build();
  }

  public static JsonObject data(Map<ColumnId, CellValue> cells) {
    JsonObjectBuilder data = JSON.createObjectBuilder();
    cells.forEach((column, value) -> data.add(column.value(), CellJson.write(value)));
    return data.build();
  }

  public static List<ColumnId> changedColumns(Row before, Row after) {
    var columns = new ArrayList<ColumnId>();
    for (ColumnId column : after.cells().keySet()) {
      if (!after.cell(column).equals(before.cell(column))) {
        columns.add(column);
      }
    }
    for (ColumnId column : before.cells().keySet()) {
      if (!after.cells().containsKey(column)) {
        columns.add(column);
      }
    }
    return columns;
  }

  private static void addNullable(JsonObjectBuilder json, String key, String value) {
    if (value == null) {
      json.addNull(key);
    } else {
      json.add(key, value);
    }
  }

  /**
   * Reads a logged row event back, with cells typed by today's schema; empty for column changes,
   * whose rows cannot be read with today's schema. Used to resolve edits made against old revisions.
   */
  public static Optional<SheetEvent> read(SheetId sheet, JsonObject json, SheetSchema schema) {
    long revision = json.getJsonNumber("revision").longValue();
    Instant at = Instant.parse(json.getString("at"));
    Origin origin = new Origin(string(json, "user_id"), string(json, "op_id"), OptionalLong.empty());
    return switch (json.getString("type")) {
      case "row_created" -> Optional.of(new SheetEvent.RowsAdded(sheet, revision, at, origin, readRows(json.getJsonArray("rows"), schema), readRows(json.getJsonArray("shifted"), schema)));
      case "row_deleted" -> Optional.of(new SheetEvent.RowsDeleted(sheet, revision, at, origin, readRows(json.getJsonArray("rows"), schema)));
      case "row_moved" -> {
        Row after = readRow(json.getJsonObject("row"), schema);
        yield Optional.of(new SheetEvent.RowMoved(sheet, revision, at, origin, after.atPosition(json.getJsonNumber("from_position").longValue()), after, readRows(json.getJsonArray("shifted"), schema)));
      }
      case "row_updated" -> Optional.of(updated(sheet, revision, at, origin, json.getString("row_id"), json, schema));
      case "rows_updated" -> {
        var updates = new ArrayList<SheetEvent.RowUpdated>();
        for (JsonValue row : json.getJsonArray("rows")) {
          updates.add(updated(sheet, revision, at, origin, row.asJsonObject().getString("id"), row.asJsonObject(), schema));
        }
        yield Optional.of(new SheetEvent.RowsUpdated(sheet, revision, at, origin, updates));
      }
      default -> Optional.empty();
    };
  }

  /** A row's update from the log: the row after it (position, version, data) and which cells changed. */
  private static SheetEvent.RowUpdated updated(SheetId sheet, long revision, Instant at, Origin origin, String rowId, JsonObject json, SheetSchema schema) {
    Row after = new Row(RowId.of(rowId), json.getJsonNumber("position").longValue(), json.getJsonNumber("version").longValue(), cells(json.getJsonObject("data"), schema));
    // The log keeps the row after the edit and which cells changed; the old values are in the
    // audit log. Marking the changed cells as different is all conflict resolution needs.
    Map<ColumnId, CellValue> before = new HashMap<>(after.cells());
    for (JsonValue column : json.getJsonArray("changed")) {
      before.put(ColumnId.of(((JsonString) column).getString()), CellValue.BLANK);
    }
    before.values().removeIf(CellValue::isBlank);
    Row beforeRow = new Row(after.id(), after.position(), Math.max(0, after.version() - 1), before);
    return new SheetEvent.RowUpdated(sheet, revision, at, origin, beforeRow, after, List.of());
  }

  private static List<Row> readRows(JsonArray array, SheetSchema schema) {
    var rows = new ArrayList<Row>(array.size());
    for (JsonValue value : array) {
      rows.add(readRow(value.asJsonObject(), schema));
    }
    return rows;
  }

  private static Row readRow(JsonObject json, SheetSchema schema) {
    return new Row(RowId.of(json.getString("id")), json.getJsonNumber("position").longValue(), json.getJsonNumber("version").longValue(), cells(json.getJsonObject("data"), schema));
  }

  private static Map<ColumnId, CellValue> cells(JsonObject data, SheetSchema schema) {
    Map<ColumnId, CellValue> cells = new HashMap<>();
    for (Column column : schema.columns()) {
      JsonValue value = data.get(column.id().value());
      if (value != null) {
        cells.put(column.id(), CellJson.readStored(value, column.type()));
      }
    }
    return cells;
  }

  private static String string(JsonObject json, String key) {
    JsonValue value = json.get(key);
    return value instanceof JsonString s ? s.getString() : null;
  }
}
