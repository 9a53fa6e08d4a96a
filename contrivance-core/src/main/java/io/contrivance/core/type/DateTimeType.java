package io.contrivance.core.type;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moments in time. Text is a date (any form {@link DateText} reads), then a time ({@code 14:30},
 * {@code 2:30 PM}, seconds and fractions optional), then optionally {@code Z}, an offset ({@code
 * +02:00}) or a zone id ({@code Europe/Paris}); without one the column's zone applies. A local time
 * that does not exist in the zone (skipped by a daylight-saving change) is an error; one that exists
 * twice is taken at the earlier offset.
 */
final class DateTimeType extends AbstractColumnType {

  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(.{6,40}?)[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)? ?([AaPp][Mm](?![A-Za-z]))?"
              + "(?: ?(Z(?![A-Za-z])|[+-]\\d{2}:?\\d{2}))?"
              + "(?: ?\\[?([A-Za-z][A-Za-z0-9_+\\-]*(?:/[A-Za-z0-9_+\\-]+){0,2})\\]?)?");

  private final ZoneId zone;

  DateTimeType(ZoneId zone) {
    super("datetime", ValueKind.DATE_TIME);
    this.zone = zone;
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("zone", zone.getId());
  }

  @Override
  protected ParseResult parseNonBlank(String text, TextFormat format) {
    if (text.length() > 80) {
      return invalid(text, "too long to be a date and time");
    }
    Matcher m = DATE_TIME.matcher(text);
    if (!m.matches()) {
      DateText.Outcome dateOnly = DateText.parse(text, format);
      if (dateOnly.date() != null) {
        return ParseResult.valid(new CellValue.DateTime(dateOnly.date().atStartOfDay(zone)));
      }
      return invalid(text, "write a date and a time, e.g. 2026-03-31 14:30");
    }
    DateText.Outcome date = DateText.parse(m.group(1), format);
    if (date.date() == null) {
      return ParseResult.invalid(ErrorCodes.TYPE_MISMATCH, date.error());
    }
    int hour = Integer.parseInt(m.group(2));
    int minute = Integer.parseInt(m.group(3));
    int second = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    int nanos = m.group(5) == null ? 0 : Integer.parseInt((m.group(5) + "00000000").substring(0, 9));
    String halfDay = m.group(6);
    if (halfDay != null) {
      if (hour < 1 || hour > 12) {
        return invalid(text, "with AM or PM the hour is 1 to 12");
      }
      hour = hour % 12 + (halfDay.equalsIgnoreCase("PM") ? 12 : 0);
    }
    LocalTime time;
    try {
      time = LocalTime.of(hour, minute, second, nanos);
    } catch (DateTimeException e) {
      return invalid(text, "there is no time " + m.group(2) + ":" + m.group(3));
    }
    LocalDateTime local = LocalDateTime.of(date.date(), time);
    ZoneOffset offset = null;
    if (m.group(7) != null) {
      try {
        offset = ZoneOffset.of(m.group(7).length() == 5 ? m.group(7).substring(0, 3) + ":" + m.group(7).substring(3) : m.group(7));
      } catch (DateTimeException e) {
        return invalid(text, "'" + m.group(7) + "' is not a time zone offset");
      }
    }
    ZoneId target = offset != null ? offset : zone;
    if (m.group(8) != null) {
      try {
        target = ZoneId.of(m.group(8));
      } catch (DateTimeException e) {
        return invalid(text, "'" + m.group(8) + "' is not a time zone");
      }
    }
    if (!(target instanceof ZoneOffset) && target.getRules().getValidOffsets(local).isEmpty()) {
      return invalid(
          text,
          local.toLocalTime() + " does not exist on " + local.toLocalDate() + " in " + target.getId() + " (the clocks moved forward)");
    }
    if (offset != null && !(target instanceof ZoneOffset) && !target.getRules().isValidOffset(local, offset)) {
      return invalid(text, offset.getId() + " is not the offset of " + target.getId() + " at that time");
    }
    return ParseResult.valid(new CellValue.DateTime(ZonedDateTime.ofLocal(local, target, offset)));
  }

  @Override
  protected String formatNonBlank(CellValue value, TextFormat format) {
    ZonedDateTime moment = ((CellValue.DateTime) value).value();
    LocalTime time = moment.toLocalTime();
    String clock =
        time.getNano() != 0
            ? time.toString()
            : String.format(Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
    String zonePart = moment.getZone().getId();
    // When clocks go back, a local time happens twice; the offset says which of the two is meant.
    boolean ambiguous =
        !(moment.getZone() instanceof ZoneOffset)
            && moment.getZone().getRules().getValidOffsets(moment.toLocalDateTime()).size() > 1;
    if (ambiguous) {
      zonePart = moment.getOffset().getId() + " " + zonePart;
    }
    return DateText.format(moment.toLocalDate(), TextFormat.ISO) + " " + clock + " " + zonePart;
  }

  @Override
  public ParseResult convert(CellValue value, ColumnType from) {
    if (value instanceof CellValue.Date date) {
      return ParseResult.valid(new CellValue.DateTime(date.value().atStartOfDay(zone)));
    }
    return super.convert(value, from);
  }

  private static ParseResult invalid(String text, String why) {
    return ParseResult.invalid(
        ErrorCodes.TYPE_MISMATCH, "'" + NumberText.shorten(text) + "' is not a valid date and time: " + why);
  }
}
