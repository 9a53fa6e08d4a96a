package io.contrivance.plugins.columntypes;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.core.type.TypeSettings;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plugin's types read, check and show values as a core type does, and read back what they show. */
class ColumnTypesTest {

  private static ParseResult parse(ColumnType type, String text) {
    return type.parse(text, TextFormat.ISO);
  }

  private static String code(ParseResult result) {
    return ((ParseResult.Invalid) result).code();
  }

  private static void roundTrips(ColumnType type, CellValue value) {
    assertThat(parse(type, type.format(value, TextFormat.ISO))).isEqualTo(ParseResult.valid(value));
  }

  @Test
  void rating_acceptsWholeStarsUpToItsMaximum() {
    RatingType rating = RatingType.of(TypeSettings.empty());
    assertThat(parse(rating, "4")).isEqualTo(ParseResult.valid(CellValue.decimal("4")));
    assertThat(parse(rating, "★★★")).isEqualTo(ParseResult.valid(CellValue.decimal("3")));
    assertThat(code(parse(rating, "7"))).isEqualTo("out_of_range");
    assertThat(code(parse(rating, "0"))).isEqualTo("out_of_range");
    assertThat(code(parse(rating, "2.5"))).isEqualTo("out_of_range");
    assertThat(code(parse(rating, "great"))).isEqualTo("type_mismatch");
    assertThat(code(rating.accept(CellValue.decimal("7")))).isEqualTo("out_of_range");
    assertThat(rating.accept(CellValue.decimal("5")).isValid()).isTrue();
    assertThat(RatingType.of(TypeSettings.of(Map.of("max", 10))).accept(CellValue.decimal("7")).isValid()).isTrue();
    roundTrips(rating, CellValue.decimal("4"));
  }

  @Test
  void duration_readsTheUsualSpellingsAsSeconds() {
    DurationType duration = new DurationType();
    assertThat(parse(duration, "1h 30m")).isEqualTo(ParseResult.valid(CellValue.decimal("5400")));
    assertThat(parse(duration, "90m")).isEqualTo(ParseResult.valid(CellValue.decimal("5400")));
    assertThat(parse(duration, "90")).isEqualTo(ParseResult.valid(CellValue.decimal("5400")));
    assertThat(parse(duration, "1:30")).isEqualTo(ParseResult.valid(CellValue.decimal("5400")));
    assertThat(parse(duration, "1:30:15")).isEqualTo(ParseResult.valid(CellValue.decimal("5415")));
    assertThat(parse(duration, "2d 4h")).isEqualTo(ParseResult.valid(CellValue.decimal("187200")));
    assertThat(parse(duration, "45s")).isEqualTo(ParseResult.valid(CellValue.decimal("45")));
    assertThat(code(parse(duration, "soon"))).isEqualTo("type_mismatch");
    assertThat(code(parse(duration, "99999999999d"))).isEqualTo("out_of_range");
    assertThat(code(duration.accept(CellValue.decimal("-1")))).isEqualTo("out_of_range");
    assertThat(duration.format(CellValue.decimal("5415"), TextFormat.ISO)).isEqualTo("1h 30m 15s");
    roundTrips(duration, CellValue.decimal("187245"));
    roundTrips(duration, CellValue.decimal("0"));
  }

  @Test
  void country_takesTheCodeOrTheEnglishName() {
    CountryType country = new CountryType();
    assertThat(parse(country, "de")).isEqualTo(ParseResult.valid(CellValue.text("DE")));
    assertThat(parse(country, "Germany")).isEqualTo(ParseResult.valid(CellValue.text("DE")));
    assertThat(parse(country, "united states")).isEqualTo(ParseResult.valid(CellValue.text("US")));
    assertThat(code(parse(country, "Atlantis"))).isEqualTo("not_a_country");
    assertThat(CountryType.name("JP")).isEqualTo("Japan");
    roundTrips(country, CellValue.text("FR"));
  }

  @Test
  void durations_orderAsNumbers() {
    DurationType duration = new DurationType();
    CellValue hour = parse(duration, "1h").orElseThrow();
    CellValue ninety = parse(duration, "90m").orElseThrow();
    assertThat(duration.compare(hour, ninety)).isNegative();
    assertThat(((CellValue.Decimal) ninety).value()).isEqualByComparingTo(BigDecimal.valueOf(5400));
  }
}
