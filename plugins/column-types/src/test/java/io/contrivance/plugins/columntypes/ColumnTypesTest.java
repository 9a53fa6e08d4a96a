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

  private static void readsAs(ColumnType type, String text, CellValue value) {
    assertThat(parse(type, text)).as(text).isEqualTo(ParseResult.valid(value));
  }

  private static void refuses(ColumnType type, String text, String code) {
    assertThat(code(parse(type, text))).as(text).isEqualTo(code);
  }

  private static void roundTrips(ColumnType type, CellValue value) {
    assertThat(parse(type, type.format(value, TextFormat.ISO))).isEqualTo(ParseResult.valid(value));
  }

  @Test
  void rating_acceptsWholeStarsUpToItsMaximum() {
    RatingType rating = RatingType.of(TypeSettings.empty());
    readsAs(rating, "4", CellValue.decimal("4"));
    readsAs(rating, "★★★", CellValue.decimal("3"));
    refuses(rating, "7", "out_of_range");
    refuses(rating, "0", "out_of_range");
    refuses(rating, "2.5", "out_of_range");
    refuses(rating, "great", "type_mismatch");
    assertThat(code(rating.accept(CellValue.decimal("7")))).isEqualTo("out_of_range");
    assertThat(rating.accept(CellValue.decimal("5")).isValid()).isTrue();
    assertThat(RatingType.of(TypeSettings.of(Map.of("max", 10))).accept(CellValue.decimal("7")).isValid()).isTrue();
    roundTrips(rating, CellValue.decimal("4"));
  }

  @Test
  void duration_readsTheUsualSpellingsAsSeconds() {
    DurationType duration = new DurationType();
    readsAs(duration, "1h 30m", CellValue.decimal("5400"));
    readsAs(duration, "90m", CellValue.decimal("5400"));
    readsAs(duration, "90", CellValue.decimal("5400"));
    readsAs(duration, "1:30", CellValue.decimal("5400"));
    readsAs(duration, "1:30:15", CellValue.decimal("5415"));
    readsAs(duration, "2d 4h", CellValue.decimal("187200"));
    readsAs(duration, "45s", CellValue.decimal("45"));
    refuses(duration, "soon", "type_mismatch");
    refuses(duration, "99999999999d", "out_of_range");
    assertThat(code(duration.accept(CellValue.decimal("-1")))).isEqualTo("out_of_range");
    assertThat(duration.format(CellValue.decimal("5415"), TextFormat.ISO)).isEqualTo("1h 30m 15s");
    roundTrips(duration, CellValue.decimal("187245"));
    roundTrips(duration, CellValue.decimal("0"));
  }

  @Test
  void country_takesTheCodeOrTheEnglishName() {
    CountryType country = new CountryType();
    readsAs(country, "de", CellValue.text("DE"));
    readsAs(country, "Germany", CellValue.text("DE"));
    readsAs(country, "united states", CellValue.text("US"));
    refuses(country, "Atlantis", "not_a_country");
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
