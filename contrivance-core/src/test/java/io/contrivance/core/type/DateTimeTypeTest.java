package io.contrivance.core.type;

import static io.contrivance.core.type.Parsing.invalid;
import static io.contrivance.core.type.Parsing.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class DateTimeTypeTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private final ColumnType paris = ColumnTypes.dateTime(PARIS);

  private static ZonedDateTime moment(CellValue value) {
    return ((CellValue.DateTime) value).value();
  }

  @Test
  void parse_withoutZoneUsesTheColumnsZone() {
    ZonedDateTime parsed = moment(valid(paris, "2026-03-31 14:30"));
    assertThat(parsed).isEqualTo(ZonedDateTime.of(2026, 3, 31, 14, 30, 0, 0, PARIS));
    assertThat(moment(valid(paris, "2026-03-31T14:30:15.250"))).isEqualTo(ZonedDateTime.of(2026, 3, 31, 14, 30, 15, 250_000_000, PARIS));
  }

  @Test
  void parse_keepsAGivenOffsetOrZone() {
    assertThat(moment(valid(paris, "2026-03-31T14:30Z")).toInstant()).isEqualTo(java.time.Instant.parse("2026-03-31T14:30:00Z"));
    assertThat(moment(valid(paris, "2026-03-31 14:30 +05:30")).getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
    assertThat(moment(valid(paris, "2026-03-31 14:30 America/New_York")).getZone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(moment(valid(paris, "2026-03-31T14:30+02:00[Europe/Paris]")).getZone()).isEqualTo(PARIS);
  }

  @Test
  void parse_readsTwelveHourClocksAndOtherDateForms() {
    assertThat(moment(valid(paris, "3/31/2026 2:30 PM", TextFormat.US)).getHour()).isEqualTo(14);
    assertThat(moment(valid(paris, "2026-03-31 12:05 am")).getHour()).isZero();
    assertThat(moment(valid(paris, "2026-03-31")).getHour()).isZero();
  }

  @Test
  void parse_rejectsTimesSkippedByDaylightSaving() {
    // On 2026-03-29 Paris clocks jump from 02:00 to 03:00.
    ParseResult.Invalid gap = invalid(paris, "2026-03-29 02:30");
    assertThat(gap.message()).contains("does not exist").contains("Europe/Paris");
  }

  @Test
  void parse_takesTheEarlierOffsetForRepeatedTimes() {
    // On 2026-10-25 Paris clocks go back from 03:00 to 02:00, so 02:30 happens twice.
    ZonedDateTime first = moment(valid(paris, "2026-10-25 02:30"));
    assertThat(first.getOffset()).isEqualTo(ZoneOffset.ofHours(2));
    ZonedDateTime second = moment(valid(paris, "2026-10-25 02:30 +01:00 Europe/Paris"));
    assertThat(second.getOffset()).isEqualTo(ZoneOffset.ofHours(1));
    assertThat(paris.parse(paris.format(new CellValue.DateTime(second), TextFormat.ISO), TextFormat.ISO).orElseThrow())
        .isEqualTo(new CellValue.DateTime(second));
  }

  @Test
  void parse_rejectsNonsense() {
    assertThat(invalid(paris, "2026-03-31 25:00").message()).contains("no time 25:00");
    assertThat(invalid(paris, "2026-03-31 14:30 Mars/Olympus").message()).contains("not a time zone");
    assertThat(invalid(paris, "2026-03-31 13:00 PM").message()).contains("AM or PM");
    assertThat(invalid(paris, "soon").code()).isEqualTo("type_mismatch");
    assertThat(invalid(paris, "2026-10-25 02:30 +05:00 Europe/Paris").message()).contains("not the offset");
  }

  @Test
  void format_showsDateTimeAndZone() {
    CellValue value = new CellValue.DateTime(ZonedDateTime.of(2026, 3, 31, 14, 30, 0, 0, PARIS));
    assertThat(paris.format(value, TextFormat.US)).isEqualTo("2026-03-31 14:30:00 Europe/Paris");
  }

  @Test
  void compare_ordersByInstantAcrossZones() {
    CellValue early = valid(paris, "2026-03-31 14:30 Europe/Paris");
    CellValue late = valid(paris, "2026-03-31 14:30 UTC");
    assertThat(paris.compare(early, late)).isNegative();
  }
}
