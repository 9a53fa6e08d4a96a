package io.contrivance.core;

import io.contrivance.core.collab.Engine;
import io.contrivance.core.collab.SheetEditor;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.TypeChange;
import io.contrivance.core.sheet.ValidationReport;
import io.contrivance.core.store.SheetStore;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.core.type.ParseResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

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

  /** Most rows one batch may add. */
  public static final int MAX_BATCH = SheetEditor.MAX_BATCH;

  private final Engine engine;
  private final SheetId id;
  private final Origin origin;
  private final boolean undoable;

  Sheet(Engine engine, SheetId id) {
    this(engine, id, Origin.SYSTEM, true);
  }

  private Sheet(Engine engine, SheetId id, Origin origin, boolean undoable) {
    this.engine = engine;
    this.id = id;
    this.origin = origin;
    this.undoable = undoable;
  }

  /**
   * A handle whose edits carry the given origin: who makes them (for events, the audit trail and
   * undo), and, for one client operation, its id and the revision it was made against (for resolving
   * concurrent edits, see {@link io.contrivance.core.sheet.ConcurrentEdits}).
   */
  public Sheet as(Origin newOrigin) {
    return new Sheet(engine, id, Objects.requireNonNull(newOrigin, "origin"), undoable);
  }

  /**
   * A handle whose edits stay off their author's undo history, for bulk work the application takes
   * back by other means (an import of a million rows would otherwise fill the history with its
   * batches, and {@link #undo()} would take back its last batch only). Events, the audit trail and
   * listeners are as for any edit.
   */
  public Sheet withoutUndo() {
    return new Sheet(engine, id, origin, false);
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
    Optional<SheetSchema> fresh = engine.freshSchema(id);
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
    return engine.validator(schema()).validate(rows());
  }

  /** Calls the listener with every change from now on, until the subscription is closed. */
  public Subscription onChange(Consumer<SheetEvent> listener) {
    Runnable unsubscribe = engine.subscribe(id, listener);
    return unsubscribe::run;
  }

  // ---------------------------------------------------------------- edits (decided by the collaboration engine)


  /**
   * Adds a row at the end from text keyed by column id or name ({@code "Deal Value" -> "$1,200"}).
   * Columns not given are blank.
   */
  public EditResult<Row> addRow(Map<String, String> text) {
    return editor().addRow(text);
  }

  /** Adds rows at the end, all or none; at most {@link #MAX_BATCH}. */
  public EditResult<List<Row>> addRows(List<Map<String, String>> texts) {
    return editor().addRows(texts);
  }

  /** Adds a row at the end from typed values. */
  public EditResult<Row> addRowValues(Map<ColumnId, CellValue> values) {
    return editor().addRowValues(values);
  }

  /** Adds rows at the end from typed values, all or none; at most {@link #MAX_BATCH}. */
  public EditResult<List<Row>> addRowsValues(List<Map<ColumnId, CellValue>> rows) {
    return editor().addRowsValues(rows);
  }

  /**
   * Adds rows at the end from typed values under ids the caller chose (for instance ids a client
   * generated before the server confirmed the rows), all or none.
   *
   * @throws IllegalArgumentException if the lists differ in size, an id repeats, or a row with one of
   *     the ids exists already
   */
  public EditResult<List<Row>> addRowsValues(List<RowId> ids, List<Map<ColumnId, CellValue>> rows) {
    return editor().addRowsValues(ids, rows);
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
    return editor().addRowsParsed(ids, rows);
  }

  /** Sets cells of a row from cells the caller has read itself; see {@link #addRowsParsed} for unreadable cells. */
  public EditResult<Row> updateRowParsed(RowId row, Map<ColumnId, ParseResult> cells, OptionalLong expectedVersion) {
    return editor().updateRowParsed(row, cells, expectedVersion);
  }

  /** Sets one cell from text. */
  public EditResult<Row> setCell(RowId row, ColumnId column, String text) {
    return editor().setCell(row, column, text);
  }

  /** Sets cells of a row from text keyed by column id or name, whatever the row's version. */
  public EditResult<Row> updateRow(RowId row, Map<String, String> text) {
    return editor().updateRow(row, text);
  }

  /**
   * Sets cells of a row from text keyed by column id or name. With an expected version, the update
   * is refused with {@link EditResult.Conflict} if the row has changed since.
   */
  public EditResult<Row> updateRow(RowId row, Map<String, String> text, OptionalLong expectedVersion) {
    return editor().updateRow(row, text, expectedVersion);
  }

  /** Sets cells of a row from typed values ({@link CellValue#BLANK} clears a cell). */
  public EditResult<Row> updateRowValues(RowId row, Map<ColumnId, CellValue> values, OptionalLong expectedVersion) {
    return editor().updateRowValues(row, values, expectedVersion);
  }

  /**
   * Adds a row from typed values right after another row ({@code null}: at the top). If the anchor
   * was deleted after the edit's base revision, the row goes where the anchor was.
   *
   * @param newRow the new row's id, or null for a generated one
   */
  public EditResult<Row> insertRowValues(RowId after, RowId newRow, Map<ColumnId, CellValue> values) {
    return editor().insertRowValues(after, newRow, values);
  }

  /** {@link #insertRowValues} from cells the caller has read itself; see {@link #addRowsParsed} for unreadable cells. */
  public EditResult<Row> insertRowParsed(RowId after, RowId newRow, Map<ColumnId, ParseResult> cells) {
    return editor().insertRowParsed(after, newRow, cells);
  }

  /** Deletes a row. */
  public EditResult<Row> deleteRow(RowId row) {
    return editor().deleteRow(row);
  }

  /** Deletes several rows as one edit (undone as one); ids of rows already gone are ignored. At most 10,000. */
  public EditResult<List<Row>> deleteRows(Collection<RowId> rows) {
    return editor().deleteRows(rows);
  }

  /**
   * Moves a row right after another row ({@code null}: to the top). If the anchor was deleted after
   * the edit's base revision, the row goes where the anchor was.
   */
  public EditResult<Row> moveRowAfter(RowId row, RowId after) {
    return editor().moveRowAfter(row, after);
  }

  /** Moves a row so that it ends at the given index of the sheet's order (clamped to the rows there are). */
  public EditResult<Row> moveRow(RowId row, int toIndex) {
    return editor().moveRow(row, toIndex);
  }

  /**
   * Reverses this handle's author's last edit of the sheet that is not yet undone, as a new edit.
   * Refused ({@link EditResult.Refused}) when there is nothing to undo, when someone else has since
   * changed what the undo would restore (that edit is then forgotten, so the next undo goes further
   * back), or for schema changes, which cannot be undone.
   */
  public EditResult<SheetEvent> undo() {
    return editor().undo();
  }

  /** Makes again the edit this handle's author last undid, as a new edit; refused like {@link #undo()}. */
  public EditResult<SheetEvent> redo() {
    return editor().redo();
  }


  /** Adds a column at the end. */
  public Column addColumn(Column column) {
    return editor().addColumn(column);
  }

  /** Renames a column; names stay unique regardless of case. */
  public Column renameColumn(ColumnId column, String name) {
    return editor().renameColumn(column, name);
  }

  /** Replaces a column's name, required flag, rules and display options; its id and type stay. */
  public Column updateColumn(Column changed) {
    return editor().updateColumn(changed);
  }

  /** Moves a column to the given index (clamped). */
  public void moveColumn(ColumnId column, int toIndex) {
    editor().moveColumn(column, toIndex);
  }

  /**
   * Deletes a column and its cells.
   *
   * @throws InvalidDefinitionException if rules of other columns test it
   */
  public void deleteColumn(ColumnId column) {
    editor().deleteColumn(column);
  }

  /** What changing a column's type would do to the rows, without changing anything. */
  public TypeChange previewTypeChange(ColumnId column, ColumnType to) {
    return editor().previewTypeChange(column, to);
  }

  /**
   * Changes a column's type, converting every cell that can be converted. With {@link
   * TypeChange.Policy#REJECT_IF_LOSSY} nothing changes if any cell cannot be converted; with {@link
   * TypeChange.Policy#CLEAR_UNCONVERTIBLE} those cells are cleared. Either way the report lists every
   * such cell with its old text, and the rules dropped because they do not fit the new type.
   */
  public TypeChange changeColumnType(ColumnId column, ColumnType to, TypeChange.Policy policy) {
    return editor().changeColumnType(column, to, policy);
  }

  /** Renames the sheet and replaces its description. */
  public SheetSchema describe(String name, String description) {
    return editor().describe(name, description);
  }

  /**
   * Sets cells of several rows as one edit (a paste, a fill): all of it is stored in one revision,
   * or none of it — a cell that cannot be read or breaks a rule refuses the whole edit, each such
   * cell named. Undone as a whole. Rows whose cells end as they were are left out of the event.
   */
  public EditResult<List<Row>> updateRowsValues(Map<RowId, Map<ColumnId, CellValue>> rows) {
    return editor().updateRowsValues(rows);
  }

  /** {@link #updateRowsValues} from cells the caller has read itself; see {@link #addRowsParsed} for unreadable cells. */
  public EditResult<List<Row>> updateRowsParsed(Map<RowId, Map<ColumnId, ParseResult>> rows) {
    return editor().updateRowsParsed(rows);
  }

  private SheetEditor editor() {
    return undoable ? engine.editor(id, origin) : engine.untrackedEditor(id, origin);
  }

  private SheetStore store() {
    return engine.store();
  }

  @Override
  public String toString() {
    return "Sheet[" + id + "]";
  }
}
