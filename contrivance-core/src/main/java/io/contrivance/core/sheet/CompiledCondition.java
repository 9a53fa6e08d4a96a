package io.contrivance.core.sheet;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import java.util.Objects;
import java.util.function.IntPredicate;

/** A {@link Condition} with its operands parsed once, tested against rows. */
final class CompiledCondition {

  private final ColumnId column;
  private final Condition.Operator operator;
  private final ColumnType type;
  private final Object[] keys;
  private final CellValue[] operands;

  private CompiledCondition(ColumnId column, Condition.Operator operator, ColumnType type, CellValue[] operands) {
    this.column = column;
    this.operator = operator;
    this.type = type;
    this.operands = operands;
    this.keys = new Object[operands.length];
    for (int i = 0; i < operands.length; i++) {
      keys[i] = SheetValidator.uniqueKey(operands[i]);
    }
  }

  /** Compiles a condition the schema has already checked. */
  static CompiledCondition compile(Condition condition, SheetSchema schema) {
    Column tested = schema.column(condition.column()).orElseThrow();
    CellValue[] operands = new CellValue[condition.values().size()];
    for (int i = 0; i < operands.length; i++) {
      ParseResult parsed = tested.type().parse(condition.values().get(i), TextFormat.ISO);
      operands[i] = parsed.orElseThrow();
    }
    return new CompiledCondition(condition.column(), condition.operator(), tested.type(), operands);
  }

  boolean test(Row row) {
    CellValue value = row.cell(column);
    return switch (operator) {
      case BLANK -> value.isBlank();
      case NOT_BLANK -> !value.isBlank();
      case IN -> !value.isBlank() && matchesAny(value);
      case NOT_IN -> value.isBlank() || !matchesAny(value);
      case AT_LEAST -> ordered(value, c -> c >= 0);
      case AT_MOST -> ordered(value, c -> c <= 0);
      case ABOVE -> ordered(value, c -> c > 0);
      case BELOW -> ordered(value, c -> c < 0);
    };
  }

  private boolean matchesAny(CellValue value) {
    Object key = SheetValidator.uniqueKey(value);
    for (Object operand : keys) {
      if (Objects.equals(operand, key)) {
        return true;
      }
    }
    return false;
  }

  private boolean ordered(CellValue value, IntPredicate accept) {
    if (value.isBlank()) {
      return false;
    }
    try {
      return accept.test(type.compare(value, operands[0]));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
