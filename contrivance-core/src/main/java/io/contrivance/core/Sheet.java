package io.contrivance.core;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.Rule;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.SheetValidator;
import io.contrivance.core.sheet.TypeChange;
import io.contrivance.core.sheet.ValidationReport;
import io.contrivance.core.sheet.Violation;
import io.contrivance.core.store.SheetStore;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ErrorCodes;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.core.type.ParseResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One sheet of a {@link Workbook}: read its schema and rows, edit them, validate, and listen to
 * changes. A handle: it holds no rows itself, so it always sees the store's current state. Reads see
 * committed edits only; an edit returns once it is committed.
 *
 * <p><b>Edits of data</b> ({@code addRow}, {@code updateRow}, {@code setCell}, …) parse text with
 * each column's type in the sheet's {@link io.contrivance.core.type.TextFormat}, validate the
 * result against every rule (uniqueness included) and are applied entirely or not at all. They never
 * throw on bad data: they return {@link EditResult.Rejected} with every violation. Updating a row
 * that already breaks a rule (say, a rule added later) is allowed as long as the update adds no new
 * violation, so that people can fix rows one cell at a time.
 *
 * <p><b>Edits of the schema</b> ({@code addColumn}, {@code renameColumn}, …) throw {@link
 * InvalidDefinitionException} for definitions that cannot work; they do not validate existing rows
 * against new rules (call {@link #validate()} for that).
 *
 * <p><b>Several people at once.</b> Every edit becomes one revision of the sheet and one {@link
 * SheetEvent}. Edits bound to an {@link Origin} with a base revision (see {@link #as}) are resolved
 * against what others changed since: an edit of a row or column deleted since is refused, a row
 * placed after a row deleted since goes where that row was, and two edits of one cell follow the
 * column's {@link io.contrivance.core.sheet.ConcurrentEdits} policy. Each author can {@link #undo()}
 * and {@link #redo()} their own edits.
 *
 * <p>Thread-safe. Listeners are called after the change is stored, in revision order, on the thread
 * that committed it (edits that arrive together are committed together, by one of their threads);
 * an exception thrown by a listener is logged and does not undo the edit. Listeners must not edit
 * the sheet.
 */
public final class Sheet {

  /** Space between the positions of rows added at the end, so that moves rarely renumber. */
  static final long POSITION_GAP = 1L << 16;
  /** Most rows one batch may add. */
  public static final int MAX_BATCH = 10_000;

  private final Workbook workbook;
  private final SheetId id;
  private final Origin origin;

  Sheet(Workbook workbook, SheetId id) {
    this(workbook, id, Origin.SYSTEM);
  }

  private Sheet(Workbook workbook, SheetId id, Origin origin) {
    this.workbook = workbook;
    this.id = id;
    this.origin = origin;
  }

  /**
   * A handle whose edits carry the given origin: who makes them (for events, the audit trail and
   * undo), and, for one client operation, its id and the revision it was made against (for resolving
   * concurrent edits, see {@link io.contrivance.core.sheet.ConcurrentEdits}).
   */
  public Sheet as(Origin newOrigin) {
    return new Sheet(workbook, id, Objects.requireNonNull(newOrigin, "origin"));
  }

  /** The origin this handle's edits carry; {@link Origin#SYSTEM} unless set with {@link #as}. */
  public Origin origin() {
    return origin;
  }

  /** Stops a listener. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  public SheetId id() {
    return id;
  }

  /**
   * The sheet's current schema. Served from memory when this workbook has committed to or read the
   * sheet in the last two seconds; another workbook's change on a shared store shows within that.
   *
   * @throws IllegalStateException if the sheet was deleted
   */
  public SheetSchema schema() {
    Optional<SheetSchema> fresh = workbook.sequencer(id).freshSchema();
    if (fresh.isPresent()) {
      return fresh.get();
    }
    return store().schema(id).orElseThrow(() -> new IllegalStateException("sheet " + id + " was deleted"));
  }

  /** The sheet's revision: one more with every change. */
  public long revision() {
    return store().revision(id);
  }

  public long rowCount() {
    return store().rowCount(id);
  }

  /** Every row, in order. */
  public List<Row> rows() {
    return store().rows(id);
  }

  /** Up to {@code limit} rows after a position, in order: pass the last position of one window to get the next. */
  public List<Row> rows(long afterPosition, int limit) {
    return store().rows(id, afterPosition, limit);
  }

  public Optional<Row> row(RowId row) {
    return store().row(id, row);
  }

  /** Checks every row against the current schema, uniqueness included. */
  public ValidationReport validate() {
    return workbook.validator(schema()).validate(rows());
  }

  /** Calls the listener with every change from now on, until the subscription is closed. */
  public Subscription onChange(Consumer<SheetEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    List<Consumer<SheetEvent>> list = workbook.listeners(id);
    list.add(listener);
    return () -> list.remove(listener);
  }

  // ---------------------------------------------------------------- rows

  /**
   * Adds a row at the end from text keyed by column id or name ({@code "Deal Value" -> "$1,200"}).
   * Columns not given are blank.
   */
  public EditResult<Row> addRow(Map<String, String> text) {
    EditResult<List<Row>> result = addRows(List.of(text));
    return single(result);
  }

  /** Adds rows at the end, all or none; at most {@link #MAX_BATCH}. */
  public EditResult<List<Row>> addRows(List<Map<String, String>> texts) {
    Objects.requireNonNull(texts, "texts");
    return addParsed(texts.size(), null, (schema, rowId, index, out) -> parseText(schema, rowId, texts.get(index), out));
  }

  /** Adds a row at the end from typed values. */
  public EditResult<Row> addRowValues(Map<ColumnId, CellValue> values) {
    Objects.requireNonNull(values, "values");
    return single(addParsed(1, null, (schema, rowId, index, out) -> acceptValues(schema, rowId, values, out)));
  }

  /** Adds rows at the end from typed values, all or none; at most {@link #MAX_BATCH}. */
  public EditResult<List<Row>> addRowsValues(List<Map<ColumnId, CellValue>> rows) {
    Objects.requireNonNull(rows, "rows");
    return addParsed(rows.size(), null, (schema, rowId, index, out) -> acceptValues(schema, rowId, rows.get(index), out));
  }

  /**
   * Adds rows at the end from typed values under ids the caller chose (for instance ids a client
   * generated before the server confirmed the rows), all or none.
   *
   * @throws IllegalArgumentException if the lists differ in size, an id repeats, or a row with one of
   *     the ids exists already
   */
  public EditResult<List<Row>> addRowsValues(List<RowId> ids, List<Map<ColumnId, CellValue>> rows) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(rows, "rows");
    if (ids.size() != rows.size() || new java.util.HashSet<>(ids).size() != ids.size()) {
      throw new IllegalArgumentException("give one distinct id per row: " + ids.size() + " ids for " + rows.size() + " rows");
    }
    return addParsed(rows.size(), ids, (schema, rowId, index, out) -> acceptValues(schema, rowId, rows.get(index), out));
  }

  /**
   * Adds rows from cells the caller has read itself (from JSON, say), under ids it chose, all or
   * none. A cell given as {@link ParseResult.Invalid} is reported with every other problem of the
   * batch (rules, uniqueness, unknown columns) in one {@link EditResult.Rejected}, so that people
   * see all their mistakes at once rather than in rounds.
   *
   * @throws IllegalArgumentException as {@link #addRowsValues(List, List)}
   */
  public EditResult<List<Row>> addRowsParsed(List<RowId> ids, List<Map<ColumnId, ParseResult>> rows) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(rows, "rows");
    if (ids.size() != rows.size() || new java.util.HashSet<>(ids).size() != ids.size()) {
      throw new IllegalArgumentException("give one distinct id per row: " + ids.size() + " ids for " + rows.size() + " rows");
    }
    return addParsed(rows.size(), ids, (schema, rowId, index, out) -> acceptParsed(schema, rowId, rows.get(index), out));
  }

  /** Sets cells of a row from cells the caller has read itself; see {@link #addRowsParsed} for unreadable cells. */
  public EditResult<Row> updateRowParsed(RowId row, Map<ColumnId, ParseResult> cells, OptionalLong expectedVersion) {
    Objects.requireNonNull(cells, "cells");
    return update(row, expectedVersion, (schema, out) -> acceptParsed(schema, row, cells, out));
  }

  /** Sets one cell from text. */
  public EditResult<Row> setCell(RowId row, ColumnId column, String text) {
    return updateRow(row, Map.of(column.value(), text), OptionalLong.empty());
  }

  /** Sets cells of a row from text keyed by column id or name, whatever the row's version. */
  public EditResult<Row> updateRow(RowId row, Map<String, String> text) {
    return updateRow(row, text, OptionalLong.empty());
  }

  /**
   * Sets cells of a row from text keyed by column id or name. With an expected version, the update
   * is refused with {@link EditResult.Conflict} if the row has changed since.
   */
  public EditResult<Row> updateRow(RowId row, Map<String, String> text, OptionalLong expectedVersion) {
    Objects.requireNonNull(text, "text");
    return update(row, expectedVersion, (schema, out) -> parseText(schema, row, text, out));
  }

  /** Sets cells of a row from typed values ({@link CellValue#BLANK} clears a cell). */
  public EditResult<Row> updateRowValues(RowId row, Map<ColumnId, CellValue> values, OptionalLong expectedVersion) {
    Objects.requireNonNull(values, "values");
    return update(row, expectedVersion, (schema, out) -> acceptValues(schema, row, values, out));
  }

  /**
   * Adds a row from typed values right after another row ({@code null}: at the top). If the anchor
   * was deleted after the edit's base revision, the row goes where the anchor was.
   *
   * @param newRow the new row's id, or null for a generated one
   */
  public EditResult<Row> insertRowValues(RowId after, RowId newRow, Map<ColumnId, CellValue> values) {
    Objects.requireNonNull(values, "values");
    return insertRowParsed(after, newRow, valid(values));
  }

  /** {@link #insertRowValues} from cells the caller has read itself; see {@link #addRowsParsed} for unreadable cells. */
  public EditResult<Row> insertRowParsed(RowId after, RowId newRow, Map<ColumnId, ParseResult> cells) {
    Objects.requireNonNull(cells, "cells");
    return write(
        false,
        view -> {
          RowId rowId = newRow != null ? newRow : RowId.of(workbook.ids().next());
          if (newRow != null && view.row(newRow).isPresent()) {
            throw new IllegalArgumentException("a row with id " + newRow + " exists already");
          }
          Optional<Placement> place = placeAfter(view, after, null);
          if (place.isEmpty()) {
            return Change.refused(new EditResult.Refused<>(EditResult.ROW_GONE, "the row to insert after, " + after + ", does not exist"));
          }
          SheetSchema schema = view.schema();
          var violations = new ArrayList<Violation>();
          Row row = Row.of(rowId, place.get().position(), acceptParsed(schema, rowId, cells, violations));
          List<Row> shifted = place.get().shifted();
          addUnlessUnreadable(view.validator().validateRow(row), violations);
          uniqueness(view, List.of(row), null, violations);
          if (!violations.isEmpty()) {
            return Change.refused(new EditResult.Rejected<>(violations));
          }
          var upserts = new ArrayList<Row>(shifted);
          upserts.add(row);
          return Change.rows(upserts, List.of(), row, (rev, at, o) -> new SheetEvent.RowsAdded(id, rev, at, o, List.of(row), shifted));
        });
  }

  /** Deletes a row. */
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
   * Moves a row right after another row ({@code null}: to the top). If the anchor was deleted after
   * the edit's base revision, the row goes where the anchor was.
   */
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

  private Change<Row> moveTo(Sequencer.View view, Row moving, RowId after) {
    Optional<Placement> place = placeAfter(view, after, moving.id());
    if (place.isEmpty()) {
      return Change.refused(new EditResult.Refused<>(EditResult.ROW_GONE, "the row to move after, " + after + ", does not exist"));
    }
    Row moved = moving.atPosition(place.get().position()).nextVersion();
    List<Row> shifted = place.get().shifted();
    var upserts = new ArrayList<Row>(shifted);
    upserts.add(moved);
    return Change.rows(upserts, List.of(), moved, (rev, at, o) -> new SheetEvent.RowMoved(id, rev, at, o, moving, moved, shifted));
  }

  /** Moves a row so that it ends at the given index of the sheet's order (clamped to the rows there are). */
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

  /**
   * Reverses this handle's author's last edit of the sheet that is not yet undone, as a new edit.
   * Refused ({@link EditResult.Refused}) when there is nothing to undo, when someone else has since
   * changed what the undo would restore (that edit is then forgotten, so the next undo goes further
   * back), or for schema changes, which cannot be undone.
   */
  public EditResult<SheetEvent> undo() {
    return reverse(Sequencer.Kind.UNDO);
  }

  /** Makes again the edit this handle's author last undid, as a new edit; refused like {@link #undo()}. */
  public EditResult<SheetEvent> redo() {
    return reverse(Sequencer.Kind.REDO);
  }

  private EditResult<SheetEvent> reverse(Sequencer.Kind kind) {
    if (origin.author() == null) {
      return new EditResult.Refused<>(EditResult.NOTHING_TO_UNDO, "only edits with an author can be undone; see Sheet.as");
    }
    UndoHistory history = workbook.history(id, origin.author());
    return write(
        kind,
        false,
        view -> {
          Optional<SheetEvent> last = kind == Sequencer.Kind.UNDO ? history.nextUndo() : history.nextRedo();
          if (last.isEmpty()) {
            return Change.refused(new EditResult.Refused<>(EditResult.NOTHING_TO_UNDO, "there is nothing to " + kind.name().toLowerCase(java.util.Locale.ROOT)));
          }
          Change<SheetEvent> change = Reversal.of(view, last.get());
          if (change.refusal() != null) {
            history.drop(last.get());
          }
          return change;
        });
  }

  // ---------------------------------------------------------------- columns

  /** Adds a column at the end. */
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

  /** Renames a column; names stay unique regardless of case. */
  public Column renameColumn(ColumnId column, String name) {
    Column renamed = existingColumn(schema(), column).withName(name);
    return schemaChange(schema -> schema.withColumn(existingColumn(schema, column).withName(name)), renamed);
  }

  /** Replaces a column's name, required flag, rules and display options; its id and type stay. */
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

  /** Moves a column to the given index (clamped). */
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

  /**
   * Deletes a column and its cells.
   *
   * @throws InvalidDefinitionException if rules of other columns test it
   */
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

  /** What changing a column's type would do to the rows, without changing anything. */
  public TypeChange previewTypeChange(ColumnId column, ColumnType to) {
    SheetSchema schema = schema();
    return TypeChangePlan.of(existingColumn(schema, column), to, rows(), schema.format()).report();
  }

  /**
   * Changes a column's type, converting every cell that can be converted. With {@link
   * TypeChange.Policy#REJECT_IF_LOSSY} nothing changes if any cell cannot be converted; with {@link
   * TypeChange.Policy#CLEAR_UNCONVERTIBLE} those cells are cleared. Either way the report lists every
   * such cell with its old text, and the rules dropped because they do not fit the new type.
   */
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

  /** Renames the sheet and replaces its description. */
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

  // ---------------------------------------------------------------- internals

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
      return new EditResult.Applied<>(List.of(), revision());
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
            RowId rowId = ids == null ? RowId.of(workbook.ids().next()) : ids.get(i);
            var rowViolations = new ArrayList<Violation>(0);
            Map<ColumnId, CellValue> values = reader.read(schema, rowId, i, rowViolations);
            position += POSITION_GAP;
            Row row = Row.of(rowId, position, values);
            addUnlessUnreadable(validator.validateRow(row), rowViolations);
            violations.addAll(rowViolations);
            rows.add(row);
          }
          uniqueness(view, rows, null, violations);
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
          uniqueness(view, List.of(edit.after()), changes.keySet(), violations);
          if (!violations.isEmpty()) {
            return Change.refused(new EditResult.Rejected<>(violations));
          }
          Row stored = edit.after().nextVersion();
          return Change.rows(
              List.of(stored), List.of(), stored, (rev, at, o) -> new SheetEvent.RowUpdated(id, rev, at, o, before, stored, edit.overwritten()));
        });
  }

  /**
   * Sets cells of several rows as one edit (a paste, a fill): all of it is stored in one revision,
   * or none of it — a cell that cannot be read or breaks a rule refuses the whole edit, each such
   * cell named. Undone as a whole. Rows whose cells end as they were are left out of the event.
   */
  public EditResult<List<Row>> updateRowsValues(Map<RowId, Map<ColumnId, CellValue>> rows) {
    Objects.requireNonNull(rows, "rows");
    var cells = new LinkedHashMap<RowId, Map<ColumnId, ParseResult>>();
    rows.forEach((row, values) -> cells.put(row, valid(values)));
    return updateRowsParsed(cells);
  }

  /** {@link #updateRowsValues} from cells the caller has read itself; see {@link #addRowsParsed} for unreadable cells. */
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
            Map<ColumnId, CellValue> changes = acceptParsed(view.schema(), entry.getKey(), entry.getValue(), rowViolations);
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
          uniqueness(view, edits.stream().map(RowEdit::after).toList(), columns, violations);
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
  private RowEdit decide(Sequencer.View view, Row before, Map<ColumnId, CellValue> changes, List<Violation> violations) {
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
    addUnlessUnreadable(added, violations);
    return new RowEdit(before, after, overwritten, false);
  }

  /**
   * Adds rule violations of one row, except those of cells whose input could not be read at all
   * (already in {@code out}): such a cell looks blank to the rules, and "required" on top of "not a
   * number" would only be noise.
   */
  static void addUnlessUnreadable(List<Violation> found, List<Violation> out) {
    if (found.isEmpty()) {
      return;
    }
    var unreadable = new java.util.HashSet<ColumnId>();
    for (Violation v : out) {
      unreadable.add(v.column());
    }
    for (Violation v : found) {
      if (!unreadable.contains(v.column())) {
        out.add(v);
      }
    }
  }

  private static boolean sameProblem(List<Violation> previous, Violation v) {
    for (Violation p : previous) {
      if (p.column().equals(v.column()) && p.code().equals(v.code())) {
        return true;
      }
    }
    return false;
  }

  /** Adds a violation for every unique-column value that another row (stored or in the batch) holds. */
  static void uniqueness(Sequencer.View view, List<Row> rows, Set<ColumnId> onlyColumns, List<Violation> out) {
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

  private static Map<ColumnId, CellValue> parseText(SheetSchema schema, RowId row, Map<String, String> text, List<Violation> out) {
    var values = new LinkedHashMap<ColumnId, CellValue>();
    for (Map.Entry<String, String> entry : text.entrySet()) {
      String key = Objects.requireNonNull(entry.getKey(), "column key");
      Optional<Column> column = schema.resolve(key);
      if (column.isEmpty()) {
        out.add(new Violation(row, safeColumnId(key), ErrorCodes.UNKNOWN_COLUMN, "the sheet has no column '" + key + "'"));
        continue;
      }
      String input = entry.getValue() == null ? "" : entry.getValue();
      ParseResult parsed = column.get().type().parse(input, schema.format());
      if (parsed instanceof ParseResult.Invalid invalid) {
        out.add(new Violation(row, column.get().id(), invalid.code(), column.get().name() + ": " + invalid.message()));
      } else {
        values.put(column.get().id(), ((ParseResult.Valid) parsed).value());
      }
    }
    return values;
  }

  static Map<ColumnId, CellValue> acceptValues(SheetSchema schema, RowId row, Map<ColumnId, CellValue> given, List<Violation> out) {
    return acceptParsed(schema, row, valid(given), out);
  }

  /** Cells read by the caller: unreadable ones become violations, unknown columns too. */
  static Map<ColumnId, CellValue> acceptParsed(SheetSchema schema, RowId row, Map<ColumnId, ParseResult> given, List<Violation> out) {
    var values = new LinkedHashMap<ColumnId, CellValue>();
    for (Map.Entry<ColumnId, ParseResult> entry : given.entrySet()) {
      Optional<Column> column = schema.column(entry.getKey());
      if (column.isEmpty()) {
        out.add(new Violation(row, entry.getKey(), ErrorCodes.UNKNOWN_COLUMN, "the sheet has no column '" + entry.getKey() + "'"));
        continue;
      }
      ParseResult accepted = Objects.requireNonNull(entry.getValue(), "cell") instanceof ParseResult.Valid valid ? column.get().type().accept(valid.value()) : entry.getValue();
      if (accepted instanceof ParseResult.Invalid invalid) {
        out.add(new Violation(row, column.get().id(), invalid.code(), column.get().name() + ": " + invalid.message()));
      } else {
        values.put(column.get().id(), ((ParseResult.Valid) accepted).value());
      }
    }
    return values;
  }

  private static Map<ColumnId, ParseResult> valid(Map<ColumnId, CellValue> values) {
    var cells = new LinkedHashMap<ColumnId, ParseResult>();
    values.forEach((column, value) -> cells.put(column, ParseResult.valid(Objects.requireNonNull(value, "value"))));
    return cells;
  }

  /** A column id for reporting an unknown key, even one that is not a valid id. */
  private static ColumnId safeColumnId(String key) {
    String cleaned = key.strip().replaceAll("\\p{Cntrl}", "");
    if (cleaned.length() > 128) {
      cleaned = cleaned.substring(0, 128).strip();
    }
    return ColumnId.of(cleaned.isEmpty() ? "?" : cleaned);
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

  /** Where a placed row goes, and other rows given new positions to make room. */
  private record Placement(long position, List<Row> shifted) {}

  /**
   * Where a row placed after {@code after} (null: at the top) goes, or empty if the anchor is
   * unknown. {@code moving} is the row being moved, if any: it does not count as a neighbour.
   */
  private Optional<Placement> placeAfter(Sequencer.View view, RowId after, RowId moving) {
    long anchor;
    if (after == null) {
      anchor = Long.MIN_VALUE;
    } else {
      Optional<Row> row = view.row(after);
      if (row.isPresent()) {
        anchor = row.get().position();
      } else {
        OptionalLong gone = Concurrency.deletedPosition(view, origin, after);
        if (gone.isEmpty()) {
          return Optional.empty();
        }
        anchor = gone.getAsLong();
      }
    }
    Optional<Row> next = view.nextAfter(anchor, moving);
    OptionalLong free;
    if (next.isEmpty()) {
      free = anchor == Long.MIN_VALUE ? OptionalLong.of(POSITION_GAP) : between(anchor, Long.MAX_VALUE);
    } else {
      free = between(anchor, next.get().position());
    }
    if (free.isPresent()) {
      return Optional.of(new Placement(free.getAsLong(), List.of()));
    }
    // No room between the neighbours: renumber the sheet, which needs every row.
    view.requireBarrier();
    var shifted = new ArrayList<Row>();
    long position = POSITION_GAP;
    long placed = Long.MIN_VALUE;
    boolean done = false;
    for (Row row : view.rows()) {
      if (row.id().equals(moving)) {
        continue;
      }
      if (!done && row.position() > anchor) {
        placed = position;
        position += POSITION_GAP;
        done = true;
      }
      if (row.position() != position) {
        shifted.add(row.atPosition(position));
      }
      position += POSITION_GAP;
    }
    return Optional.of(new Placement(done ? placed : position, shifted));
  }

  /** A free position strictly between two (exclusive), leaving room on both sides, if any. */
  private static OptionalLong between(long low, long high) {
    if (low == Long.MIN_VALUE) {
      return high > Long.MIN_VALUE + POSITION_GAP ? OptionalLong.of(high - POSITION_GAP) : OptionalLong.empty();
    }
    if (high == Long.MAX_VALUE) {
      return low < Long.MAX_VALUE - POSITION_GAP ? OptionalLong.of(low + POSITION_GAP) : OptionalLong.empty();
    }
    long gap = high - low;
    return gap >= 2 ? OptionalLong.of(low + gap / 2) : OptionalLong.empty();
  }

  /** Makes an event for a committed change: its revision, time and origin are known only then. */
  @FunctionalInterface
  interface EventFactory {
    SheetEvent create(long revision, Instant at, Origin origin);
  }

  /** What an edit wants to store, or the result it ends with without storing anything. */
  record Change<T>(
      EditResult<T> refusal,
      Optional<SheetSchema> schema,
      List<Row> upserts,
      List<RowId> deletes,
      T result,
      EventFactory event,
      SheetEvent undoes) {

    static <T> Change<T> refused(EditResult<T> result) {
      return new Change<>(result, Optional.empty(), List.of(), List.of(), null, null, null);
    }

    static <T> Change<T> rows(List<Row> upserts, List<RowId> deletes, T result, EventFactory event) {
      return new Change<>(null, Optional.empty(), upserts, deletes, result, event, null);
    }

    static <T> Change<T> schema(SheetSchema schema, List<Row> upserts, T result, EventFactory event) {
      return new Change<>(null, Optional.of(schema), upserts, List.of(), result, event, null);
    }

    /** The same change, marked as reversing an earlier event (for the undo history). */
    Change<T> reversing(SheetEvent event) {
      return new Change<>(refusal, schema, upserts, deletes, result, this.event, event);
    }
  }

  private <T> EditResult<T> write(boolean barrier, Sequencer.Edit<T> edit) {
    return write(Sequencer.Kind.EDIT, barrier, edit);
  }

  private <T> EditResult<T> write(Sequencer.Kind kind, boolean barrier, Sequencer.Edit<T> edit) {
    return workbook.sequencer(id).submit(origin, kind, barrier, edit);
  }

  private SheetStore store() {
    return workbook.store();
  }

  @Override
  public String toString() {
    return "Sheet[" + id + "]";
  }
}
