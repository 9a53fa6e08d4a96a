package io.contrivance.core.sheet;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A test on one cell of a row, the building block of cross-field rules: "Stage is Proposal or
 * later" is {@code Condition.atLeast(stage, "Proposal")}. Values are written as text in the tested
 * column's type and checked when the sheet is defined. Ordered operators compare numbers, money
 * (amounts), percentages and dates by value and select options by their position in the list.
 *
 * @param column the column whose cell is tested
 * @param operator how the cell is compared
 * @param values the operands, as text; none for the blank tests, one for ordered operators
 */
public record Condition(ColumnId column, Operator operator, List<String> values) {

  /** How a cell is compared with the condition's values. The wire names are the lower-case names. */
  public enum Operator {
    /** The cell is blank. */
    BLANK(0, 0, "is blank"),
    /** The cell is not blank. */
    NOT_BLANK(0, 0, "is not blank"),
    /** The cell equals one of the values. */
    IN(1, Integer.MAX_VALUE, "is"),
    /** The cell is blank or equals none of the values. */
    NOT_IN(1, Integer.MAX_VALUE, "is not"),
    /** The cell is at or after the value. */
    AT_LEAST(1, 1, "is at least"),
    /** The cell is at or before the value. */
    AT_MOST(1, 1, "is at most"),
    /** The cell is strictly after the value. */
    ABOVE(1, 1, "is above"),
    /** The cell is strictly before the value. */
    BELOW(1, 1, "is below");

    final int minValues;
    final int maxValues;
    final String phrase;

    Operator(int minValues, int maxValues, String phrase) {
      this.minValues = minValues;
      this.maxValues = maxValues;
      this.phrase = phrase;
    }

    boolean isOrdered() {
      return minValues == 1 && maxValues == 1;
    }
  }

  public Condition {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(operator, "operator");
    values = List.copyOf(values);
    if (values.size() < operator.minValues || values.size() > operator.maxValues) {
      throw new IllegalArgumentException(
          operator.name().toLowerCase(Locale.ROOT)
              + " takes "
              + (operator.minValues == 0 ? "no values" : operator.maxValues == 1 ? "one value" : "one or more values")
              + ", got "
              + values);
    }
  }

  public static Condition isBlank(ColumnId column) {
    return new Condition(column, Operator.BLANK, List.of());
  }

  public static Condition isNotBlank(ColumnId column) {
    return new Condition(column, Operator.NOT_BLANK, List.of());
  }

  public static Condition isIn(ColumnId column, String... values) {
    return new Condition(column, Operator.IN, List.of(values));
  }

  public static Condition isNotIn(ColumnId column, String... values) {
    return new Condition(column, Operator.NOT_IN, List.of(values));
  }

  public static Condition atLeast(ColumnId column, String value) {
    return new Condition(column, Operator.AT_LEAST, List.of(value));
  }

  public static Condition atMost(ColumnId column, String value) {
    return new Condition(column, Operator.AT_MOST, List.of(value));
  }

  public static Condition above(ColumnId column, String value) {
    return new Condition(column, Operator.ABOVE, List.of(value));
  }

  public static Condition below(ColumnId column, String value) {
    return new Condition(column, Operator.BELOW, List.of(value));
  }

  /** The condition in words, with the column's name: "Stage is at least Proposal". */
  String describe(String columnName) {
    return columnName + " " + operator.phrase + (values.isEmpty() ? "" : " " + String.join(" or ", values));
  }
}
