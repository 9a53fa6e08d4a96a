package io.contrivance.core.type;

import java.math.BigDecimal;

/**
 * Reads decimal numbers the way people type them: optional sign (ASCII or U+2212 minus) or
 * accounting parentheses, digit groups, a decimal separator and an exponent. Any Unicode decimal
 * digit is accepted. Grouping is strict (groups of three after the first) so that {@code 1,5} in a
 * point-decimal format is an error, not fifteen.
 */
final class NumberText {

  /** Longest input read at all; longer text is rejected before any work. */
  static final int MAX_INPUT_LENGTH = 200;
  /** Largest number of digits before the decimal point a stored number may have. */
  static final int MAX_INTEGER_DIGITS = 30;
  /** Largest number of digits after the decimal point a stored number may have. */
  static final int MAX_FRACTION_DIGITS = 20;

  private static final char MINUS_SIGN = '\u2212';

  /** The outcome: a number, or a message for people. Exactly one is non-null. */
  record Outcome(BigDecimal number, String code, String error) {
    static Outcome ok(BigDecimal number) {
      return new Outcome(number, null, null);
    }

    static Outcome fail(String code, String error) {
      return new Outcome(null, code, error);
    }

    boolean ok() {
      return number != null;
    }
  }

  private NumberText() {}

  static Outcome parse(String input, TextFormat format) {
    if (input.length() > MAX_INPUT_LENGTH) {
      return Outcome.fail(
          ErrorCodes.TYPE_MISMATCH, "text of " + input.length() + " characters is too long to be a number");
    }
    String s = input.strip();
    boolean negative = false;
    if (s.length() >= 2 && s.charAt(0) == '(' && s.charAt(s.length() - 1) == ')') {
      negative = true;
      s = s.substring(1, s.length() - 1).strip();
    }
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == MINUS_SIGN || s.charAt(0) == '+')) {
      if (s.charAt(0) != '+') {
        if (negative) {
          return notANumber(input);
        }
        negative = true;
      }
      s = s.substring(1).strip();
    }
    if (s.isEmpty()) {
      return notANumber(input);
    }

    StringBuilder digits = new StringBuilder(s.length() + 2);
    if (negative) {
      digits.append('-');
    }
    char decimal = format.decimalSeparator();
    char grouping = format.groupingSeparator();
    boolean spaceGrouping = grouping == ' ';
    int groupLength = -1; // digits since the last grouping separator; -1 = no separator seen yet
    int leadingGroup = 0; // digits before the first grouping separator
    boolean sawDigit = false;
    boolean sawDecimal = false;
    int i = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      int digit = Character.digit(c, 10);
      if (digit >= 0 && Character.isDigit(c)) {
        digits.append((char) ('0' + digit));
        sawDigit = true;
        if (!sawDecimal) {
          if (groupLength >= 0) {
            groupLength++;
            if (groupLength > 3) {
              return badGrouping(input);
            }
          } else {
            leadingGroup++;
          }
        }
      } else if (!sawDecimal && (c == grouping || (spaceGrouping && isSpace(c)))) {
        if (!sawDigit || (groupLength >= 0 && groupLength != 3) || (groupLength < 0 && leadingGroup > 3)) {
          return badGrouping(input);
        }
        groupLength = 0;
      } else if (c == decimal && !sawDecimal) {
        if (groupLength >= 0 && groupLength != 3) {
          return badGrouping(input);
        }
        sawDecimal = true;
        digits.append('.');
      } else {
        break;
      }
    }
    if (groupLength >= 0 && groupLength != 3 && !sawDecimal) {
      return badGrouping(input);
    }
    if (!sawDigit) {
      return notANumber(input);
    }
    if (i < s.length()) {
      char c = s.charAt(i);
      if (c != 'e' && c != 'E') {
        return notANumber(input);
      }
      int exponentStart = i + 1;
      int j = exponentStart;
      if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      int exponentDigits = 0;
      for (; j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9'; j++) {
        exponentDigits++;
      }
      if (exponentDigits == 0 || exponentDigits > 4 || j != s.length()) {
        return notANumber(input);
      }
      digits.append('E').append(s, exponentStart, j);
    }
    BigDecimal value;
    try {
      value = Numbers.normalize(new BigDecimal(digits.toString()));
    } catch (NumberFormatException | ArithmeticException e) {
      return notANumber(input);
    }
    return withinLimits(value, input);
  }

  /** Whether a normalized number is small and precise enough to store. Allocation-free. */
  static boolean fits(BigDecimal value) {
    return Numbers.integerDigits(value) <= MAX_INTEGER_DIGITS && value.scale() <= MAX_FRACTION_DIGITS;
  }

  /** Rejects numbers too large or too precise to store. */
  static Outcome withinLimits(BigDecimal value, String shownAs) {
    if (Numbers.integerDigits(value) > MAX_INTEGER_DIGITS) {
      return Outcome.fail(
          ErrorCodes.OUT_OF_RANGE,
          "'" + shorten(shownAs) + "' is too large: at most " + MAX_INTEGER_DIGITS + " digits before the decimal point");
    }
    if (value.scale() > MAX_FRACTION_DIGITS) {
      return Outcome.fail(
          ErrorCodes.OUT_OF_RANGE,
          "'" + shorten(shownAs) + "' is too precise: at most " + MAX_FRACTION_DIGITS + " digits after the decimal point");
    }
    return Outcome.ok(value);
  }

  /** Formats with grouping, at least {@code minFraction} fraction digits, never in exponent form. */
  static String format(BigDecimal value, int minFraction, TextFormat format) {
    BigDecimal shown = value.scale() < minFraction ? value.setScale(minFraction) : value;
    String plain = shown.abs().toPlainString();
    int point = plain.indexOf('.');
    String integer = point < 0 ? plain : plain.substring(0, point);
    String fraction = point < 0 ? "" : plain.substring(point + 1);
    StringBuilder out = new StringBuilder(plain.length() + integer.length() / 3 + 2);
    if (shown.signum() < 0) {
      out.append('-');
    }
    int firstGroup = integer.length() % 3 == 0 ? 3 : integer.length() % 3;
    out.append(integer, 0, firstGroup);
    for (int k = firstGroup; k < integer.length(); k += 3) {
      out.append(format.groupingSeparator()).append(integer, k, k + 3);
    }
    if (!fraction.isEmpty()) {
      out.append(format.decimalSeparator()).append(fraction);
    }
    return out.toString();
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\u2009';
  }

  static String shorten(String input) {
    return input.length() <= 40 ? input : input.substring(0, 37) + "...";
  }

  private static Outcome notANumber(String input) {
    return Outcome.fail(ErrorCodes.TYPE_MISMATCH, "'" + shorten(input) + "' is not a number");
  }

  private static Outcome badGrouping(String input) {
    return Outcome.fail(
        ErrorCodes.TYPE_MISMATCH,
        "'" + shorten(input) + "' is not a number: digit groups must have three digits");
  }
}
