package io.contrivance.server.io;

import io.contrivance.core.Sheet;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.SheetValidator;
import io.contrivance.core.sheet.Violation;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.server.sheet.RowLookup;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One try at running an import: reads the stored file from its last checkpoint, a batch of
 * {@value #BATCH} rows at a time, and writes each batch through the core engine (parsing by the
 * column types, every rule, one revision per batch, live to everyone on the sheet).
 *
 * <p><b>Never twice.</b> Rows the import adds get ids made of the import's id and their row number in
 * the file, so a batch written just before a crash is recognised when the import resumes (its rows
 * exist), and undo finds them all by that prefix. A row the import changes or deletes is copied to
 * {@code import_changes} before the change, once. Progress and the batch's refusals are saved with
 * the checkpoint in one transaction.
 *
 * <p><b>All or nothing.</b> With {@code on_error=abort} the first refused row stops the import and
 * everything it wrote is reverted, as on cancel. With {@code skip}, refused rows are reported and
 * left out, and the rest of their batch is written.
 */
final class ImportRun {

  static final int BATCH = 1_000;
  /** Hex digits of a row number in an added row's id. */
  private static final int NUMBER_DIGITS = 12;

  /** How a try ended. */
  enum Outcome {
    DONE,
    FAILED,
    CANCELLED
  }

  private final Imports imports;
  private final RowLookup lookup;
  private final Sheet sheet;
  private final Imports.Import imp;
  private final ImportOptions options;
  private final String prefix;
  private String failure;

  ImportRun(Imports imports, RowLookup lookup, Sheet sheet, Imports.Import imp) {
    this.imports = imports;
    this.lookup = lookup;
    this.sheet = sheet;
    this.imp = imp;
    this.options = imp.options();
    this.prefix = prefix(imp.id());
  }

  /** The start of every added row's id: the import id without its last 12 hex digits. */
  static String prefix(String importId) {
    return importId.substring(0, importId.length() - NUMBER_DIGITS);
  }

  static RowId addedRowId(String prefix, long rowNumber) {
    String hex = Long.toHexString(rowNumber);
    return RowId.of(prefix + "0".repeat(NUMBER_DIGITS - hex.length()) + hex);
  }

  String failure() {
    return failure;
  }

  /** A file row: its number and its cells by column, with the file's text of each for the report. */
  private record FileRow(long number, Map<ColumnId, ParseResult> values, Map<ColumnId, String> texts) {}

