package io.contrivance.core.sheet;

import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.CellValue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A change to a sheet, delivered to listeners after it is stored, in revision order. Every event
 * advances the sheet by exactly one revision, so a client that applies the events in order, starting
 * from a snapshot at some revision, holds exactly the sheet's state (see {@link
 * io.contrivance.core.collab.Replica}). Events carry whole rows as they are after the change, never
 * deltas to be interpreted, so applying one needs no knowledge of the edit that caused it.
 */
public sealed interface SheetEvent
    permits SheetEvent.RowsAdded,
        SheetEvent.RowUpdated,
        SheetEvent.RowsUpdated,
        SheetEvent.RowsDeleted,
        SheetEvent.RowMoved,
        SheetEvent.SchemaChanged {

  SheetId sheet();

  /** The sheet's revision after the change. */
  long revision();

  /** When the change was stored, by the workbook's clock. */
  Instant at();

  /** Who made the change, from which client operation. */
  Origin origin();

  /**
   * Rows were added. {@code shifted} holds other rows given new positions to make room (rarely any:
   * positions are spaced apart, and only run out after many inserts at one place).
   */
  record RowsAdded(SheetId sheet, long revision, Instant at, Origin origin, List<Row> rows, List<Row> shifted) implements SheetEvent {
    public RowsAdded {
      rows = List.copyOf(rows);
      shifted = List.copyOf(shifted);
    }
  }

  /**
   * Cells of a row changed. When the edit replaced values that others had set after the revision the
   * edit was made against, {@code overwritten} says whose values were replaced, so that they can be
   * told.
   */
  record RowUpdated(SheetId sheet, long revision, Instant at, Origin origin, Row before, Row after, List<Overwrite> overwritten)
      implements SheetEvent {
    public RowUpdated {
      overwritten = List.copyOf(overwritten);
    }
  }

  /**
   * Cells of several rows changed at once, as one edit (a paste, a fill): one revision, undone as a
   * whole. Each of {@code updates} is what one row's {@link RowUpdated} would be, with this event's
   * revision, time and origin.
   */
  record RowsUpdated(SheetId sheet, long revision, Instant at, Origin origin, List<RowUpdated> updates) implements SheetEvent {
    public RowsUpdated {
      updates = List.copyOf(updates);
    }
  }

  /**
   * A value someone set that a concurrent edit replaced.
   *
   * @param author whose value was replaced (null: the application)
   * @param column the cell's column
   * @param replaced their value, now gone
   * @param revision the revision at which they had set it
   */
  record Overwrite(String author, ColumnId column, CellValue replaced, long revision) {
    public Overwrite {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(replaced, "replaced");
    }
  }

  record RowsDeleted(SheetId sheet, long revision, Instant at, Origin origin, List<Row> rows) implements SheetEvent {
    public RowsDeleted {
      rows = List.copyOf(rows);
    }
  }

  /** A row moved; {@code shifted} holds other rows given new positions to make room, as for {@link RowsAdded}. */
  record RowMoved(SheetId sheet, long revision, Instant at, Origin origin, Row before, Row after, List<Row> shifted) implements SheetEvent {
    public RowMoved {
      shifted = List.copyOf(shifted);
    }
  }

  /**
   * The columns, name or description changed. When the change rewrote cells (a column deleted or
   * retyped), {@code rewrittenRows} holds the rows as they are now.
   */
  record SchemaChanged(SheetId sheet, long revision, Instant at, Origin origin, SheetSchema before, SheetSchema after, List<Row> rewrittenRows)
      implements SheetEvent {
    public SchemaChanged {
      rewrittenRows = List.copyOf(rewrittenRows);
    }
  }
}
