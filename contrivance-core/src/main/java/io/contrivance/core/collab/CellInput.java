package io.contrivance.core.collab;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.Violation;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ErrorCodes;
import io.contrivance.core.type.ParseResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A row's input read into values against the schema an edit is decided on: text parsed by each
 * column's type, typed values accepted by it, or cells the caller read itself. What cannot be read
 * becomes a violation naming the cell; the rest goes on to the rules.
 */
final class CellInput {

  private CellInput() {}

  static Map<ColumnId, CellValue> parseText(SheetSchema schema, RowId row, Map<String, String> text, List<Violation> out) {
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

  static Map<ColumnId, ParseResult> valid(Map<ColumnId, CellValue> values) {
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
}
