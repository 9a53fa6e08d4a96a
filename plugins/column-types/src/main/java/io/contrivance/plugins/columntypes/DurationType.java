package io.contrivance.plugins.columntypes;

import io.contrivance.core.type.AbstractColumnType;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.core.type.ValueKind;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span of time as whole seconds: typed {@code 1h 30m}, {@code 2d 4h}, {@code 45s}, {@code 90m},
 * {@code 1:30} (hours and minutes) or {@code 1:30:15}, or a plain number of minutes; shown in the
 * first form ({@code 1h 30m}). Up to 10,000 days.
 */
final class DurationType extends AbstractColumnType {

  static final String ID = "duration";
  static final long MAX_SECONDS = 10_000L * 86_400;

  private static final Pattern UNITS = Pattern.compile("(?:(\\d+)\\s*d)?\\s*(?:(\\d+)\\s*h)?\\s*(?:(\\d+)\\s*m(?:in)?)?\\s*(?:(\\d+)\\s*s)?");
  private static final Pattern CLOCK = Pattern.compile("(\\d+):([0-5]\\d)(?::([0-5]\\d))?");
  private static final Pattern MINUTES = Pattern.compile("\\d{1,9}");

  DurationType() {
    super(ID, ValueKind.DECIMAL);
  }

  @Override
  protected ParseResult parseNonBlank(String text, TextFormat format) {
    String t = text.toLowerCase(Locale.ROOT);
    Matcher clock = CLOCK.matcher(t);
    if (clock.matches()) {
      return seconds(Long.parseLong(clock.group(1)) * 3600 + Long.parseLong(clock.group(2)) * 60 + (clock.group(3) == null ? 0 : Long.parseLong(clock.group(3))), text);
    }
    if (MINUTES.matcher(t).matches()) {
      return seconds(Long.parseLong(t) * 60, text);
    }
    Matcher units = UNITS.matcher(t);
    if (units.matches() && t.chars().anyMatch(Character::isDigit)) {
      try {
        long total = Math.addExact(Math.addExact(Math.multiplyExact(part(units, 1), 86_400), Math.multiplyExact(part(units, 2), 3600)), Math.addExact(Math.multiplyExact(part(units, 3), 60), part(units, 4)));
        return seconds(total, text);
      } catch (ArithmeticException | NumberFormatException e) {
        return tooLong(text);
      }
    }
    return ParseResult.invalid("type_mismatch", "'" + text + "' is not a duration (e.g. 1h 30m, 90m, 1:30)");
  }

  private static long part(Matcher m, int group) {
    return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
  }

  private static ParseResult seconds(long seconds, String text) {
    return seconds > MAX_SECONDS ? tooLong(text) : ParseResult.valid(CellValue.decimal(BigDecimal.valueOf(seconds)));
  }

  private static ParseResult tooLong(String text) {
    return ParseResult.invalid("out_of_range", "'" + text + "' is longer than 10,000 days");
  }

  @Override
  protected String formatNonBlank(CellValue value, TextFormat format) {
    long s = ((CellValue.Decimal) value).value().longValue();
    if (s == 0) {
      return "0m";
    }
    StringBuilder text = new StringBuilder();
    append(text, s / 86_400, "d");
    append(text, s % 86_400 / 3600, "h");
    append(text, s % 3600 / 60, "m");
    append(text, s % 60, "s");
    return text.toString();
  }

  private static void append(StringBuilder text, long n, String unit) {
    if (n > 0) {
      text.append(text.length() > 0 ? " " : "").append(n).append(unit);
    }
  }

  @Override
  protected ParseResult acceptNonBlank(CellValue value) {
    if (value instanceof CellValue.Decimal d) {
      BigDecimal n = d.value();
      if (n.signum() < 0 || n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
        return ParseResult.invalid("out_of_range", "a duration is a whole number of seconds from 0 to " + MAX_SECONDS);
      }
      return ParseResult.valid(value);
    }
    if (value instanceof CellValue.Text t) {
      return parse(t.value(), TextFormat.ISO);
    }
    return wrongKind(value);
  }
}
