package io.contrivance.server.sheet;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log ({@code activity}): who changed what, when, old value to new, one entry per changed
 * cell, added row, deleted row, move or schema change. Written by the store in the same transaction
 * as the change itself.
 */
final class Audit {

  private Audit() {}

  /** One entry; old and new values are JSON text (null: none), the time ISO-8601 text. */
  record Entry(String user, String at, long revision, String action, String row, String column, String oldValue, String newValue) {}

  /** Who last wrote each row in the events (for the rows' updated_by). */
  static Map<RowId, String> authors(List<SheetEvent> events) {
    Map<RowId, String> authors = new HashMap<>();
    for (SheetEvent event : events) {
      String author = event.origin().author();
      List<Row> rows = new ArrayList<>();
      if (event instanceof SheetEvent.RowsAdded added) {
        rows.addAll(added.rows());
        rows.addAll(added.shifted());
      } else if (event instanceof SheetEvent.RowUpdated updated) {
        rows.add(updated.after());
      } else if (event instanceof SheetEvent.RowsUpdated many) {
        many.updates().forEach(u -> rows.add(u.after()));
      } else if (event instanceof SheetEvent.RowMoved moved) {
        rows.add(moved.after());
        rows.addAll(moved.shifted());
      } else if (event instanceof SheetEvent.SchemaChanged changed) {
        rows.addAll(changed.rewrittenRows());
      }
      rows.forEach(r -> authors.put(r.id(), author));
    }
    return authors;
  }

  /** Adds the audit entries of an event. */
  static void collect(SheetEvent event, List<Entry> entries, EventJson.Memo memo) {
    String user = event.origin().author();
    String at = event.at().toString();
    long revision = event.revision();
    if (event instanceof SheetEvent.RowsAdded added) {
      for (Row row : added.rows()) {
        entries.add(new Entry(user, at, revision, "row_created", row.id().value(), null, null, memo.text(row.cells())));
      }
    } else if (event instanceof SheetEvent.RowsUpdated many) {
      many.updates().forEach(updated -> collect(updated, entries, memo));
    } else if (event instanceof SheetEvent.RowUpdated updated) {
      for (ColumnId column : EventJson.changedColumns(updated.before(), updated.after())) {
        entries.add(
            new Entry(
                user, at, revision, "cell_updated", updated.after().id().value(), column.value(),
                CellJson.write(updated.before().cell(column)).toString(), CellJson.write(updated.after().cell(column)).toString()));
      }
    } else if (event instanceof SheetEvent.RowsDeleted deleted) {
      for (Row row : deleted.rows()) {
        entries.add(new Entry(user, at, revision, "row_deleted", row.id().value(), null, memo.text(row.cells()), null));
      }
    } else if (event instanceof SheetEvent.RowMoved moved) {
      entries.add(
          new Entry(user, at, revision, "row_moved", moved.after().id().value(), null, Long.toString(moved.before().position()), Long.toString(moved.after().position())));
    } else if (event instanceof SheetEvent.SchemaChanged changed) {
      entries.add(new Entry(user, at, revision, "schema_changed", null, null, schemaJson(changed.before()).toString(), schemaJson(changed.after()).toString()));
    }
  }

  private static JsonValue schemaJson(SheetSchema schema) {
    var columns = JSON.createArrayBuilder();
    schema.columns().forEach(c -> columns.add(ColumnJson.write(c)));
    return JSON.createObjectBuilder().add("name", schema.name()).add("description", schema.description()).add("columns", columns).build();
  }
}
