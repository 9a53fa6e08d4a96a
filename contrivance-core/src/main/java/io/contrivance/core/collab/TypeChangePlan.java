package io.contrivance.core.collab;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.Rule;
import io.contrivance.core.sheet.TypeChange;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * A change of column type worked out against the rows, not yet applied: the report, the new column
 * (with the rules that still fit) and the rows whose cells change (converted, or cleared when they
 * do not convert).
 */
record TypeChangePlan(TypeChange report, Column column, List<Row> changedRows) {

  static TypeChangePlan of(Column column, ColumnType to, Iterable<Row> rows, TextFormat format) {
    ColumnType from = column.type();
    var kept = new ArrayList<Rule>();
    var dropped = new ArrayList<Rule>();
    for (Rule rule : column.rules()) {
      (fits(column, to, rule) ? kept : dropped).add(rule);
    }
    Column changed = column.withType(to, kept);
    var failures = new ArrayList<TypeChange.Failure>();
    var changedRows = new ArrayList<Row>();
    long converted = 0;
    for (Row row : rows) {
      CellValue old = row.cell(column.id());
      if (old.isBlank()) {
        continue;
      }
      ParseResult result = to.convert(old, from);
      if (result instanceof ParseResult.Valid valid) {
        converted++;
        if (!valid.value().equals(old)) {
          changedRows.add(row.with(column.id(), valid.value()).nextVersion());
        }
      } else {
        var invalid = (ParseResult.Invalid) result;
        failures.add(new TypeChange.Failure(row.id(), from.format(old, format), invalid.code(), invalid.message()));
        changedRows.add(row.with(column.id(), CellValue.BLANK).nextVersion());
      }
    }
    var report = new TypeChange(column.id(), from, to, converted, failures, dropped, false);
    return new TypeChangePlan(report, changed, changedRows);
  }

  TypeChange appliedReport() {
    return new TypeChange(
        report.column(), report.from(), report.to(), report.converted(), report.failures(), report.droppedRules(), true);
  }

  private static boolean fits(Column column, ColumnType to, Rule rule) {
    try {
      column.withType(to, List.of(rule));
      return true;
    } catch (InvalidDefinitionException e) {
      return false;
    }
  }
}