  Outcome run() throws IOException {
    imports.started(imp.id());
    imports.forgetRefusalsAfter(imp.id(), imp.checkpoint());
    SheetSchema schema = sheet.schema();
    TextFormat format = options.textFormat(schema);
    CountingStream counted = new CountingStream(imports.file(imp.id()));
    try (TabularFile file = TabularFile.open(counted, null, options.fileFormat())) {
      // An XLSX file is copied whole before its first row: its bytes say nothing of progress.
      boolean bytesTell = file.detected().kind().equals("csv");
      List<Column> targets = ImportValues.targets(file.header(), schema, options.mapping());
      if (targets.stream().allMatch(t -> t == null)) {
        return fail("No column of the file matches a column of the sheet: map at least one (the file has " + String.join(", ", file.header()) + ")");
      }
      Column key = null;
      if (options.mode().equals(ImportOptions.UPSERT)) {
        key = options.keyColumn(schema).orElse(null);
        if (key == null || ImportValues.indexOf(targets, key).isEmpty()) {
          return fail("The key column " + options.key() + " is not filled by any column of the file");
        }
      }
      long deleted = imp.rowsDeleted();
      if (options.mode().equals(ImportOptions.REPLACE) && !options.dryRun()) {
        clear();
        deleted = imports.deletedRows(imp.id());
      }
      Imports.Progress progress = new Imports.Progress(imp.checkpoint(), imp.bytesRead(), imp.rowsRead(), imp.rowsWritten(), imp.rowsAdded(), imp.rowsUpdated(), deleted, imp.rowsRefused());
      while (file.rowNumber() < imp.checkpoint() && file.next() != null) {
        // rows done by an earlier try
      }
      boolean mayExist = imp.checkpoint() > 0 || imp.rowsWritten() > 0;
      while (true) {
        if (imports.cancelRequested(imp.id())) {
          revert();
          return Outcome.CANCELLED;
        }
        List<FileRow> batch = new ArrayList<>(BATCH);
        int read = 0;
        List<TabularFile.Cell> cells;
        while (read < BATCH && (cells = next(file)) != null) {
          read++;
          FileRow row = row(file.rowNumber(), cells, targets, format);
          if (row != null) {
            batch.add(row);
          }
        }
        if (read == 0) {
          break;
        }
        Written written = options.dryRun() ? check(schema, batch, key) : write(schema, batch, key, mayExist);
        mayExist = false;
        progress =
            new Imports.Progress(
                file.rowNumber(), bytesTell ? counted.count : 0, progress.rowsRead() + read, progress.rowsWritten() + written.added + written.updated, progress.rowsAdded() + written.added,
                progress.rowsUpdated() + written.updated, progress.rowsDeleted(), progress.rowsRefused() + written.refusedRows);
        if (written.refusedRows > 0 && !options.skipBadRows() && !options.dryRun()) {
          imports.saveProgress(imp.id(), progress, written.refusals);
          revert();
          Imports.Refusal first = written.refusals.get(0);
          return fail("Row " + first.row() + (first.column() == null ? "" : ", " + first.column()) + ": " + first.reason() + ". Nothing was imported (on_error=abort); see the report for every refused row");
        }
        imports.saveProgress(imp.id(), progress, written.refusals);
      }
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof TabularFile.BadFile bad) {
        return failAfterRevert(bad.getMessage());
      }
      throw e;
    } catch (TabularFile.BadFile bad) {
      return failAfterRevert(bad.getMessage());
    }
    return Outcome.DONE;
  }

  private static List<TabularFile.Cell> next(TabularFile file) throws IOException {
    return file.next();
  }

  private Outcome fail(String message) {
    failure = message;
    return Outcome.FAILED;
  }

  private Outcome failAfterRevert(String message) {
    if (!options.dryRun()) {
      revert();
    }
    return fail(message);
  }

  /** A file row as cells of the sheet's columns; null for a row with nothing in the mapped columns. */
  private static FileRow row(long number, List<TabularFile.Cell> cells, List<Column> targets, TextFormat format) {
    Map<ColumnId, ParseResult> values = new LinkedHashMap<>();
    Map<ColumnId, String> texts = new HashMap<>();
    boolean any = false;
    for (int i = 0; i < targets.size() && i < cells.size(); i++) {
      Column target = targets.get(i);
      if (target == null) {
        continue;
      }
      TabularFile.Cell cell = cells.get(i);
      any |= !cell.isBlank();
      values.put(target.id(), ImportValues.read(cell, target.type(), format));
      texts.put(target.id(), cell.text());
    }
    return any ? new FileRow(number, values, texts) : null;
  }

  /** What a batch did. */
  private static final class Written {
    long added;
    long updated;
    long refusedRows;
    final List<Imports.Refusal> refusals = new ArrayList<>();
  }

  private Written write(SheetSchema schema, List<FileRow> batch, Column key, boolean mayExist) {
    Written written = new Written();
    Map<RowId, FileRow> adds = new LinkedHashMap<>();
    Map<RowId, FileRow> updates = new LinkedHashMap<>();
    Map<RowId, Row> existing = new HashMap<>();
    if (key != null) {
      sortByKey(schema, batch, key, adds, updates, existing, written);
    } else {
      batch.forEach(row -> adds.put(addedRowId(prefix, row.number()), row));
    }
    if (!updates.isEmpty()) {
      List<Imports.Kept> kept = new ArrayList<>();
      for (RowId id : updates.keySet()) {
        Row before = existing.get(id);
        if (!id.value().startsWith(prefix)) {
          kept.add(new Imports.Kept(id.value(), before.position(), RowLookup.text(before.cells()), false));
        }
      }
      imports.keepBefore(imp.id(), kept);
      written.updated += apply(updates, written, rows -> sheet.updateRowsParsed(values(rows)));
    }
    if (mayExist && !adds.isEmpty()) {
      // The batch after the checkpoint may have been written by the try that died.
      Set<RowId> there = lookup.existing(sheet.id().value(), adds.keySet());
      there.forEach(adds::remove);
      written.added += there.size();
    }
    if (!adds.isEmpty()) {
      written.added += apply(adds, written, rows -> sheet.addRowsParsed(new ArrayList<>(rows.keySet()), new ArrayList<>(values(rows).values())));
    }
    return written;
  }

  private static Map<RowId, Map<ColumnId, ParseResult>> values(Map<RowId, FileRow> rows) {
    Map<RowId, Map<ColumnId, ParseResult>> values = new LinkedHashMap<>();
    rows.forEach((id, row) -> values.put(id, row.values()));
    return values;
  }

  /**
   * Applies the rows (one core edit); rows the core refuses are reported and left out, and the rest
   * applied again. Returns how many were applied.
   */
  private int apply(Map<RowId, FileRow> rows, Written written, java.util.function.Function<Map<RowId, FileRow>, EditResult<?>> edit) {
    Map<RowId, FileRow> left = new LinkedHashMap<>(rows);
    while (!left.isEmpty()) {
      EditResult<?> result = edit.apply(left);
      if (result.isApplied()) {
        return left.size();
      }
      List<Violation> violations = result.violations();
      if (result instanceof EditResult.NotFound<?> notFound) {
        // Matched by its key, deleted by someone since.
        RowId gone = notFound.row();
        refuse(written, left.remove(gone), null, "the matching row was deleted while the import ran");
        continue;
      }
      if (violations.isEmpty()) {
        throw new IllegalStateException("the sheet refused an import batch: " + result);
      }
      Map<RowId, List<Violation>> byRow = violations.stream().collect(Collectors.groupingBy(Violation::row, LinkedHashMap::new, Collectors.toList()));
      for (Map.Entry<RowId, List<Violation>> entry : byRow.entrySet()) {
        FileRow row = left.remove(entry.getKey());
        if (row == null) {
          continue;
        }
        written.refusedRows++;
        for (Violation v : entry.getValue()) {
          String column = sheet.schema().column(v.column()).map(Column::name).orElse(v.column().value());
          written.refusals.add(new Imports.Refusal(row.number(), column, row.texts().get(v.column()), v.message()));
        }
      }
    }
    return 0;
  }

  private void refuse(Written written, FileRow row, String column, String reason) {
    if (row == null) {
      return;
    }
    written.refusedRows++;
    written.refusals.add(new Imports.Refusal(row.number(), column, null, reason));
  }

  /**
   * Upsert: rows whose key matches a stored row update it; others are added. Two file rows with
   * one key in a batch are one row, the later cells winning; a row without a readable key is refused.
   */
  private void sortByKey(SheetSchema schema, List<FileRow> batch, Column key, Map<RowId, FileRow> adds, Map<RowId, FileRow> updates, Map<RowId, Row> existing, Written written) {
    Map<Object, CellValue> keys = new LinkedHashMap<>();
    List<FileRow> keyed = new ArrayList<>();
    for (FileRow row : batch) {
      ParseResult value = row.values().get(key.id());
      if (!(value instanceof ParseResult.Valid valid) || valid.value().isBlank()) {
        String reason = value instanceof ParseResult.Invalid invalid ? invalid.message() : "the key is blank: a row to upsert needs one";
        written.refusedRows++;
        written.refusals.add(new Imports.Refusal(row.number(), key.name(), row.texts().get(key.id()), reason));
        continue;
      }
      keys.putIfAbsent(SheetValidator.uniqueKey(valid.value()), valid.value());
      keyed.add(row);
    }
    Map<Object, Row> found = lookup.byKey(schema, key, keys.values());
    Map<Object, RowId> added = new HashMap<>();
    for (FileRow row : keyed) {
      Object k = SheetValidator.uniqueKey(((ParseResult.Valid) row.values().get(key.id())).value());
      Row match = found.get(k);
      if (match != null) {
        existing.put(match.id(), match);
        updates.merge(match.id(), row, ImportRun::later);
      } else if (added.containsKey(k)) {
        adds.merge(added.get(k), row, ImportRun::later);
      } else {
        RowId id = addedRowId(prefix, row.number());
        added.put(k, id);
        adds.put(id, row);
      }
    }
  }

  /** Two file rows for one sheet row: the later one's cells over the earlier one's. */
  private static FileRow later(FileRow earlier, FileRow later) {
    Map<ColumnId, ParseResult> values = new LinkedHashMap<>(earlier.values());
    values.putAll(later.values());
    Map<ColumnId, String> texts = new HashMap<>(earlier.texts());
    texts.putAll(later.texts());
    return new FileRow(later.number(), values, texts);
  }

  /** Dry run: what each row would do, by the columns' types and rules (uniqueness is checked on writing). */
  private Written check(SheetSchema schema, List<FileRow> batch, Column key) {
    Written written = new Written();
    SheetValidator validator = SheetValidator.of(schema);
    Map<Object, Row> found = Map.of();
    if (key != null) {
      List<CellValue> keys = new ArrayList<>();
      batch.forEach(r -> { if (r.values().get(key.id()) instanceof ParseResult.Valid v) keys.add(v.value()); });
      found = lookup.byKey(schema, key, keys);
    }
    for (FileRow row : batch) {
      RowId id = addedRowId(prefix, row.number());
      Map<ColumnId, CellValue> cells = new HashMap<>();
      List<Imports.Refusal> refusals = new ArrayList<>();
      Row match = null;
      if (key != null) {
        ParseResult k = row.values().get(key.id());
        if (!(k instanceof ParseResult.Valid v) || v.value().isBlank()) {
          refusals.add(new Imports.Refusal(row.number(), key.name(), row.texts().get(key.id()), k instanceof ParseResult.Invalid i ? i.message() : "the key is blank: a row to upsert needs one"));
        } else {
          match = found.get(SheetValidator.uniqueKey(v.value()));
        }
      }
      if (match != null) {
        cells.putAll(match.cells());
        id = match.id();
      }
      for (Map.Entry<ColumnId, ParseResult> e : row.values().entrySet()) {
        if (e.getValue() instanceof ParseResult.Valid v) {
          cells.put(e.getKey(), v.value());
        } else if (e.getValue() instanceof ParseResult.Invalid i) {
          refusals.add(new Imports.Refusal(row.number(), name(schema, e.getKey()), row.texts().get(e.getKey()), i.message()));
        }
      }
      Set<ColumnId> unreadable = row.values().entrySet().stream().filter(e -> e.getValue() instanceof ParseResult.Invalid).map(Map.Entry::getKey).collect(Collectors.toSet());
      for (Violation v : validator.validateRow(Row.of(id, 0, cells))) {
        if (!unreadable.contains(v.column())) {
          refusals.add(new Imports.Refusal(row.number(), name(schema, v.column()), row.texts().get(v.column()), v.message()));
        }
      }
      if (!refusals.isEmpty()) {
        written.refusedRows++;
        written.refusals.addAll(refusals);
      } else if (match != null) {
        written.updated++;
      } else {
        written.added++;
      }
    }
    return written;
  }

  private static String name(SheetSchema schema, ColumnId column) {
    return schema.column(column).map(Column::name).orElse(column.value());
  }

  /** Replace: every row not added by this import is kept, then deleted, a batch at a time. */
  private void clear() {
    while (true) {
      List<Row> page = new ArrayList<>();
      long after = Long.MIN_VALUE;
      while (page.size() < BATCH) {
        List<Row> rows = sheet.rows(after, BATCH);
        if (rows.isEmpty()) {
          break;
        }
        after = rows.get(rows.size() - 1).position();
        rows.stream().filter(r -> !r.id().value().startsWith(prefix)).limit(BATCH - page.size()).forEach(page::add);
      }
      if (page.isEmpty()) {
        return;
      }
      imports.keepBefore(imp.id(), page.stream().map(r -> new Imports.Kept(r.id().value(), r.position(), RowLookup.text(r.cells()), true)).toList());
      sheet.deleteRows(page.stream().map(Row::id).toList());
    }
  }

  /**
   * Puts the sheet back as it was before the import: deletes the rows it added (by their id prefix),
   * restores the rows it changed, and adds back the rows it deleted, in their old order. Rows
   * edited by someone since the import are put back all the same.
   */
  void revert() {
    String high = prefix + "g";
    while (true) {
      List<RowId> added = lookup.idsBetween(sheet.id().value(), prefix, high, BATCH);
      if (added.isEmpty()) {
        break;
      }
      sheet.deleteRows(added);
    }
    SheetSchema schema = sheet.schema();
    long position = Long.MIN_VALUE;
    String rowId = "";
    while (true) {
      List<Imports.Kept> page = imports.kept(imp.id(), position, rowId, BATCH);
      if (page.isEmpty()) {
        return;
      }
      Map<RowId, Map<ColumnId, CellValue>> changed = new LinkedHashMap<>();
      List<RowId> deletedIds = new ArrayList<>();
      List<Map<ColumnId, CellValue>> deletedRows = new ArrayList<>();
      Set<RowId> there = lookup.existing(sheet.id().value(), page.stream().map(k -> RowId.of(k.rowId())).toList());
      for (Imports.Kept kept : page) {
        RowId id = RowId.of(kept.rowId());
        Map<ColumnId, CellValue> cells = RowLookup.wholeRow(schema, kept.before());
        if (there.contains(id)) {
          changed.put(id, cells);
        } else {
          deletedIds.add(id);
          deletedRows.add(cells);
        }
      }
      if (!changed.isEmpty()) {
        check(sheet.updateRowsValues(changed));
      }
      if (!deletedIds.isEmpty()) {
        check(sheet.addRowsValues(deletedIds, deletedRows));
      }
      Imports.Kept last = page.get(page.size() - 1);
      position = last.position();
      rowId = last.rowId();
    }
  }

  private static void check(EditResult<?> result) {
    if (!result.isApplied()) {
      throw new IllegalStateException("the sheet refused to put rows back as they were: " + result);
    }
  }

  /** Counts the bytes the reader has taken from the stored file, for progress. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(0, n);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
