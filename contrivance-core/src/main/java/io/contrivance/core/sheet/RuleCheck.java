package io.contrivance.core.sheet;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A single-value rule compiled for fast checking: returns {@code null} or what is wrong. */
abstract class RuleCheck {

  private final String code;

  private RuleCheck(String code) {
    this.code = code;
  }

  final String code() {
    return code;
  }

  /** The problem with a non-blank value that the type accepted, as the end of a sentence, or null. */
  abstract String problem(CellValue value);

  static RuleCheck compile(Rule rule, Column column) {
    ColumnType type = column.type();
    if (rule instanceof Rule.Min min) {
      CellValue bound = canonical(type, min.bound());
      String shown = type.format(bound, TextFormat.ISO);
      return new RuleCheck(rule.code()) {
        @Override
        String problem(CellValue value) {
          return compares(type, value, bound) < 0 ? "must be at least " + shown : null;
        }
      };
    }
    if (rule instanceof Rule.Max max) {
      CellValue bound = canonical(type, max.bound());
      String shown = type.format(bound, TextFormat.ISO);
      return new RuleCheck(rule.code()) {
        @Override
        String problem(CellValue value) {
          return compares(type, value, bound) > 0 ? "must be at most " + shown : null;
        }
      };
    }
    if (rule instanceof Rule.MinLength min) {
      int length = min.length();
      return new RuleCheck(rule.code()) {
        @Override
        String problem(CellValue value) {
          return length(value) < length ? "must have at least " + length + " characters" : null;
        }
      };
    }
    if (rule instanceof Rule.MaxLength max) {
      int length = max.length();
      return new RuleCheck(rule.code()) {
        @Override
        String problem(CellValue value) {
          return length(value) > length ? "must have at most " + length + " characters" : null;
        }
      };
    }
    if (rule instanceof Rule.Pattern pattern) {
      Pattern compiled = Pattern.compile(pattern.regex());
      return new RuleCheck(rule.code()) {
        @Override
        String problem(CellValue value) {
          return matchProblem(compiled, value);
        }
      };
    }
    throw new IllegalArgumentException("not a single-value rule: " + rule);
  }

  private static CellValue canonical(ColumnType type, CellValue bound) {
    ParseResult accepted = type.accept(bound);
    return accepted instanceof ParseResult.Valid valid ? valid.value() : bound;
  }

  /** Compares, treating values that have no order with the bound as within it (the type check reports them). */
  private static int compares(ColumnType type, CellValue value, CellValue bound) {
    try {
      return type.compare(value, bound);
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }

  private static int length(CellValue value) {
    String text = ((CellValue.Text) value).value();
    return text.codePointCount(0, text.length());
  }

  private static String matchProblem(Pattern pattern, CellValue value) {
    String text = ((CellValue.Text) value).value();
    if (text.length() > SheetValidator.MAX_PATTERN_INPUT) {
      return "is too long to check against its pattern (more than " + SheetValidator.MAX_PATTERN_INPUT + " characters)";
    }
    try {
      Matcher matcher = pattern.matcher(new BudgetedText(text, new int[] {SheetValidator.PATTERN_STEP_BUDGET}));
      return matcher.matches() ? null : "does not match the required pattern";
    } catch (BudgetedText.Exhausted e) {
      return "could not be checked against its pattern (the pattern is too complex for this text)";
    }
  }

  /**
   * Text that counts the characters a regular expression reads and gives up past a budget. Java's
   * regex engine backtracks, so a pattern like {@code (a+)+b} takes exponential time on some input;
   * the budget bounds every match whatever the pattern.
   */
  private static final class BudgetedText implements CharSequence {
    private final String text;
    private final int[] budget;

    BudgetedText(String text, int[] budget) {
      this.text = text;
      this.budget = budget;
    }

    @Override
    public char charAt(int index) {
      if (--budget[0] < 0) {
        throw new Exhausted();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BudgetedText(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
      return text;
    }

    static final class Exhausted extends RuntimeException {
      Exhausted() {
        super(null, null, false, false);
      }
    }
  }
}
