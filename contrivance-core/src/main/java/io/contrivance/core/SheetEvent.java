package io.contrivance.core;

import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import java.time.Instant;
import java.util.List;

/**
 * A change to a sheet, delivered to listeners after it is stored, in revision order.
 */
public sealed interface SheetEvent
    permits SheetEvent.RowsAdded, SheetEvent.RowUpdated, SheetEvent.RowsDeleted, SheetEvent.RowMoved, SheetEvent.SchemaChanged {

  SheetId sheet();

  /** The sheet's revision after the change. */
  long revision();

  /** When the change was stored, by the workbook's clock. */
  Instant at();

  record RowsAdded(SheetId sheet, long revision, Instant at, List<Row> rows) implements SheetEvent {
    public RowsAdded {
      rows = List.copyOf(rows);
    }
  }

  record RowUpdated(SheetId sheet, long revision, Instant at, Row before, Row after) implements SheetEvent {}

  record RowsDeleted(SheetId sheet, long revision, Instant at, List<Row> rows) implements SheetEvent {
    public RowsDeleted {
      rows = List.copyOf(rows);
    }
  }

  record RowMoved(SheetId sheet, long revision, Instant at, Row before, Row after) implements SheetEvent {}

  /**
   * The columns, name or description changed. When the change rewrote cells (a column deleted or
   * retyped), {@code rewrittenRows} holds the rows as they are now.
   */
  record SchemaChanged(SheetId sheet, long revision, Instant at, SheetSchema before, SheetSchema after, List<Row> rewrittenRows)
      implements SheetEvent {
    public SchemaChanged {
      rewrittenRows = List.copyOf(rewrittenRows);
    }
  }
}
