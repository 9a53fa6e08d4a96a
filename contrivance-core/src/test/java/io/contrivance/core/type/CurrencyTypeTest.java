package io.contrivance.core.type;

import static io.contrivance.core.type.Parsing.invalid;
import static io.contrivance.core.type.Parsing.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CurrencyTypeTest {

  private final ColumnType usd = ColumnTypes.currency("USD");

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "$1,234.50 | 1234.5 | USD",
        "1234.5 | 1234.5 | USD",
        "1,234.50 | 1234.5 | USD",
        "-$5 | -5 | USD",
        "$-5 | -5 | USD",
        "($5.00) | -5 | USD",
        "US$ 12 | 12 | USD",
        "€5 | 5 | EUR",
        "5 € | 5 | EUR",
        "5 eur | 5 | EUR",
        "EUR 5 | 5 | EUR",
        "£0.99 | 0.99 | GBP",
        "¥1,000 | 1000 | JPY",
        "C$ 3 | 3 | CAD",
        "12.345 USD | 12.345 | USD",
        "0 | 0 | USD",
        "-0.00 | 0 | USD",
      })
  void parse_readsSymbolsCodesAndPlainAmounts(String text, String amount, String currency) {
    assertThat(valid(usd, text)).isEqualTo(CellValue.money(amount, currency));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {"abc", "$", "5 XYZ", "$$5", "--$5", "5 dollars", "1,2 USD", "USD"})
  void parse_rejectsWhatIsNotMoney(String text) {
    assertThat(invalid(usd, text).code()).isEqualTo("type_mismatch");
  }

  @Test
  void parse_unknownCurrencyIsNamed() {
    assertThat(invalid(usd, "5 XYZ").message()).contains("XYZ is not a known currency");
  }

  @Test
  void dollarMeansTheColumnsDollar() {
    assertThat(valid(ColumnTypes.currency("CAD"), "$5")).isEqualTo(CellValue.money("5", "CAD"));
    assertThat(valid(ColumnTypes.currency("EUR"), "$5")).isEqualTo(CellValue.money("5", "USD"));
    assertThat(valid(ColumnTypes.currency("EUR"), "5")).isEqualTo(CellValue.money("5", "EUR"));
  }

  @Test
  void parse_followsTheFormat() {
    ColumnType eur = ColumnTypes.currency("EUR");
    assertThat(valid(eur, "€1.234,50", TextFormat.EUROPE)).isEqualTo(CellValue.money("1234.5", "EUR"));
    assertThat(valid(eur, "1.234,50 €", TextFormat.EUROPE)).isEqualTo(CellValue.money("1234.5", "EUR"));
  }

  @Test
  void format_usesSymbolsThatReadBackAndCodesOtherwise() {
    assertThat(usd.format(CellValue.money("1234.5", "USD"), TextFormat.ISO)).isEqualTo("$1,234.50");
    assertThat(usd.format(CellValue.money("-5", "USD"), TextFormat.ISO)).isEqualTo("-$5.00");
    assertThat(usd.format(CellValue.money("5", "EUR"), TextFormat.ISO)).isEqualTo("€5.00");
    assertThat(usd.format(CellValue.money("1000", "JPY"), TextFormat.ISO)).isEqualTo("¥1,000");
    assertThat(usd.format(CellValue.money("5", "CHF"), TextFormat.ISO)).isEqualTo("5.00 CHF");
    assertThat(usd.format(CellValue.money("1.2345", "USD"), TextFormat.ISO)).isEqualTo("$1.2345");
    ColumnType cad = ColumnTypes.currency("CAD");
    assertThat(cad.format(CellValue.money("5", "CAD"), TextFormat.ISO)).isEqualTo("$5.00");
    assertThat(cad.format(CellValue.money("5", "USD"), TextFormat.ISO)).isEqualTo("US$5.00");
  }

  @Test
  void amounts_areExactDecimals() {
    CellValue.Money a = (CellValue.Money) valid(usd, "0.1");
    CellValue.Money b = (CellValue.Money) valid(usd, "0.2");
    assertThat(a.amount().add(b.amount())).isEqualByComparingTo("0.3");
  }

  @Test
  void accept_takesPlainNumbersAsTheColumnsCurrency() {
    assertThat(usd.accept(CellValue.decimal("5")).orElseThrow()).isEqualTo(CellValue.money("5", "USD"));
    assertThat(usd.accept(CellValue.money("5", "EUR")).orElseThrow()).isEqualTo(CellValue.money("5", "EUR"));
    assertThat(usd.accept(new CellValue.Text("5")).isValid()).isFalse();
  }

  @Test
  void currency_rejectsUnknownCodes() {
    assertThatThrownBy(() -> ColumnTypes.currency("ABC")).isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("ABC");
  }

  @Test
  void compare_ordersByAmount() {
    assertThat(usd.compare(CellValue.money("5", "USD"), CellValue.decimal("0"))).isPositive();
    assertThat(usd.compare(CellValue.money("-5", "EUR"), CellValue.decimal("0"))).isNegative();
  }
}
