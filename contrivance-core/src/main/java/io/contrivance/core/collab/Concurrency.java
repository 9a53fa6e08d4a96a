package io.contrivance.core.collab;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.ConcurrentEdits;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.type.CellValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Resolves an edit made against an older revision with what others changed since.
 *
 * <h2>The policy</h2>
 *
 * <p>Edits name rows and columns by id, never by position, so most concurrent edits need no
 * transformation at all: edits of different cells both survive, whatever their order. What remains:
 *
 * <ul>
 *   <li><b>A row or column deleted since.</b> An edit of it is refused: the row is reported not
 *       found, the column unknown. Nothing is resurrected.
 *   <li><b>A row placed after a row deleted since</b> (an insert or a move anchored on it) goes
 *       where the anchor was, which is what the author saw.
 *   <li><b>The same cell, changed since by someone else.</b> The column's {@link
 *       io.contrivance.core.sheet.ConcurrentEdits} decides: by default the later edit in the sheet's
 *       order wins and the event names whose value it replaced, so that they can be told; a
 *       multi-select merges both edits as set operations (each author's additions and removals
 *       relative to what they saw are applied to what the cell holds now); a column set to flag
 *       conflicts refuses the later edit as a conflict with the current row. Changes by the same
 *       author never conflict with each other.
 * </ul>
 *
 * <p>The order is the sheet's revision order, decided by the store's commit; every replica that
 * applies the resulting events in that order ends in the same state, so there is nothing to
 * transform on the way out: events carry rows as they are after the change.
 */
final class Concurrency {

  private Concurrency() {}

  /**
   * Applies the column policies to an update of {@code row}; may rewrite {@code changes} (merges)
   * and adds to {@code overwritten}. Returns false if a column flags the edit as a conflict.
   */
  static boolean resolve(View view, Origin origin, Row row, Map<ColumnId, CellValue> changes, List<SheetEvent.Overwrite> overwritten) {
    if (origin.baseRevision().isEmpty() || origin.baseRevision().getAsLong() >= view.revision()) {
      return true;
    }
    Optional<List<SheetEvent>> since = view.eventsSince(origin.baseRevision().getAsLong());
    for (Map.Entry<ColumnId, CellValue> entry : new ArrayList<>(changes.entrySet())) {
      Optional<Column> column = view.schema().column(entry.getKey());
      if (column.isEmpty()) {
        continue;
      }
      CellValue current = row.cell(entry.getKey());
      if (since.isEmpty()) {
        // The log no longer reaches back: whether someone changed the cell is unknown. Only the
        // cautious policy acts on that.
        if (column.get().concurrentEdits() == ConcurrentEdits.FLAG_CONFLICT && !current.equals(entry.getValue())) {
          return false;
        }
        continue;
      }
      CellValue seen = null;
      SheetEvent lastOther = null;
      for (SheetEvent event : since.get()) {
        Optional<CellValue> before = before(event, row.id(), entry.getKey());
        if (before.isEmpty()) {
          continue;
        }
        if (seen == null) {
          seen = before.get();
        }
        lastOther = event.origin().isOther(origin.author()) ? event : null;
      }
      if (lastOther == null) {
        continue;
      }
      switch (column.get().concurrentEdits()) {
        case LAST_WRITER_WINS -> {
          if (!current.equals(entry.getValue())) {
            overwritten.add(new SheetEvent.Overwrite(lastOther.origin().author(), entry.getKey(), current, lastOther.revision()));
          }
        }
        case MERGE_SETS -> changes.put(entry.getKey(), merge(seen, entry.getValue(), current));
        case FLAG_CONFLICT -> {
          if (!current.equals(entry.getValue())) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** If the event changed the cell, the cell's value before it. */
  private static Optional<CellValue> before(SheetEvent event, RowId row, ColumnId column) {
    if (event instanceof SheetEvent.RowsUpdated many) {
      for (SheetEvent.RowUpdated updated : many.updates()) {
        if (updated.after().id().equals(row)) {
          return before(updated, row, column);
        }
      }
      return Optional.empty();
    }
    if (event instanceof SheetEvent.RowUpdated updated && updated.after().id().equals(row)) {
      CellValue before = updated.before().cell(column);
      return before.equals(updated.after().cell(column)) ? Optional.empty() : Optional.of(before);
    }
    if (event instanceof SheetEvent.RowsAdded added) {
      for (Row r : added.rows()) {
        if (r.id().equals(row)) {
          return Optional.of(CellValue.BLANK);
        }
      }
    }
    if (event instanceof SheetEvent.SchemaChanged changed) {
      for (Row r : changed.rewrittenRows()) {
        if (r.id().equals(row)) {
          // Rewritten by a retype or a column deletion; the old value is not kept with the event.
          return Optional.of(r.cell(column));
        }
      }
    }
    return Optional.empty();
  }

  /** What the author saw, what they want, and what the cell holds now: their additions and removals applied to now. */
  static CellValue merge(CellValue seen, CellValue wanted, CellValue now) {
    if (!(isSet(seen) && isSet(wanted) && isSet(now))) {
      return wanted;
    }
    Set<String> before = options(seen);
    Set<String> after = options(wanted);
    Set<String> result = options(now);
    for (String option : after) {
      if (!before.contains(option)) {
        result.add(option);
      }
    }
    for (String option : before) {
      if (!after.contains(option)) {
        result.remove(option);
      }
    }
    return result.isEmpty() ? CellValue.BLANK : new CellValue.Choices(List.copyOf(result));
  }

  private static boolean isSet(CellValue value) {
    return value == null || value.isBlank() || value instanceof CellValue.Choices;
  }

  private static Set<String> options(CellValue value) {
    return value instanceof CellValue.Choices choices ? new LinkedHashSet<>(choices.options()) : new LinkedHashSet<>();
  }

  /** Where a row was before it was deleted after the origin's base revision, if it was. */
  static OptionalLong deletedPosition(View view, Origin origin, RowId row) {
    if (origin.baseRevision().isEmpty()) {
      return OptionalLong.empty();
    }
    Optional<List<SheetEvent>> since = view.eventsSince(origin.baseRevision().getAsLong());
    if (since.isEmpty()) {
      return OptionalLong.empty();
    }
    OptionalLong position = OptionalLong.empty();
    for (SheetEvent event : since.get()) {
      if (event instanceof SheetEvent.RowsDeleted deleted) {
        for (Row r : deleted.rows()) {
          if (r.id().equals(row)) {
            position = OptionalLong.of(r.position());
          }
        }
      }
    }
    return position;
  }
}
