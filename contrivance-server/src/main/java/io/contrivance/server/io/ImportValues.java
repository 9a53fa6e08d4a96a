package io.contrivance.server.io;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ErrorCodes;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.core.type.ValueKind;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Which sheet column each of a file's columns goes to, and how a file's cell becomes a column's value. */
final class ImportValues {

  private ImportValues() {}

  /**
   * The sheet column for each file column (null: skipped). A header named in the mapping goes where
   * it says ("" skips it); any other goes to the column of that id or name, letter case and outer
   * spaces aside; a header that matches nothing is skipped. Two file columns never fill one sheet
   * column: the first wins.
   */
  static List<Column> targets(List<String> header, SheetSchema schema, Map<String, String> mapping) {
    List<Column> targets = new ArrayList<>(header.size());
    Map<String, Column> byName = new HashMap<>();
    for (Column column : schema.columns()) {
      byName.putIfAbsent(normal(column.name()), column);
      byName.putIfAbsent(normal(column.id().value()), column);
    }
    var taken = new java.util.HashSet<String>();
    for (String name : header) {
      Column target;
      if (mapping.containsKey(name)) {
        String to = mapping.get(name);
        target = to.isEmpty() ? null : schema.resolve(to).orElse(null);
      } else {
        target = byName.get(normal(name));
      }
      if (target != null && !taken.add(target.id().value())) {
        target = null;
      }
      targets.add(target);
    }
    return targets;
  }

  private static String normal(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * The cell as a value of the column, never throwing. Text is read as typed in the file's
   * conventions; a typed XLSX cell is taken as it is when the column holds that kind of value,
   * and otherwise read from its ISO text.
   */
  static ParseResult read(TabularFile.Cell cell, ColumnType type, TextFormat format) {
    try {
      if (cell.isBlank()) {
        return ParseResult.valid(CellValue.BLANK);
      }
      CellValue typed = cell.typed();
      if (typed == null) {
        return type.parse(cell.text(), format);
      }
      ValueKind kind = type.kind();
      if (kind.holds(typed)) {
        return type.accept(typed);
      }
      if (typed instanceof CellValue.DateTime moment && kind == ValueKind.DATE) {
        return type.accept(new CellValue.Date(moment.value().toLocalDate()));
      }
      if (typed instanceof CellValue.Date date && kind == ValueKind.DATE_TIME) {
        return type.accept(new CellValue.DateTime(date.value().atStartOfDay(ZoneOffset.UTC)));
      }
      return type.parse(cell.text(), TextFormat.ISO);
    } catch (RuntimeException e) {
      return ParseResult.invalid(ErrorCodes.TYPE_MISMATCH, "cannot be read as " + type.id() + ": " + e.getMessage());
    }
  }

  /** The key column's place among the targets, if the file fills it. */
  static Optional<Integer> indexOf(List<Column> targets, Column column) {
    for (int i = 0; i < targets.size(); i++) {
      if (targets.get(i) != null && targets.get(i).id().equals(column.id())) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }
}
