package io.contrivance.core.sheet;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.core.type.ValueKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks that a column's rules fit its type and each other. */
final class ColumnRules {

  static final int MAX_PATTERN_LENGTH = 500;

  private ColumnRules() {}

  static List<String> problems(String name, ColumnId id, ColumnType type, List<Rule> rules) {
    var problems = new ArrayList<String>();
    Set<Class<?>> seen = new HashSet<>();
    CellValue min = null;
    CellValue max = null;
    int minLength = -1;
    int maxLength = -1;
    for (Rule rule : rules) {
      if (rule == null) {
        problems.add(name + ": a rule cannot be null");
        continue;
      }
      if (!(rule instanceof Rule.RequiredWhen) && !seen.add(rule.getClass())) {
        problems.add(name + ": the " + rule.code() + " rule is given twice");
        continue;
      }
      if (rule instanceof Rule.Min r) {
        min = bound(name, type, r.bound(), "minimum", problems);
      } else if (rule instanceof Rule.Max r) {
        max = bound(name, type, r.bound(), "maximum", problems);
      } else if (rule instanceof Rule.MinLength r) {
        minLength = length(name, type, r.length(), "minimum length", problems);
      } else if (rule instanceof Rule.MaxLength r) {
        maxLength = length(name, type, r.length(), "maximum length", problems);
      } else if (rule instanceof Rule.Pattern r) {
        pattern(name, type, r.regex(), problems);
      } else if (rule instanceof Rule.RequiredWhen r && r.condition().column().equals(id)) {
        problems.add(name + ": a required-when rule cannot test the column itself");
      }
    }
    if (min != null && max != null && type.compare(min, max) > 0) {
      problems.add(name + ": the minimum " + show(type, min) + " is greater than the maximum " + show(type, max));
    }
    if (minLength >= 0 && maxLength >= 0 && minLength > maxLength) {
      problems.add(name + ": the minimum length " + minLength + " is greater than the maximum length " + maxLength);
    }
    return problems;
  }

  private static CellValue bound(String name, ColumnType type, CellValue bound, String what, List<String> problems) {
    if (!type.kind().isOrdered()) {
      problems.add(name + ": a " + what + " needs a number, currency, percent, date or date-time column, not " + type.id());
      return null;
    }
    ParseResult accepted = bound instanceof CellValue.Decimal && type.kind() == ValueKind.MONEY ? ParseResult.valid(bound) : type.accept(bound);
    if (!(accepted instanceof ParseResult.Valid valid)) {
      problems.add(name + ": the " + what + " " + bound + " does not fit a " + type.id() + " column");
      return null;
    }
    try {
      type.compare(valid.value(), valid.value());
    } catch (IllegalArgumentException e) {
      problems.add(name + ": the " + what + " " + bound + " cannot be compared with " + type.id() + " values");
      return null;
    }
    return valid.value();
  }

  private static int length(String name, ColumnType type, int length, String what, List<String> problems) {
    if (!type.kind().isText()) {
      problems.add(name + ": a " + what + " needs a text column, not " + type.id());
      return -1;
    }
    if (length < 0) {
      problems.add(name + ": the " + what + " cannot be negative, was " + length);
      return -1;
    }
    return length;
  }

  private static void pattern(String name, ColumnType type, String regex, List<String> problems) {
    if (!type.kind().isText()) {
      problems.add(name + ": a pattern needs a text column, not " + type.id());
      return;
    }
    if (regex.isEmpty() || regex.length() > MAX_PATTERN_LENGTH) {
      problems.add(name + ": a pattern must have 1 to " + MAX_PATTERN_LENGTH + " characters");
      return;
    }
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      problems.add(
          name + ": the pattern '" + regex + "' is not a valid regular expression: " + e.getDescription().toLowerCase(Locale.ROOT)
              + (e.getIndex() >= 0 ? " near position " + e.getIndex() : ""));
    }
  }

  private static String show(ColumnType type, CellValue value) {
    return type.format(value, TextFormat.ISO);
  }
}
