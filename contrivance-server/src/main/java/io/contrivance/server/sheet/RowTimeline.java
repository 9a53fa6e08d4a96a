package io.contrivance.server.sheet;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.CellValue;
import io.contrivance.server.bootstrap.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sheet's rows with their dates, and how their cells changed over time as the audit log tells it,
 * for readers that look at a sheet across time (the forecast). Only the asked-for columns are
 * decoded, with their current types; a value stored under an older type that no longer reads is
 * blank.
 */
@ApplicationScoped
public class RowTimeline {

  @Inject Database db;

  /** A row as it is now, and when it was created. */
  public record DatedRow(Row row, Instant createdAt) {}

  /** What happened to a row in one audited edit. */
  public enum Kind {
    CREATED,
    UPDATED,
    DELETED
  }

  /**
   * One edit of a row: created with {@code cells}, {@code cells} updated (blank: cleared), or deleted
   * (no cells). Changes come in the order they were made.
   */
  public record RowChange(RowId row, Instant at, long revision, Kind kind, Map<ColumnId, CellValue> cells) {}

  /** Every row of the sheet now, with the given columns decoded. */
  public List<DatedRow> rows(SheetSchema schema, List<ColumnId> columns) {
    List<Column> wanted = wanted(schema, columns);
    return db.read(
        "select id, position, version, data::text, created_at from spreadsheet_rows where sheet_id = ? order by position, id",
        ps -> ps.setString(1, schema.id().value()),
        rs -> {
          Row row = new Row(RowId.of(rs.getString(1)), rs.getLong(2), rs.getLong(3), CellJson.readStoredRow(CellJson.parseStored(rs.getString(4)).asJsonObject(), wanted));
          return new DatedRow(row, rs.getTimestamp(5).toInstant());
        });
  }

  /** The audited creations, deletions and updates of the given columns, oldest first. */
  public List<RowChange> changes(SheetSchema schema, List<ColumnId> columns) {
    List<Column> wanted = wanted(schema, columns);
    Map<String, Column> byId = new HashMap<>();
    wanted.forEach(c -> byId.put(c.id().value(), c));
    String[] ids = wanted.stream().map(c -> c.id().value()).toArray(String[]::new);
    List<RowChange> changes =
        db.read(
            "select row_id, at, revision, action, column_id, coalesce(new_value, old_value)::text from activity where sheet_id = ? "
                + "and (action in ('row_created', 'row_deleted') or (action = 'cell_updated' and column_id = any(?))) order by id",
            ps -> {
              ps.setString(1, schema.id().value());
              ps.setArray(2, ps.getConnection().createArrayOf("varchar", ids));
            },
            rs -> {
              RowId row = RowId.of(rs.getString(1));
              Instant at = rs.getTimestamp(2).toInstant();
              long revision = rs.getLong(3);
              return switch (rs.getString(4)) {
                case "row_created" -> new RowChange(row, at, revision, Kind.CREATED, CellJson.readStoredRow(CellJson.parseStored(rs.getString(6)).asJsonObject(), wanted));
                case "row_deleted" -> new RowChange(row, at, revision, Kind.DELETED, Map.of());
                default -> {
                  Column column = byId.get(rs.getString(5));
                  Map<ColumnId, CellValue> cell = new HashMap<>();
                  cell.put(column.id(), CellJson.readStored(CellJson.parseStored(rs.getString(6)), column.type()));
                  yield new RowChange(row, at, revision, Kind.UPDATED, cell);
                }
              };
            });
    return merged(changes);
  }

  /** Cell updates of one row in one revision become one change. */
  private static List<RowChange> merged(List<RowChange> changes) {
    var result = new ArrayList<RowChange>(changes.size());
    for (RowChange change : changes) {
      int last = result.size() - 1;
      if (change.kind() == Kind.UPDATED && last >= 0) {
        RowChange previous = result.get(last);
        if (previous.kind() == Kind.UPDATED && previous.revision() == change.revision() && previous.row().equals(change.row())) {
          Map<ColumnId, CellValue> cells = new HashMap<>(previous.cells());
          cells.putAll(change.cells());
          result.set(last, new RowChange(change.row(), change.at(), change.revision(), Kind.UPDATED, cells));
          continue;
        }
      }
      result.add(change);
    }
    return result;
  }

  private static List<Column> wanted(SheetSchema schema, List<ColumnId> columns) {
    return schema.columns().stream().filter(c -> columns.contains(c.id())).toList();
  }

}
