package io.contrivance.core.sheet;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ErrorCodes;
import java.util.Objects;

/**
 * A validation rule of a column. Rules never apply to blank cells, except {@link RequiredWhen}
 * (whether a blank cell is allowed at all is the column's {@code required} flag). Which rules fit
 * which column types is checked when the column is defined: bounds need an ordered type (number,
 * currency, percent, date, date-time), lengths and patterns need text.
 */
public sealed interface Rule
    permits Rule.Min, Rule.Max, Rule.MinLength, Rule.MaxLength, Rule.Pattern, Rule.Unique, Rule.RequiredWhen {

  /** The code of the violations this rule reports. */
  String code();

  /** The smallest allowed value. For currency columns the bound is compared with the amount, whatever its currency. */
  static Rule min(CellValue bound) {
    return new Min(bound);
  }

  /** The largest allowed value. For currency columns the bound is compared with the amount, whatever its currency. */
  static Rule max(CellValue bound) {
    return new Max(bound);
  }

  /** The fewest characters text may have. */
  static Rule minLength(int length) {
    return new MinLength(length);
  }

  /** The most characters text may have. */
  static Rule maxLength(int length) {
    return new MaxLength(length);
  }

  /** A regular expression (Java syntax) the whole text must match. */
  static Rule pattern(String regex) {
    return new Pattern(regex);
  }

  /** No two rows may hold the same value (text compared without regard to case). */
  static Rule unique() {
    return new Unique();
  }

  /** The cell may not be blank when the condition holds for its row. */
  static Rule requiredWhen(Condition condition) {
    return new RequiredWhen(condition);
  }

  record Min(CellValue bound) implements Rule {
    public Min {
      requireNonBlank(bound);
    }

    @Override
    public String code() {
      return ErrorCodes.MIN;
    }
  }

  record Max(CellValue bound) implements Rule {
    public Max {
      requireNonBlank(bound);
    }

    @Override
    public String code() {
      return ErrorCodes.MAX;
    }
  }

  record MinLength(int length) implements Rule {
    @Override
    public String code() {
      return ErrorCodes.MIN_LENGTH;
    }
  }

  record MaxLength(int length) implements Rule {
    @Override
    public String code() {
      return ErrorCodes.MAX_LENGTH;
    }
  }

  /**
   * @param regex a Java regular expression the whole text must match; at most 500 characters. Text
   *     longer than 10,000 characters, or whose matching takes too many steps (catastrophic
   *     backtracking), is reported as not matching rather than checked without bound.
   */
  record Pattern(String regex) implements Rule {
    public Pattern {
      Objects.requireNonNull(regex, "regex");
    }

    @Override
    public String code() {
      return ErrorCodes.PATTERN;
    }
  }

  record Unique() implements Rule {
    @Override
    public String code() {
      return ErrorCodes.UNIQUE;
    }
  }

  record RequiredWhen(Condition condition) implements Rule {
    public RequiredWhen {
      Objects.requireNonNull(condition, "condition");
    }

    @Override
    public String code() {
      return ErrorCodes.REQUIRED;
    }
  }

  private static void requireNonBlank(CellValue bound) {
    Objects.requireNonNull(bound, "bound");
    if (bound.isBlank()) {
      throw new IllegalArgumentException("a bound cannot be blank");
    }
  }
}
