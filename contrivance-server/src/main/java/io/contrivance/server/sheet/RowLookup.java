package io.contrivance.server.sheet;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.SheetValidator;
import io.contrivance.core.type.CellValue;
import io.contrivance.server.bootstrap.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads of a sheet's stored rows that bulk work needs (an import's upsert and undo), and the rows'
 * stored JSON form for keeping a copy of a row outside the sheet.
 */
@ApplicationScoped
public class RowLookup {

  @Inject Database db;

  /**
   * The stored rows whose cell in {@code key} equals one of the values, by {@link
   * SheetValidator#uniqueKey} of that value (several rows may share a value; the first in sheet
   * order is given). One query, served by the rows' containment index: a text is found as it is
   * spelled or in lower case, not in any other mix of cases.
   */
  public Map<Object, Row> byKey(SheetSchema schema, Column key, Collection<CellValue> values) {
    var probes = new LinkedHashSet<String>();
    for (CellValue value : values) {
      if (!value.isBlank()) {
        probes.add(JSON.createObjectBuilder().add(key.id().value(), CellJson.write(value)).build().toString());
        if (value instanceof CellValue.Text text) {
          // Text keys match regardless of case, as uniqueness does; the index finds exact values, so
          // the lower-case spelling (how e-mail addresses are mostly stored) is probed as well.
          probes.add(JSON.createObjectBuilder().add(key.id().value(), text.value().toLowerCase(java.util.Locale.ROOT)).build().toString());
        }
      }
    }
    if (probes.isEmpty()) {
      return Map.of();
    }
    Map<Object, Row> found = new HashMap<>();
    db.read(
        "select id, position, version, data::text from spreadsheet_rows where sheet_id = ? and data @> any (?::jsonb[]) order by position, id",
        ps -> {
          ps.setString(1, schema.id().value());
          ps.setArray(2, ps.getConnection().createArrayOf("text", probes.toArray()));
        },
        rs -> {
          Row row = new Row(RowId.of(rs.getString(1)), rs.getLong(2), rs.getLong(3), cells(schema, rs.getString(4)));
          found.putIfAbsent(SheetValidator.uniqueKey(row.cell(key.id())), row);
          return null;
        });
    return found;
  }

  /** Ids of the sheet's rows from {@code low} (inclusive) up to {@code high} (exclusive), in id order, at most {@code limit}. */
  public List<RowId> idsBetween(String sheetId, String low, String high, int limit) {
    return db.read(
        "select id from spreadsheet_rows where sheet_id = ? and id >= ? and id < ? order by id limit ?",
        Database.params(sheetId, low, high, limit),
        rs -> RowId.of(rs.getString(1)));
  }

  /** Which of the rows exist. */
  public Set<RowId> existing(String sheetId, Collection<RowId> rows) {
    if (rows.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        db.read(
            "select id from spreadsheet_rows where sheet_id = ? and id = any (?)",
            ps -> {
              ps.setString(1, sheetId);
              ps.setArray(2, ps.getConnection().createArrayOf("varchar", rows.stream().map(RowId::value).toArray()));
            },
            rs -> RowId.of(rs.getString(1))));
  }

  /** The row's cells as the rows table stores them (JSON text keyed by column id). */
  public static String text(Map<ColumnId, CellValue> cells) {
    return EventJson.data(cells).toString();
  }

  /** Cells from {@link #text}, for the sheet's columns now (cells of columns since deleted are left out). */
  public static Map<ColumnId, CellValue> cells(SheetSchema schema, String text) {
    return CellJson.readStoredRow(CellJson.parseStored(text).asJsonObject(), schema.columns());
  }

  /** Every column of the sheet set to the stored cells, blank where they have none: to put a row back as it was. */
  public static Map<ColumnId, CellValue> wholeRow(SheetSchema schema, String text) {
    Map<ColumnId, CellValue> stored = cells(schema, text);
    Map<ColumnId, CellValue> whole = new HashMap<>();
    for (Column column : schema.columns()) {
      whole.put(column.id(), stored.getOrDefault(column.id(), CellValue.BLANK));
    }
    return whole;
  }
}
