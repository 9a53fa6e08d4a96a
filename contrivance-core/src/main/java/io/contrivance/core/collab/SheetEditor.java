package io.contrivance.core.collab;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.Rule;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.SheetValidator;
import io.contrivance.core.sheet.TypeChange;
import io.contrivance.core.sheet.Violation;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.core.type.ParseResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The edits of one sheet made with one {@link Origin}: each method decides its edit against the
 * sheet's tentative state (through a {@link View}), validates it, and submits it to the
 * sheet's sequencer, which commits it. Each does what the {@code Sheet} method of the same name
 * documents; {@code Sheet} is the facade embedders call.
 */
public final class SheetEditor {

  /** Most rows one batch may add. */
  public static final int MAX_BATCH = 10_000;

  private final Engine engine;
  private final SheetId id;
  private final Origin origin;
  private final boolean undoable;

  SheetEditor(Engine engine, SheetId id, Origin origin, boolean undoable) {
    this.engine = engine;
    this.id = Objects.requireNonNull(id, "id");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.undoable = undoable;
  }

  private SheetSchema schema() {
    return engine.freshSchema(id).orElseGet(() -> engine.store().schema(id).orElseThrow(() -> new IllegalStateException("sheet " + id + " was deleted")));
  }

  private List<Row> rows() {
    return engine.store().rows(id);
  }


  public EditResult<Row> addRow(Map<String, String> text) {
    EditResult<List<Row>> result = addRows(List.of(text));
    return single(result);
  }

  public EditResult<List<Row>> addRows(List<Map<String, String>> texts) {
    Objects.requireNonNull(texts, "texts");
    return addParsed(texts.size(), null, (schema, rowId, index, out) -> CellInput.parseText(schema, rowId, texts.get(index), out));
  }

  public EditResult<Row> addRowValues(Map<ColumnId, CellValue> values) {
    Objects.requireNonNull(values, "values");
    return single(addParsed(1, null, (schema, rowId, index, out) -> CellInput.acceptValues(schema, rowId, values, out)));
  }

  public EditResult<List<Row>> addRowsValues(List<Map<ColumnId, CellValue>> rows) {
    Objects.requireNonNull(rows, "rows");
    return addParsed(rows.size(), null, (schema, rowId, index, out) -> CellInput.acceptValues(schema, rowId, rows.get(index), out));
  }

  public EditResult<List<Row>> addRowsValues(List<RowId> ids, List<Map<ColumnId, CellValue>> rows) {
    Objects.requireNonNull(rows, "rows");
    return addRowsParsed(ids, rows.stream().map(CellInput::valid).toList());
  }

