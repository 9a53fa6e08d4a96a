package io.contrivance.core.store;

import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.SheetValidator;
import io.contrivance.core.type.CellValue;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps sheets: their schemas, rows and revisions. The workbook validates every change before it
 * reaches the store; the store's part is to keep what it is given, atomically, and to refuse a
 * commit made against a revision that is no longer current (so that several workbooks, for example
 * several server instances, can share one store).
 *
 * <p>Implementations must be thread-safe. Rows are returned in position order.
 */
public interface SheetStore {

  /** A store that keeps everything in memory, for tests and for applications that persist elsewhere. */
  static SheetStore inMemory() {
    return new InMemorySheetStore();
  }

  /** The ids of every stored sheet. */
  List<SheetId> sheetIds();

  /** The sheet's schema, or empty if there is no such sheet. */
  Optional<SheetSchema> schema(SheetId sheet);

  /** The sheet's revision: 0 when created, one more with every commit. */
  long revision(SheetId sheet);

  /** One row of the sheet. */
  Optional<Row> row(SheetId sheet, RowId row);

  /** Every row of the sheet, in position order. */
  List<Row> rows(SheetId sheet);

  /** Up to {@code limit} rows after the given position (exclusive), in position order: a window for keyset paging. */
  List<Row> rows(SheetId sheet, long afterPosition, int limit);

  /** Which of the given rows exist. The default asks row by row; a database should ask once. */
  default Set<RowId> existing(SheetId sheet, Collection<RowId> rows) {
    var found = new HashSet<RowId>();
    for (RowId row : rows) {
      if (row(sheet, row).isPresent()) {
        found.add(row);
      }
    }
    return found;
  }

  /** The largest row position of the sheet, or {@link Long#MIN_VALUE} when it has no rows. */
  default long maxPosition(SheetId sheet) {
    List<Row> rows = rows(sheet);
    return rows.isEmpty() ? Long.MIN_VALUE : rows.get(rows.size() - 1).position();
  }

  /** How many rows the sheet has. */
  long rowCount(SheetId sheet);

  /**
   * Stores a new sheet with its first rows at revision 0.
   *
   * @param creator who creates it ({@link Origin#SYSTEM} for the application): a store shared by
   *     several users records its author as the sheet's owner
   * @throws IllegalStateException if a sheet with that id exists
   */
  void create(SheetSchema schema, List<Row> rows, Origin creator);

  /**
   * Applies a change atomically and moves the sheet to {@link Commit#revision()}.
   *
   * @throws StaleRevisionException if the sheet's revision is not {@code commit.baseRevision()}
   * @throws IllegalStateException if there is no such sheet
   */
  void commit(SheetId sheet, Commit commit);

  /** Removes a sheet and its rows; does nothing if there is none. */
  void delete(SheetId sheet);

  /**
   * A row other than {@code except} whose cell in the column is a duplicate of {@code value} under
   * {@link SheetValidator#uniqueKey}. The default scans every row; a database should use an index.
   */
  default Optional<RowId> findDuplicate(SheetId sheet, ColumnId column, CellValue value, RowId except) {
    Objects.requireNonNull(value, "value");
    Object key = SheetValidator.uniqueKey(value);
    for (Row row : rows(sheet)) {
      CellValue other = row.cell(column);
      if (!other.isBlank() && !row.id().equals(except) && SheetValidator.uniqueKey(other).equals(key)) {
        return Optional.of(row.id());
      }
    }
    return Optional.empty();
  }

  /**
   * The events committed after {@code revision}, in order, so that a client that saw that revision
   * can catch up; empty if the store no longer keeps them all (the client then needs a snapshot).
   * The default keeps none.
   */
  default Optional<List<SheetEvent>> eventsSince(SheetId sheet, long revision) {
    return revision == revision(sheet) ? Optional.of(List.of()) : Optional.empty();
  }

  /**
   * One atomic change of a sheet: one or more edits, each its own revision, stored together (the
   * workbook groups edits that arrive while a commit is under way into the next one).
   *
   * @param baseRevision the revision the change was made against; the sheet ends at {@link
   *     #revision()}
   * @param schema the new schema, if it changed
   * @param upserts rows to add or replace, whole
   * @param deletes rows to remove (none of them among the upserts)
   * @param events what happened, one event per revision, for the store's log (if it keeps one)
   */
  record Commit(long baseRevision, Optional<SheetSchema> schema, List<Row> upserts, List<RowId> deletes, List<SheetEvent> events) {
    public Commit {
      Objects.requireNonNull(schema, "schema");
      upserts = List.copyOf(upserts);
      deletes = List.copyOf(deletes);
      events = List.copyOf(events);
      if (events.isEmpty()) {
        throw new IllegalArgumentException("a commit records at least one event");
      }
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).revision() != baseRevision + i + 1) {
          throw new IllegalArgumentException("event " + i + " has revision " + events.get(i).revision() + ", expected " + (baseRevision + i + 1));
        }
      }
    }

    /** The sheet's revision after the commit. */
    public long revision() {
      return baseRevision + events.size();
    }
  }
}
