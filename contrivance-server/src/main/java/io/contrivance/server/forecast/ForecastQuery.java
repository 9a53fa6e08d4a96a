package io.contrivance.server.forecast;

import io.contrivance.core.forecast.Period;
import io.contrivance.server.web.Checks;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the query parameters the forecast endpoints share; problems go to {@link Checks} by field. */
final class ForecastQuery {

  private ForecastQuery() {}

  /** How long a period is. */
  enum Length {
    MONTH,
    QUARTER,
    YEAR
  }

  static Length length(String text, Checks checks) {
    if (text == null || text.isBlank()) {
      return Length.QUARTER;
    }
    try {
      return Length.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      checks.add("period", "one of month, quarter, year");
      return Length.QUARTER;
    }
  }

  static Period period(Length length, LocalDate date, Month fiscalYearStart) {
    return switch (length) {
      case MONTH -> Period.monthOf(date);
      case QUARTER -> Period.quarterOf(date, fiscalYearStart);
      case YEAR -> Period.yearOf(date, fiscalYearStart);
    };
  }

  /** {@code count} consecutive periods, the first holding {@code date}. */
  static List<Period> periods(Length length, LocalDate date, Month fiscalYearStart, int count) {
    var periods = new ArrayList<Period>(count);
    Period period = period(length, date, fiscalYearStart);
    for (int i = 0; i < count; i++) {
      periods.add(period);
      period = period(length, period.end(), fiscalYearStart);
    }
    return periods;
  }

  static LocalDate date(String text, String field, LocalDate fallback, Checks checks) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      checks.add(field, "a date as YYYY-MM-DD");
      return fallback;
    }
  }

  static int integer(String text, String field, int fallback, int min, int max, Checks checks) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    checks.add(field, "a whole number from " + min + " to " + max);
    return fallback;
  }

  static long seed(String text, Checks checks) {
    if (text == null || text.isBlank()) {
      return 1;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      checks.add("seed", "a whole number");
      return 1;
    }
  }

  static Optional<String> owner(String text) {
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
  }
}
