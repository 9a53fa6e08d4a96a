package io.contrivance.core.type;

import static io.contrivance.core.type.Parsing.invalid;
import static io.contrivance.core.type.Parsing.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateTypeTest {

  private final ColumnType date = ColumnTypes.date();

  @ParameterizedTest(name = "[{index}] ''{0}'' in {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-03-31 | ISO | 2026-03-31",
        "2026-3-1 | ISO | 2026-03-01",
        "2026/03/31 | ISO | 2026-03-31",
        "3/31/2026 | US | 2026-03-31",
        "31/03/2026 | UK | 2026-03-31",
        "31.03.2026 | EUROPE | 2026-03-31",
        "2026-03-31 | US | 2026-03-31",
        "2026-03-31 | EUROPE | 2026-03-31",
        "Mar 31, 2026 | ISO | 2026-03-31",
        "March 31 2026 | UK | 2026-03-31",
        "31 Mar 2026 | US | 2026-03-31",
        "1st Sept 2026 | ISO | 2026-09-01",
        "2024-02-29 | ISO | 2024-02-29",
        "2/29/2000 | US | 2000-02-29",
        "0001-01-01 | ISO | 0001-01-01",
        "9999-12-31 | ISO | 9999-12-31",
      })
  void parse_readsCommonForms(String text, String format, String expected) {
    assertThat(valid(date, text, format(format))).isEqualTo(CellValue.date(LocalDate.parse(expected)));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' in {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2023-02-29 | ISO | February 2023 has 28 days",
        "2/29/1900 | US | February 1900 has 28 days",
        "2026-04-31 | ISO | April 2026 has 30 days",
        "2026-13-01 | ISO | there is no month 13",
        "3/31/26 | US | four-digit year",
        "31/03/2026 | ISO | year-month-day",
        "Foo 3, 2026 | ISO | 'Foo' is not a month",
        "yesterday | ISO | not a date",
        "0000-01-01 | ISO | 1 or later",
      })
  void parse_rejectsImpossibleOrAmbiguousDates(String text, String format, String why) {
    ParseResult.Invalid result = invalid(date, text, format(format));
    assertThat(result.code()).isEqualTo("type_mismatch");
    assertThat(result.message()).contains(why);
  }

  @Test
  void format_followsTheDateOrder() {
    CellValue value = CellValue.date(LocalDate.of(2026, 3, 1));
    assertThat(date.format(value, TextFormat.ISO)).isEqualTo("2026-03-01");
    assertThat(date.format(value, TextFormat.US)).isEqualTo("3/1/2026");
    assertThat(date.format(value, TextFormat.UK)).isEqualTo("01/03/2026");
    assertThat(date.format(value, TextFormat.EUROPE)).isEqualTo("01.03.2026");
  }

  @Test
  void convert_takesTheLocalDateOfAMoment() {
    ColumnType from = ColumnTypes.dateTime(java.time.ZoneId.of("Asia/Tokyo"));
    CellValue moment = from.parse("2026-03-31 23:30", TextFormat.ISO).orElseThrow();
    assertThat(date.convert(moment, from).orElseThrow()).isEqualTo(CellValue.date(LocalDate.of(2026, 3, 31)));
  }

  static TextFormat format(String name) {
    return TextFormat.named(name).orElseThrow();
  }
}
