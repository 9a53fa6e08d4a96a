package io.contrivance.core.collab;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.Rule;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.SheetValidator;
import io.contrivance.core.sheet.Violation;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ErrorCodes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks of rows that need more than one row's cells: uniqueness, and which violations to report together. */
final class RowChecks {

  private RowChecks() {}

  /**
   * Adds rule violations of one row, except those of cells whose input could not be read at all
   * (already in {@code out}): such a cell looks blank to the rules, and "required" on top of "not a
   * number" would only be noise.
   */
  static void addUnlessUnreadable(List<Violation> found, List<Violation> out) {
    if (found.isEmpty()) {
      return;
    }
    var unreadable = new HashSet<ColumnId>();
    for (Violation v : out) {
      unreadable.add(v.column());
    }
    for (Violation v : found) {
      if (!unreadable.contains(v.column())) {
        out.add(v);
      }
    }
  }

  /** Adds a violation for every unique-column value that another row (stored or in the batch) holds. */
  static void uniqueness(View view, List<Row> rows, Set<ColumnId> onlyColumns, List<Violation> out) {
    SheetSchema schema = view.schema();
    for (Column column : schema.columns()) {
      if (!column.rules().contains(Rule.unique()) || (onlyColumns != null && !onlyColumns.contains(column.id()))) {
        continue;
      }
      Map<Object, RowId> inBatch = new HashMap<>();
      for (Row row : rows) {
        CellValue value = row.cell(column.id());
        if (value.isBlank()) {
          continue;
        }
        RowId other = inBatch.putIfAbsent(SheetValidator.uniqueKey(value), row.id());
        if (other == null) {
          other = view.findDuplicate(column.id(), value, row.id()).orElse(null);
        }
        if (other != null) {
          out.add(
              new Violation(
                  row.id(),
                  column.id(),
                  ErrorCodes.UNIQUE,
                  column.name() + " must be unique: '" + column.type().format(value, schema.format()) + "' is already in row " + other));
        }
      }
    }
  }
}
