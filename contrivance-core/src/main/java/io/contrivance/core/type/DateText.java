package io.contrivance.core.type;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dates: ISO ({@code 2026-03-31}) always; numeric dates in the format's order with {@code /},
 * {@code .} or {@code -} ({@code 3/31/2026}, {@code 31.03.2026}); and English month names ({@code
 * Mar 31, 2026}, {@code 31 March 2026}). Years have four digits: two-digit years are ambiguous and
 * rejected. Impossible dates (February 29 of a common year) are errors, never rolled over.
 */
final class DateText {

  static final int MAX_INPUT_LENGTH = 40;

  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
  private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
  private static final Pattern NUMERIC = Pattern.compile("(\\d{1,4})([/.\\-])(\\d{1,2})\\2(\\d{1,4})\\.?");
  private static final Pattern MONTH_FIRST =
      Pattern.compile("([A-Za-z]{3,9})\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{1,4})");
  private static final Pattern DAY_FIRST =
      Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)?\\.? ([A-Za-z]{3,9})\\.?,? (\\d{1,4})");

  private static final Map<String, Month> MONTHS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  static {
    for (Month month : Month.values()) {
      MONTHS.put(month.getDisplayName(TextStyle.FULL, Locale.ENGLISH), month);
      MONTHS.put(month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH), month);
    }
    MONTHS.put("Sept", Month.SEPTEMBER);
  }

  /** A date, or a message for people. Exactly one is non-null. */
  record Outcome(LocalDate date, String error) {}

  private DateText() {}

  static Outcome parse(String input, TextFormat format) {
    String s = WHITE_SPACE.matcher(input.strip()).replaceAll(" ");
    if (s.length() > MAX_INPUT_LENGTH) {
      return fail(input, "too long to be a date");
    }
    Matcher m = ISO.matcher(s);
    if (m.matches()) {
      return date(input, m.group(1), m.group(2), m.group(3));
    }
    m = NUMERIC.matcher(s);
    if (m.matches()) {
      String a = m.group(1);
      String b = m.group(3);
      String c = m.group(4);
      if (a.length() == 4) {
        return date(input, a, b, c);
      }
      return switch (format.dateOrder()) {
        case MDY -> date(input, c, a, b);
        case DMY -> date(input, c, b, a);
        case YMD -> fail(input, "write dates as year-month-day, e.g. 2026-03-31");
      };
    }
    m = MONTH_FIRST.matcher(s);
    if (m.matches()) {
      return named(input, m.group(1), m.group(2), m.group(3));
    }
    m = DAY_FIRST.matcher(s);
    if (m.matches()) {
      return named(input, m.group(2), m.group(1), m.group(3));
    }
    return fail(input, "not a date");
  }

  static String format(LocalDate date, TextFormat format) {
    int y = date.getYear();
    int mo = date.getMonthValue();
    int d = date.getDayOfMonth();
    return switch (format.dateOrder()) {
      case YMD -> String.format(Locale.ROOT, "%04d-%02d-%02d", y, mo, d);
      case MDY -> String.format(Locale.ROOT, "%d/%d/%04d", mo, d, y);
      case DMY ->
          format.decimalSeparator() == ','
              ? String.format(Locale.ROOT, "%02d.%02d.%04d", d, mo, y)
              : String.format(Locale.ROOT, "%02d/%02d/%04d", d, mo, y);
    };
  }

  private static Outcome named(String input, String monthName, String day, String year) {
    Month month = MONTHS.get(monthName);
    if (month == null) {
      return fail(input, "'" + monthName + "' is not a month");
    }
    return date(input, year, Integer.toString(month.getValue()), day);
  }

  private static Outcome date(String input, String year, String month, String day) {
    if (year.length() != 4) {
      return fail(input, "use a four-digit year");
    }
    int y = Integer.parseInt(year);
    int mo = Integer.parseInt(month);
    int d = Integer.parseInt(day);
    if (y < 1) {
      return fail(input, "the year must be 1 or later");
    }
    if (mo < 1 || mo > 12) {
      return fail(input, "there is no month " + mo);
    }
    try {
      return new Outcome(LocalDate.of(y, mo, d), null);
    } catch (DateTimeException e) {
      int length = Month.of(mo).length(Year.isLeap(y));
      return fail(
          input,
          Month.of(mo).getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + y + " has " + length + " days");
    }
  }

  private static Outcome fail(String input, String why) {
    return new Outcome(null, "'" + NumberText.shorten(input.strip()) + "' is not a valid date: " + why);
  }
}
