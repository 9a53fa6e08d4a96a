package io.contrivance.core.sheet;

import io.contrivance.core.type.CellValue;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a sheet: a stable id, its position in the sheet's order, a version that grows with every
 * change (for optimistic concurrency), and its non-blank cells keyed by column id.
 *
 * <p>Positions order rows; they are sparse (new rows are spaced apart, a moved row takes a position
 * between its new neighbours) so that inserting or moving a row rarely renumbers others.
 *
 * @param cells non-blank values by column; blank values given here are dropped. The map returned is
 *     immutable.
 */
public record Row(RowId id, long position, long version, Map<ColumnId, CellValue> cells) {

  public Row {
    Objects.requireNonNull(id, "id");
    if (version < 0) {
      throw new IllegalArgumentException("version cannot be negative, was " + version);
    }
    cells = Cells.copyOf(cells);
  }

  /** A new row (version 1). */
  public static Row of(RowId id, long position, Map<ColumnId, CellValue> cells) {
    return new Row(id, position, 1, cells);
  }

  /** The value in the column, or {@link CellValue#BLANK}. */
  public CellValue cell(ColumnId column) {
    return ((Cells) cells).cell(column);
  }

  /** A copy with one cell set ({@link CellValue#BLANK} clears it); version and position unchanged. */
  public Row with(ColumnId column, CellValue value) {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(value, "value");
    return new Row(id, position, version, ((Cells) cells).with(column, value));
  }

  /** A copy with the given cells set over these; version and position unchanged. */
  public Row withCells(Map<ColumnId, CellValue> changes) {
    Cells result = (Cells) cells;
    for (Map.Entry<ColumnId, CellValue> change : changes.entrySet()) {
      result = result.with(change.getKey(), change.getValue());
    }
    return new Row(id, position, version, result);
  }

  /** A copy at another position. */
  public Row atPosition(long newPosition) {
    return new Row(id, newPosition, version, cells);
  }

  /** A copy with the next version. */
  public Row nextVersion() {
    return new Row(id, position, version + 1, cells);
  }
}
