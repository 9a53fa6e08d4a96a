package io.contrivance.core.collab;

import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.Violation;
import io.contrivance.core.type.CellValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The edit that reverses an event, for undo and redo. A reversal only restores what is still as the
 * event left it: if someone else has since changed the cells, rows or positions the event touched,
 * the reversal is refused rather than overwrite their work.
 */
final class Reversal {

  private Reversal() {}

  static Change<SheetEvent> of(View view, SheetEvent event) {
    Change<SheetEvent> change;
    if (event instanceof SheetEvent.RowUpdated updated) {
      change = restoreCells(view, updated);
    } else if (event instanceof SheetEvent.RowsUpdated many) {
      change = restoreAllCells(view, many);
    } else if (event instanceof SheetEvent.RowsAdded added) {
      change = removeAdded(view, added);
    } else if (event instanceof SheetEvent.RowsDeleted deleted) {
      change = restoreDeleted(view, deleted);
    } else if (event instanceof SheetEvent.RowMoved moved) {
      change = moveBack(view, moved);
    } else {
      change = refused(EditResult.NOT_UNDOABLE, "changes to columns and to the sheet's name cannot be undone");
    }
    return change.refusal() != null ? change : change.reversing(event);
  }

  private static Change<SheetEvent> restoreCells(View view, SheetEvent.RowUpdated updated) {
    Restored restored = restore(view, updated);
    if (restored.refusal() != null) {
      return restored.refusal();
    }
    var violations = new ArrayList<Violation>();
    RowChecks.uniqueness(view, List.of(restored.row()), restored.columns(), violations);
    if (!violations.isEmpty()) {
      return Change.refused(new EditResult.Rejected<>(violations));
    }
    Row before = restored.before();
    Row row = restored.row();
    return Change.rows(List.of(row), List.of(), updated, (rev, at, o) -> new SheetEvent.RowUpdated(updated.sheet(), rev, at, o, before, row, List.of()));
  }

  /** Restores every row of a multi-row edit, or none: one row changed since refuses the whole undo. */
  private static Change<SheetEvent> restoreAllCells(View view, SheetEvent.RowsUpdated many) {
    var restored = new ArrayList<Restored>(many.updates().size());
    var columns = new HashSet<ColumnId>();
    for (SheetEvent.RowUpdated updated : many.updates()) {
      Restored one = restore(view, updated);
      if (one.refusal() != null) {
        return one.refusal();
      }
      restored.add(one);
      columns.addAll(one.columns());
    }
    List<Row> rows = restored.stream().map(Restored::row).toList();
    var violations = new ArrayList<Violation>();
    RowChecks.uniqueness(view, rows, columns, violations);
    if (!violations.isEmpty()) {
      return Change.refused(new EditResult.Rejected<>(violations));
    }
    return Change.rows(
        rows,
        List.of(),
        many,
        (rev, at, o) -> new SheetEvent.RowsUpdated(
            many.sheet(), rev, at, o, restored.stream().map(r -> new SheetEvent.RowUpdated(many.sheet(), rev, at, o, r.before(), r.row(), List.of())).toList()));
  }

  /** One row put back as an update left it, or why it cannot be. */
  private record Restored(Row before, Row row, Set<ColumnId> columns, Change<SheetEvent> refusal) {}

  private static Restored restore(View view, SheetEvent.RowUpdated updated) {
    Optional<Row> current = view.row(updated.after().id());
    if (current.isEmpty()) {
      return new Restored(null, null, null, refused(EditResult.ROW_GONE, "the row was deleted since"));
    }
    Map<ColumnId, CellValue> restore = new HashMap<>();
    for (ColumnId column : columns(updated.before(), updated.after())) {
      CellValue was = updated.before().cell(column);
      CellValue set = updated.after().cell(column);
      if (was.equals(set)) {
        continue;
      }
      if (!current.get().cell(column).equals(set)) {
        return new Restored(
            null, null, null, refused(EditResult.CHANGED_SINCE, "someone changed " + view.schema().column(column).map(c -> c.name()).orElse(column.value()) + " since"));
      }
      if (view.schema().column(column).isPresent()) {
        restore.put(column, was);
      }
    }
    Row before = current.get();
    return new Restored(before, before.withCells(restore).nextVersion(), restore.keySet(), null);
  }

  private static Change<SheetEvent> removeAdded(View view, SheetEvent.RowsAdded added) {
    var current = new ArrayList<Row>();
    for (Row row : added.rows()) {
      Optional<Row> now = view.row(row.id());
      if (now.isEmpty()) {
        return refused(EditResult.ROW_GONE, "the row was deleted since");
      }
      if (now.get().version() != row.version()) {
        return refused(EditResult.CHANGED_SINCE, "someone changed the row since");
      }
      current.add(now.get());
    }
    List<RowId> ids = current.stream().map(Row::id).toList();
    return Change.rows(List.of(), ids, added, (rev, at, o) -> new SheetEvent.RowsDeleted(added.sheet(), rev, at, o, current));
  }

  private static Change<SheetEvent> restoreDeleted(View view, SheetEvent.RowsDeleted deleted) {
    var restored = new ArrayList<Row>();
    for (Row row : deleted.rows()) {
      if (view.row(row.id()).isPresent()) {
        return refused(EditResult.CHANGED_SINCE, "the row exists again");
      }
      Map<ColumnId, CellValue> cells = new HashMap<>(row.cells());
      cells.keySet().removeIf(column -> view.schema().column(column).isEmpty());
      restored.add(new Row(row.id(), row.position(), row.version() + 1, cells));
    }
    var violations = new ArrayList<Violation>();
    RowChecks.uniqueness(view, restored, null, violations);
    if (!violations.isEmpty()) {
      return Change.refused(new EditResult.Rejected<>(violations));
    }
    return Change.rows(restored, List.of(), deleted, (rev, at, o) -> new SheetEvent.RowsAdded(deleted.sheet(), rev, at, o, restored, List.of()));
  }

  private static Change<SheetEvent> moveBack(View view, SheetEvent.RowMoved moved) {
    Optional<Row> current = view.row(moved.after().id());
    if (current.isEmpty()) {
      return refused(EditResult.ROW_GONE, "the row was deleted since");
    }
    if (current.get().position() != moved.after().position()) {
      return refused(EditResult.CHANGED_SINCE, "someone moved the row since");
    }
    Row back = current.get().atPosition(moved.before().position()).nextVersion();
    return Change.rows(List.of(back), List.of(), moved, (rev, at, o) -> new SheetEvent.RowMoved(moved.sheet(), rev, at, o, current.get(), back, List.of()));
  }

  private static List<ColumnId> columns(Row a, Row b) {
    var columns = new ArrayList<>(a.cells().keySet());
    for (ColumnId column : b.cells().keySet()) {
      if (!a.cells().containsKey(column)) {
        columns.add(column);
      }
    }
    return columns;
  }

  private static Change<SheetEvent> refused(String code, String message) {
    return Change.refused(new EditResult.Refused<>(code, message));
  }
}
