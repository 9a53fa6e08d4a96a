package io.contrivance.core.sheet;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ErrorCodes;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Checks cells, rows and whole sheets against a schema's types and rules and returns every
 * violation. Never throws on user data, whatever the values.
 *
 * <p>The schema is compiled once (patterns, bounds, conditions); the validator is immutable and safe
 * to share between threads. Whole-sheet validation is a single pass that also finds duplicates for
 * {@link Rule.Unique} columns; checking a single row cannot see other rows, so uniqueness of an edit
 * is the caller's part (the workbook asks its store).
 */
public final class SheetValidator {

  /** Longest text a pattern is matched against; longer text is reported as not matching. */
  static final int MAX_PATTERN_INPUT = 10_000;
  /** Character reads a single pattern match may make before it is abandoned as too complex. */
  static final int PATTERN_STEP_BUDGET = 1_000_000;

  private final SheetSchema schema;
  private final ColumnCheck[] checks;

  private SheetValidator(SheetSchema schema) {
    this.schema = schema;
    List<Column> columns = schema.columns();
    this.checks = new ColumnCheck[columns.size()];
    for (int i = 0; i < checks.length; i++) {
      checks[i] = new ColumnCheck(columns.get(i), schema);
    }
  }

  /** A validator for the schema. */
  public static SheetValidator of(SheetSchema schema) {
    return new SheetValidator(Objects.requireNonNull(schema, "schema"));
  }

  public SheetSchema schema() {
    return schema;
  }

  /**
   * Checks one value against its column's type and the column's own rules (not cross-field rules,
   * not uniqueness). An unknown column is reported as {@code unknown_column}.
   */
  public List<Violation> validateCell(RowId row, ColumnId column, CellValue value) {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(value, "value");
    int at = schema.indexOf(column);
    if (at < 0) {
      return List.of(unknownColumn(row, column));
    }
    var out = new ArrayList<Violation>(1);
    checks[at].check(row, null, value, out, null);
    return out;
  }

  /**
   * Checks every cell of a row, including cross-field rules but not uniqueness. Cells of columns the
   * sheet does not have are reported as {@code unknown_column}.
   */
  public List<Violation> validateRow(Row row) {
    Objects.requireNonNull(row, "row");
    var out = new ArrayList<Violation>(0);
    validateRow(row, out, null);
    return out;
  }

  /** Checks every row, including uniqueness across them. */
  public ValidationReport validate(Iterable<Row> rows) {
    Objects.requireNonNull(rows, "rows");
    var out = new ArrayList<Violation>();
    var seen = new Uniqueness(checks.length);
    long count = 0;
    for (Row row : rows) {
      validateRow(row, out, seen);
      count++;
    }
    return new ValidationReport(count, out);
  }

  /**
   * The key under which two values count as duplicates for {@link Rule.Unique}: equal keys, equal
   * values. Text compares without regard to case (in the root locale), moments by instant whatever
   * their zone, everything else by value. Stores that check uniqueness themselves must agree.
   */
  public static Object uniqueKey(CellValue value) {
    if (value instanceof CellValue.Text text) {
      return text.value().toLowerCase(Locale.ROOT);
    }
    if (value instanceof CellValue.DateTime moment) {
      return moment.value().toInstant();
    }
    return value;
  }

  private void validateRow(Row row, List<Violation> out, Uniqueness seen) {
    int known = 0;
    for (int i = 0; i < checks.length; i++) {
      CellValue value = row.cell(checks[i].id);
      if (!value.isBlank()) {
        known++;
      }
      checks[i].check(row.id(), row, value, out, checks[i].unique && seen != null ? seen.forColumn(i) : null);
    }
    // Cells are never blank, so a row whose cells all belong to known columns has exactly `known` of them.
    if (row.cells().size() != known) {
      for (ColumnId column : row.cells().keySet()) {
        if (schema.indexOf(column) < 0) {
          out.add(unknownColumn(row.id(), column));
        }
      }
    }
  }

  private static Violation unknownColumn(RowId row, ColumnId column) {
    return new Violation(row, column, ErrorCodes.UNKNOWN_COLUMN, "the sheet has no column '" + column + "'");
  }

  /** First row seen with each value, per unique column. */
  private static final class Uniqueness {
    private final List<Map<Object, RowId>> byColumn;

    Uniqueness(int columns) {
      byColumn = new ArrayList<>(columns);
      for (int i = 0; i < columns; i++) {
        byColumn.add(null);
      }
    }

    Map<Object, RowId> forColumn(int index) {
      Map<Object, RowId> map = byColumn.get(index);
      if (map == null) {
        map = new HashMap<>();
        byColumn.set(index, map);
      }
      return map;
    }
  }

  /** One column's compiled checks. */
  private static final class ColumnCheck {
    final ColumnId id;
    final String name;
    final ColumnType type;
    final boolean required;
    final boolean unique;
    final RuleCheck[] rules;
    final RequiredWhen[] requiredWhen;

    ColumnCheck(Column column, SheetSchema schema) {
      this.id = column.id();
      this.name = column.name();
      this.type = column.type();
      this.required = column.required();
      var ruleChecks = new ArrayList<RuleCheck>();
      var conditions = new ArrayList<RequiredWhen>();
      boolean isUnique = false;
      for (Rule rule : column.rules()) {
        if (rule instanceof Rule.Unique) {
          isUnique = true;
        } else if (rule instanceof Rule.RequiredWhen when) {
          conditions.add(new RequiredWhen(when.condition(), schema));
        } else {
          ruleChecks.add(RuleCheck.compile(rule, column));
        }
      }
      this.unique = isUnique;
      this.rules = ruleChecks.toArray(RuleCheck[]::new);
      this.requiredWhen = conditions.toArray(RequiredWhen[]::new);
    }

    void check(RowId rowId, Row row, CellValue value, List<Violation> out, Map<Object, RowId> seen) {
      if (value.isBlank()) {
        if (required) {
          out.add(new Violation(rowId, id, ErrorCodes.REQUIRED, name + " is required"));
        } else if (row != null) {
          for (RequiredWhen when : requiredWhen) {
            if (when.condition.test(row)) {
              out.add(new Violation(rowId, id, ErrorCodes.REQUIRED, name + " is required when " + when.description));
              break;
            }
          }
        }
        return;
      }
      ParseResult accepted = type.accept(value);
      if (accepted instanceof ParseResult.Invalid invalid) {
        out.add(new Violation(rowId, id, invalid.code(), name + ": " + invalid.message()));
        return;
      }
      for (RuleCheck rule : rules) {
        String problem = rule.problem(value);
        if (problem != null) {
          out.add(new Violation(rowId, id, rule.code(), name + " " + problem));
        }
      }
      if (unique && seen != null) {
        RowId first = seen.putIfAbsent(uniqueKey(value), rowId);
        if (first != null && !first.equals(rowId)) {
          out.add(
              new Violation(
                  rowId, id, ErrorCodes.UNIQUE, name + " must be unique: '" + type.format(value, TextFormat.ISO) + "' is already in row " + first));
        }
      }
    }
  }

  private record RequiredWhen(CompiledCondition condition, String description) {
    RequiredWhen(Condition condition, SheetSchema schema) {
      this(CompiledCondition.compile(condition, schema), condition.describe(schema.column(condition.column()).orElseThrow().name()));
    }
  }
}
