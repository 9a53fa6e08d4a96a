package io.contrivance.core.forecast;

import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * A stretch of days, from {@code start} (inclusive) to {@code end} (exclusive), with a label. Fiscal
 * quarters and years start in the fiscal year's first month.
 */
public record Period(String label, LocalDate start, LocalDate end) {

  public Period {
    Objects.requireNonNull(label, "label");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("a period ends after it starts: " + start + " to " + end);
    }
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(start) && date.isBefore(end);
  }

  /** The calendar month holding the date. */
  public static Period monthOf(LocalDate date) {
    LocalDate start = date.withDayOfMonth(1);
    return new Period(start.getYear() + "-" + String.format(Locale.ROOT, "%02d", start.getMonthValue()), start, start.plusMonths(1));
  }

  /**
   * The fiscal quarter holding the date, for a fiscal year starting in {@code fiscalStart}. The
   * fiscal year is named after the calendar year it ends in (FY2027 starts in February 2026 when
   * it starts in February), as most companies do.
   */
  public static Period quarterOf(LocalDate date, Month fiscalStart) {
    LocalDate yearStart = fiscalYearStart(date, fiscalStart);
    int monthsIn = (int) ChronoUnit.MONTHS.between(yearStart, date.withDayOfMonth(1));
    int quarter = monthsIn / 3;
    LocalDate start = yearStart.plusMonths(quarter * 3L);
    return new Period("FY" + fiscalYear(yearStart, fiscalStart) + " Q" + (quarter + 1), start, start.plusMonths(3));
  }

  /** The fiscal year holding the date. */
  public static Period yearOf(LocalDate date, Month fiscalStart) {
    LocalDate start = fiscalYearStart(date, fiscalStart);
    return new Period("FY" + fiscalYear(start, fiscalStart), start, start.plusYears(1));
  }

  private static LocalDate fiscalYearStart(LocalDate date, Month fiscalStart) {
    LocalDate candidate = LocalDate.of(date.getYear(), fiscalStart, 1);
    return date.isBefore(candidate) ? candidate.minusYears(1) : candidate;
  }

  private static int fiscalYear(LocalDate yearStart, Month fiscalStart) {
    return fiscalStart == Month.JANUARY ? yearStart.getYear() : yearStart.getYear() + 1;
  }
}