  public EditResult<List<Row>> addRowsParsed(List<RowId> ids, List<Map<ColumnId, ParseResult>> rows) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(rows, "rows");
    if (ids.size() != rows.size() || new HashSet<>(ids).size() != ids.size()) {
      throw new IllegalArgumentException("give one distinct id per row: " + ids.size() + " ids for " + rows.size() + " rows");
    }
    return addParsed(rows.size(), ids, (schema, rowId, index, out) -> CellInput.acceptParsed(schema, rowId, rows.get(index), out));
  }

  public EditResult<Row> updateRowParsed(RowId row, Map<ColumnId, ParseResult> cells, OptionalLong expectedVersion) {
    Objects.requireNonNull(cells, "cells");
    return update(row, expectedVersion, (schema, out) -> CellInput.acceptParsed(schema, row, cells, out));
  }

  public EditResult<Row> setCell(RowId row, ColumnId column, String text) {
    return updateRow(row, Map.of(column.value(), text), OptionalLong.empty());
  }

  public EditResult<Row> updateRow(RowId row, Map<String, String> text) {
    return updateRow(row, text, OptionalLong.empty());
  }

  public EditResult<Row> updateRow(RowId row, Map<String, String> text, OptionalLong expectedVersion) {
    Objects.requireNonNull(text, "text");
    return update(row, expectedVersion, (schema, out) -> CellInput.parseText(schema, row, text, out));
  }

  public EditResult<Row> updateRowValues(RowId row, Map<ColumnId, CellValue> values, OptionalLong expectedVersion) {
    Objects.requireNonNull(values, "values");
    return update(row, expectedVersion, (schema, out) -> CellInput.acceptValues(schema, row, values, out));
  }

  public EditResult<Row> insertRowValues(RowId after, RowId newRow, Map<ColumnId, CellValue> values) {
    Objects.requireNonNull(values, "values");
    return insertRowParsed(after, newRow, CellInput.valid(values));
  }

  public EditResult<Row> insertRowParsed(RowId after, RowId newRow, Map<ColumnId, ParseResult> cells) {
    Objects.requireNonNull(cells, "cells");
    return write(
        false,
        view -> {
          RowId rowId = newRow != null ? newRow : RowId.of(engine.ids().next());
          if (newRow != null && view.row(newRow).isPresent()) {
            throw new IllegalArgumentException("a row with id " + newRow + " exists already");
          }
          Optional<Placement> place = Placement.after(view, origin, after, null);
          if (place.isEmpty()) {
            return Change.refused(new EditResult.Refused<>(EditResult.ROW_GONE, "the row to insert after, " + after + ", does not exist"));
          }
          SheetSchema schema = view.schema();
          var violations = new ArrayList<Violation>();
          Row row = Row.of(rowId, place.get().position(), CellInput.acceptParsed(schema, rowId, cells, violations));
          List<Row> shifted = place.get().shifted();
          RowChecks.addUnlessUnreadable(view.validator().validateRow(row), violations);
          RowChecks.uniqueness(view, List.of(row), null, violations);
          if (!violations.isEmpty()) {
            return Change.refused(new EditResult.Rejected<>(violations));
          }
          var upserts = new ArrayList<Row>(shifted);
          upserts.add(row);
          return Change.rows(upserts, List.of(), row, (rev, at, o) -> new SheetEvent.RowsAdded(id, rev, at, o, List.of(row), shifted));
        });
  }

  public EditResult<Row> deleteRow(RowId row) {
    Objects.requireNonNull(row, "row");
    return write(
        false,
        view -> {
          Optional<Row> existing = view.row(row);
          if (existing.isEmpty()) {
            return Change.refused(new EditResult.NotFound<>(row));
          }
          return Change.rows(
              List.of(), List.of(row), existing.get(), (rev, at, o) -> new SheetEvent.RowsDeleted(id, rev, at, o, List.of(existing.get())));
        });
  }

  /**
   * Deletes the rows that exist of those given, as one edit; rows already gone are left out. Nothing
   * to delete is no edit at all (the answer is then empty, at the current revision).
   */
  public EditResult<List<Row>> deleteRows(Collection<RowId> rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.size() > MAX_BATCH) {
      throw new IllegalArgumentException("an edit can delete at most " + MAX_BATCH + " rows, got " + rows.size());
    }
    return write(
        false,
        view -> {
          var doomed = new ArrayList<Row>(rows.size());
          for (RowId row : new LinkedHashSet<>(rows)) {
            view.row(row).ifPresent(doomed::add);
          }
          if (doomed.isEmpty()) {
            return Change.refused(new EditResult.Applied<>(List.of(), view.revision()));
          }
          List<RowId> ids = doomed.stream().map(Row::id).toList();
          return Change.rows(List.of(), ids, List.copyOf(doomed), (rev, at, o) -> new SheetEvent.RowsDeleted(id, rev, at, o, doomed));
        });
  }

  public EditResult<Row> moveRowAfter(RowId row, RowId after) {
    Objects.requireNonNull(row, "row");
    return write(
        false,
        view -> {
          Optional<Row> existing = view.row(row);
          if (existing.isEmpty()) {
            return Change.refused(new EditResult.NotFound<>(row));
          }
          if (row.equals(after)) {
            return Change.refused(new EditResult.Applied<>(existing.get(), view.revision()));
          }
          return moveTo(view, existing.get(), after);
        });
  }

  private Change<Row> moveTo(View view, Row moving, RowId after) {
    Optional<Placement> place = Placement.after(view, origin, after, moving.id());
    if (place.isEmpty()) {
      return Change.refused(new EditResult.Refused<>(EditResult.ROW_GONE, "the row to move after, " + after + ", does not exist"));
    }
    Row moved = moving.atPosition(place.get().position()).nextVersion();
    List<Row> shifted = place.get().shifted();
    var upserts = new ArrayList<Row>(shifted);
    upserts.add(moved);
    return Change.rows(upserts, List.of(), moved, (rev, at, o) -> new SheetEvent.RowMoved(id, rev, at, o, moving, moved, shifted));
  }

  public EditResult<Row> moveRow(RowId row, int toIndex) {
    Objects.requireNonNull(row, "row");
    return write(
        true,
        view -> {
          List<Row> rows = new ArrayList<>(view.rows());
          int from = indexOf(rows, row);
          if (from < 0) {
            return Change.refused(new EditResult.NotFound<>(row));
          }
          Row moving = rows.remove(from);
          int to = Math.max(0, Math.min(toIndex, rows.size()));
          return moveTo(view, moving, to == 0 ? null : rows.get(to - 1).id());
        });
  }

  public EditResult<SheetEvent> undo() {
    return reverse(Sequencer.Kind.UNDO);
  }

  public EditResult<SheetEvent> redo() {
    return reverse(Sequencer.Kind.REDO);
  }

  private EditResult<SheetEvent> reverse(Sequencer.Kind kind) {
    if (origin.author() == null) {
      return new EditResult.Refused<>(EditResult.NOTHING_TO_UNDO, "only edits with an author can be undone; see Sheet.as");
    }
    UndoHistory history = engine.history(id, origin.author());
    return write(
        kind,
        false,
        view -> {
          Optional<SheetEvent> last = kind == Sequencer.Kind.UNDO ? history.nextUndo() : history.nextRedo();
          if (last.isEmpty()) {
            return Change.refused(new EditResult.Refused<>(EditResult.NOTHING_TO_UNDO, "there is nothing to " + kind.name().toLowerCase(Locale.ROOT)));
          }
          Change<SheetEvent> change = Reversal.of(view, last.get());
          if (change.refusal() != null) {
            history.drop(last.get());
          }
          return change;
        });
  }


  public Column addColumn(Column column) {
    Objects.requireNonNull(column, "column");
    return schemaChange(
        schema -> {
          var columns = new ArrayList<>(schema.columns());
          columns.add(column);
          return schema.withColumns(columns);
        },
        column);
  }

  public Column renameColumn(ColumnId column, String name) {
    Column renamed = existingColumn(schema(), column).withName(name);
    return schemaChange(schema -> schema.withColumn(existingColumn(schema, column).withName(name)), renamed);
  }

  public Column updateColumn(Column changed) {
    Objects.requireNonNull(changed, "changed");
    return schemaChange(
        schema -> {
          Column current = existingColumn(schema, changed.id());
          if (!current.type().equals(changed.type())) {
            throw new InvalidDefinitionException("change the type of " + current.name() + " with changeColumnType, which converts the cells");
          }
          return schema.withColumn(changed);
        },
        changed);
  }

  public void moveColumn(ColumnId column, int toIndex) {
    schemaChange(
        schema -> {
          var columns = new ArrayList<>(schema.columns());
          Column moving = existingColumn(schema, column);
          columns.remove(moving);
          columns.add(Math.max(0, Math.min(toIndex, columns.size())), moving);
          return schema.withColumns(columns);
        },
        null);
  }

  public void deleteColumn(ColumnId column) {
    write(
        true,
        view -> {
          SheetSchema schema = view.schema();
          Column doomed = existingColumn(schema, column);
          var dependents = new ArrayList<String>();
          for (Column other : schema.columns()) {
            for (Rule rule : other.rules()) {
              if (rule instanceof Rule.RequiredWhen when && when.condition().column().equals(column)) {
                dependents.add(other.name() + " has a rule that tests " + doomed.name());
              }
            }
          }
          if (!dependents.isEmpty()) {
            throw new InvalidDefinitionException(dependents);
          }
          var columns = new ArrayList<>(schema.columns());
          columns.remove(doomed);
          SheetSchema after = schema.withColumns(columns);
          var rewritten = new ArrayList<Row>();
          for (Row row : view.rows()) {
            if (!row.cell(column).isBlank()) {
              rewritten.add(row.with(column, CellValue.BLANK).nextVersion());
            }
          }
          return Change.schema(after, rewritten, null, (rev, at, o) -> new SheetEvent.SchemaChanged(id, rev, at, o, schema, after, rewritten));
        });
  }

  public TypeChange previewTypeChange(ColumnId column, ColumnType to) {
    SheetSchema schema = schema();
    return TypeChangePlan.of(existingColumn(schema, column), to, rows(), schema.format()).report();
  }

  public TypeChange changeColumnType(ColumnId column, ColumnType to, TypeChange.Policy policy) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(policy, "policy");
    EditResult<TypeChange> result =
        write(
            true,
            view -> {
              SheetSchema schema = view.schema();
              TypeChangePlan plan = TypeChangePlan.of(existingColumn(schema, column), to, view.rows(), schema.format());
              if (!plan.report().isLossless() && policy == TypeChange.Policy.REJECT_IF_LOSSY) {
                return Change.refused(new EditResult.Applied<>(plan.report(), view.revision()));
              }
              SheetSchema after = schema.withColumn(plan.column());
              return Change.schema(
                  after,
                  plan.changedRows(),
                  plan.appliedReport(),
                  (rev, at, o) -> new SheetEvent.SchemaChanged(id, rev, at, o, schema, after, plan.changedRows()));
            });
    return result.value();
  }

  public SheetSchema describe(String name, String description) {
    return write(
            false,
            view -> {
              SheetSchema before = view.schema();
              SheetSchema after = before.withName(name).withDescription(description);
              return Change.schema(after, List.of(), after, (rev, at, o) -> new SheetEvent.SchemaChanged(id, rev, at, o, before, after, List.of()));
            })
        .value();
  }


  /** Reads one row's input into values, adding violations for what cannot be read. */
  @FunctionalInterface
  private interface Reader {
    Map<ColumnId, CellValue> read(SheetSchema schema, RowId row, int index, List<Violation> out);
  }

  @FunctionalInterface
  private interface UpdateReader {
    Map<ColumnId, CellValue> read(SheetSchema schema, List<Violation> out);
  }

  private EditResult<List<Row>> addParsed(int count, List<RowId> ids, Reader reader) {
    if (count == 0) {
      return new EditResult.Applied<>(List.of(), engine.store().revision(id));
    }
    if (count > MAX_BATCH) {
      throw new IllegalArgumentException("a batch can add at most " + MAX_BATCH + " rows, got " + count);
    }
    return write(
        false,
        view -> {
          SheetSchema schema = view.schema();
          SheetValidator validator = view.validator();
          if (ids != null) {
            var taken = view.existing(ids);
            if (!taken.isEmpty()) {
              throw new IllegalArgumentException("rows with ids " + taken + " exist already");
            }
          }
          var violations = new ArrayList<Violation>();
          var rows = new ArrayList<Row>(count);
          long position = view.maxPosition();
          position = position == Long.MIN_VALUE ? 0 : position;
          for (int i = 0; i < count; i++) {
            RowId rowId = ids == null ? RowId.of(engine.ids().next()) : ids.get(i);
            var rowViolations = new ArrayList<Violation>(0);
            Map<ColumnId, CellValue> values = reader.read(schema, rowId, i, rowViolations);
            position += Placement.GAP;
            Row row = Row.of(rowId, position, values);
            RowChecks.addUnlessUnreadable(validator.validateRow(row), rowViolations);
            violations.addAll(rowViolations);
            rows.add(row);
          }
          RowChecks.uniqueness(view, rows, null, violations);
          if (!violations.isEmpty()) {
            return Change.refused(new EditResult.Rejected<>(violations));
          }
          return Change.rows(rows, List.of(), List.copyOf(rows), (rev, at, o) -> new SheetEvent.RowsAdded(id, rev, at, o, rows, List.of()));
        });
  }

  private EditResult<Row> update(RowId rowId, OptionalLong expectedVersion, UpdateReader reader) {
    Objects.requireNonNull(rowId, "row");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
    return write(
        false,
        view -> {
          Optional<Row> existing = view.row(rowId);
          if (existing.isEmpty()) {
            return Change.refused(new EditResult.NotFound<>(rowId));
          }
          Row before = existing.get();
          if (expectedVersion.isPresent() && expectedVersion.getAsLong() != before.version()) {
            return Change.refused(new EditResult.Conflict<>(before));
          }
          var violations = new ArrayList<Violation>();
          Map<ColumnId, CellValue> changes = reader.read(view.schema(), violations);
          RowEdit edit = decide(view, before, changes, violations);
          if (edit.conflict()) {
            return Change.refused(new EditResult.Conflict<>(before));
          }
          if (violations.isEmpty() && edit.unchanged()) {
            return Change.refused(new EditResult.Applied<>(before, view.revision()));
          }
          RowChecks.uniqueness(view, List.of(edit.after()), changes.keySet(), violations);
          if (!violations.isEmpty()) {
            return Change.refused(new EditResult.Rejected<>(violations));
          }
          Row stored = edit.after().nextVersion();
          return Change.rows(
              List.of(stored), List.of(), stored, (rev, at, o) -> new SheetEvent.RowUpdated(id, rev, at, o, before, stored, edit.overwritten()));
        });
  }

  public EditResult<List<Row>> updateRowsValues(Map<RowId, Map<ColumnId, CellValue>> rows) {
    Objects.requireNonNull(rows, "rows");
    var cells = new LinkedHashMap<RowId, Map<ColumnId, ParseResult>>();
    rows.forEach((row, values) -> cells.put(row, CellInput.valid(values)));
    return updateRowsParsed(cells);
  }

  public EditResult<List<Row>> updateRowsParsed(Map<RowId, Map<ColumnId, ParseResult>> rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.size() > MAX_BATCH) {
      throw new IllegalArgumentException("an edit can change at most " + MAX_BATCH + " rows, got " + rows.size());
    }
    return write(
        false,
        view -> {
          var violations = new ArrayList<Violation>();
          var edits = new ArrayList<RowEdit>(rows.size());
          var columns = new HashSet<ColumnId>();
          for (Map.Entry<RowId, Map<ColumnId, ParseResult>> entry : rows.entrySet()) {
            Optional<Row> existing = view.row(entry.getKey());
            if (existing.isEmpty()) {
              return Change.refused(new EditResult.NotFound<>(entry.getKey()));
            }
            var rowViolations = new ArrayList<Violation>(0);
            Map<ColumnId, CellValue> changes = CellInput.acceptParsed(view.schema(), entry.getKey(), entry.getValue(), rowViolations);
            RowEdit edit = decide(view, existing.get(), changes, rowViolations);
            if (edit.conflict()) {
              return Change.refused(new EditResult.Conflict<>(existing.get()));
            }
            violations.addAll(rowViolations);
            columns.addAll(changes.keySet());
            if (!edit.unchanged()) {
              edits.add(edit);
            }
          }
          RowChecks.uniqueness(view, edits.stream().map(RowEdit::after).toList(), columns, violations);
          if (!violations.isEmpty()) {
            return Change.refused(new EditResult.Rejected<>(violations));
          }
          if (edits.isEmpty()) {
            return Change.refused(new EditResult.Applied<>(List.of(), view.revision()));
          }
          List<Row> stored = edits.stream().map(e -> e.after().nextVersion()).toList();
          return Change.rows(
              stored,
              List.of(),
              stored,
              (rev, at, o) -> {
                var updates = new ArrayList<SheetEvent.RowUpdated>(edits.size());
                for (int i = 0; i < edits.size(); i++) {
                  updates.add(new SheetEvent.RowUpdated(id, rev, at, o, edits.get(i).before(), stored.get(i), edits.get(i).overwritten()));
                }
                return new SheetEvent.RowsUpdated(id, rev, at, o, updates);
              });
        });
  }

  /** One row's update as decided against the sheet: the row after it (not yet versioned), what it overwrote. */
  private record RowEdit(Row before, Row after, List<SheetEvent.Overwrite> overwritten, boolean conflict) {
    boolean unchanged() {
      return after.cells().equals(before.cells());
    }
  }

  /**
   * Decides one row's update: resolves it against concurrent edits by the columns' policies (a
   * conflict when one flags it) and adds the rule violations it would bring to {@code violations},
   * which holds the cells that could not be read. Uniqueness is checked by the caller, over all rows.
   */
  private RowEdit decide(View view, Row before, Map<ColumnId, CellValue> changes, List<Violation> violations) {
    var overwritten = new ArrayList<SheetEvent.Overwrite>();
    if (violations.isEmpty() && !Concurrency.resolve(view, origin, before, changes, overwritten)) {
      return new RowEdit(before, before, List.of(), true);
    }
    Row after = before.withCells(changes);
    if (violations.isEmpty() && after.cells().equals(before.cells())) {
      return new RowEdit(before, after, List.of(), false);
    }
    SheetValidator validator = view.validator();
    List<Violation> previous = validator.validateRow(before);
    var added = new ArrayList<Violation>();
    for (Violation v : validator.validateRow(after)) {
      if (changes.containsKey(v.column()) || !sameProblem(previous, v)) {
        added.add(v);
      }
    }
    RowChecks.addUnlessUnreadable(added, violations);
    return new RowEdit(before, after, overwritten, false);
  }

  private static boolean sameProblem(List<Violation> previous, Violation v) {
    for (Violation p : previous) {
      if (p.column().equals(v.column()) && p.code().equals(v.code())) {
        return true;
      }
    }
    return false;
  }

  private static Column existingColumn(SheetSchema schema, ColumnId column) {
    return schema.column(column).orElseThrow(() -> new InvalidDefinitionException("the sheet has no column '" + column + "'"));
  }

  private static int indexOf(List<Row> rows, RowId row) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).id().equals(row)) {
        return i;
      }
    }
    return -1;
  }

  private static <T> EditResult<T> single(EditResult<List<T>> result) {
    if (result instanceof EditResult.Applied<List<T>> applied) {
      return new EditResult.Applied<>(applied.result().get(0), applied.revision());
    }
    if (result instanceof EditResult.Rejected<List<T>> rejected) {
      return new EditResult.Rejected<>(rejected.problems());
    }
    throw new IllegalStateException("adding rows cannot end in " + result);
  }

  private <T> T schemaChange(Function<SheetSchema, SheetSchema> change, T result) {
    return write(
            false,
            view -> {
              SheetSchema before = view.schema();
              SheetSchema after = change.apply(before);
              return Change.schema(after, List.of(), result, (rev, at, o) -> new SheetEvent.SchemaChanged(id, rev, at, o, before, after, List.of()));
            })
        .value();
  }

  private <T> EditResult<T> write(boolean barrier, Sequencer.Edit<T> edit) {
    return write(undoable ? Sequencer.Kind.EDIT : Sequencer.Kind.UNTRACKED, barrier, edit);
  }

  private <T> EditResult<T> write(Sequencer.Kind kind, boolean barrier, Sequencer.Edit<T> edit) {
    return engine.sequencer(id).submit(origin, kind, barrier, edit);
  }
}
