package io.contrivance.core.type;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For every value a type accepts and every text format: parse(format(v)) gives v back. */
class RoundTripProperties {

  private static final List<TextFormat> FORMATS =
      List.of(TextFormat.ISO, TextFormat.US, TextFormat.UK, TextFormat.EUROPE, new TextFormat(',', ' ', TextFormat.DateOrder.DMY));

  private static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "JPY", "CAD", "CHF", "BRL", "INR", "KWD", "AUD");

  private static void roundTrips(ColumnType type, CellValue value, TextFormat format) {
    String text = type.format(value, format);
    assertThat(type.parse(text, format)).as("%s as %s in %s", value, text, format).isEqualTo(ParseResult.valid(value));
  }

  @Provide
  Arbitrary<TextFormat> formats() {
    return Arbitraries.of(FORMATS);
  }

  @Provide
  Arbitrary<BigDecimal> decimals() {
    Arbitrary<BigInteger> unscaled = Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30));
    Arbitrary<Integer> scale = Arbitraries.integers().between(0, 20);
    return Combinators.combine(unscaled, scale)
        .as(BigDecimal::new)
        .map(d -> new CellValue.Decimal(d).value())
        .filter(d -> Math.max(0, d.precision() - d.scale()) <= 30 && d.scale() <= 20)
        .edgeCases(edges -> edges.add(BigDecimal.ZERO));
  }

  @Property
  void numbers(@ForAll("decimals") BigDecimal value, @ForAll("formats") TextFormat format) {
    roundTrips(ColumnTypes.number(), new CellValue.Decimal(value), format);
  }

  @Property
  void money(@ForAll("decimals") BigDecimal amount, @ForAll("formats") TextFormat format) {
    for (String column : List.of("USD", "EUR", "CAD")) {
      for (String currency : CURRENCIES) {
        roundTrips(ColumnTypes.currency(column), new CellValue.Money(amount, java.util.Currency.getInstance(currency)), format);
      }
    }
  }

  @Property
  void percentages(@ForAll("decimals") BigDecimal points, @ForAll("formats") TextFormat format) {
    CellValue.Percent value = new CellValue.Percent(points.movePointLeft(2));
    if (value.fraction().scale() <= 20) {
      roundTrips(ColumnTypes.percent(), value, format);
    }
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    return Arbitraries.longs()
        .between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
        .map(LocalDate::ofEpochDay)
        .edgeCases(edges -> edges.add(LocalDate.of(2024, 2, 29)));
  }

  @Property
  void dates(@ForAll("dates") LocalDate date, @ForAll("formats") TextFormat format) {
    roundTrips(ColumnTypes.date(), CellValue.date(date), format);
  }

  @Provide
  Arbitrary<ZonedDateTime> moments() {
    List<String> zones = new ArrayList<>(ZoneId.getAvailableZoneIds());
    zones.sort(null);
    Arbitrary<Instant> instants =
        Arbitraries.longs()
            .between(Instant.parse("1000-01-01T00:00:00Z").getEpochSecond(), Instant.parse("9999-01-01T00:00:00Z").getEpochSecond())
            .flatMap(
                seconds ->
                    Arbitraries.of(0, 500_000_000, 123_456_789).map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
    Arbitrary<ZoneId> zone = Arbitraries.of(zones).map(ZoneId::of).injectDuplicates(0.1);
    return Combinators.combine(instants, zone).as(ZonedDateTime::ofInstant);
  }

  @Property
  void moments(@ForAll("moments") ZonedDateTime moment, @ForAll("formats") TextFormat format) {
    roundTrips(ColumnTypes.dateTime(ZoneId.of("UTC")), new CellValue.DateTime(moment), format);
    roundTrips(ColumnTypes.dateTime(moment.getZone()), new CellValue.DateTime(moment), format);
  }

  @Property
  void choices(@ForAll("subsets") List<String> chosen) {
    ColumnType tags = ColumnTypes.multiSelect("Hot", "Cold", "Enterprise", "SMB", "Renewal", "Ünïcode ✓");
    roundTrips(tags, chosen.isEmpty() ? CellValue.BLANK : new CellValue.Choices(chosen), TextFormat.ISO);
  }

  @Provide
  Arbitrary<List<String>> subsets() {
    List<String> all = List.of("Hot", "Cold", "Enterprise", "SMB", "Renewal", "Ünïcode ✓");
    return Arbitraries.integers().between(0, 63).map(mask -> {
      var chosen = new ArrayList<String>();
      for (int i = 0; i < all.size(); i++) {
        if ((mask & (1 << i)) != 0) {
          chosen.add(all.get(i));
        }
      }
      return chosen;
    });
  }

  @Property
  void booleans(@ForAll boolean value, @ForAll("formats") TextFormat format) {
    roundTrips(ColumnTypes.bool(), CellValue.bool(value), format);
  }

  @Property
  void textThatParsesOnceParsesTheSameAgain(@ForAll String input) {
    for (ColumnType type : List.of(ColumnTypes.text(), ColumnTypes.longText(), ColumnTypes.email(), ColumnTypes.url(), ColumnTypes.phone())) {
      if (type.parse(input, TextFormat.ISO) instanceof ParseResult.Valid valid) {
        roundTrips(type, valid.value(), TextFormat.ISO);
      }
    }
  }
}
