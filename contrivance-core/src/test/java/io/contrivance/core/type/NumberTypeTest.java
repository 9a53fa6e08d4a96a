package io.contrivance.core.type;

import static io.contrivance.core.type.Parsing.invalid;
import static io.contrivance.core.type.Parsing.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberTypeTest {

  private final ColumnType number = ColumnTypes.number();

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "42 | 42",
        "1,234.50 | 1234.5",
        "1,234,567.891 | 1234567.891",
        "-12.5 | -12.5",
        "+7 | 7",
        "−3 | -3",
        "(1,234) | -1234",
        ".5 | 0.5",
        "5. | 5",
        "-0 | 0",
        "-0.000 | 0",
        "1.5e3 | 1500",
        "2E-2 | 0.02",
        "'  42  ' | 42",
        "12345678901234567890 | 12345678901234567890",
        "١٢٣ | 123",
        "１２３ | 123",
        "0.1 | 0.1",
        "1000.000 | 1000",
      })
  void parse_readsWhatPeopleType(String text, String expected) {
    assertThat(valid(number, text)).isEqualTo(CellValue.decimal(expected));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "abc | type_mismatch",
        "1,5 | type_mismatch",
        "1,23,456 | type_mismatch",
        "1234,567 | type_mismatch",
        ",123 | type_mismatch",
        "1.2.3 | type_mismatch",
        "--5 | type_mismatch",
        "(-5) | type_mismatch",
        "12abc | type_mismatch",
        "1e | type_mismatch",
        "1e99999 | type_mismatch",
        "1e400 | out_of_range",
        "1234567890123456789012345678901 | out_of_range",
        "0.000000000000000000001 | out_of_range",
        "NaN | type_mismatch",
        "Infinity | type_mismatch",
        "- | type_mismatch",
      })
  void parse_rejectsWhatIsNotANumber(String text, String code) {
    assertThat(invalid(number, text).code()).isEqualTo(code);
  }

  @Test
  void parse_blankTextIsBlank() {
    assertThat(valid(number, "")).isEqualTo(CellValue.BLANK);
    assertThat(valid(number, " \t\n")).isEqualTo(CellValue.BLANK);
  }

  @Test
  void parse_followsTheFormatsSeparators() {
    assertThat(valid(number, "1.234,5", TextFormat.EUROPE)).isEqualTo(CellValue.decimal("1234.5"));
    assertThat(invalid(number, "1,234.5", TextFormat.EUROPE).code()).isEqualTo("type_mismatch");
    TextFormat french = new TextFormat(',', ' ', TextFormat.DateOrder.DMY);
    assertThat(valid(number, "1 234,5", french)).isEqualTo(CellValue.decimal("1234.5"));
    assertThat(valid(number, "1\u00A0234,5", french)).isEqualTo(CellValue.decimal("1234.5"));
    assertThat(valid(number, "1\u202F234\u202F567", french)).isEqualTo(CellValue.decimal("1234567"));
  }

  @Test
  void parse_rejectsOverlongInputCheaply() {
    assertThat(invalid(number, "9".repeat(10_000)).code()).isEqualTo("type_mismatch");
  }

  @Test
  void integer_rejectsFractions() {
    ColumnType integer = ColumnTypes.integer();
    assertThat(valid(integer, "1,000")).isEqualTo(CellValue.decimal("1000"));
    assertThat(valid(integer, "3.000")).isEqualTo(CellValue.decimal("3"));
    assertThat(invalid(integer, "1.5").code()).isEqualTo("not_an_integer");
    assertThat(integer.accept(CellValue.decimal("2.5"))).isInstanceOf(ParseResult.Invalid.class);
  }

  @Test
  void decimals_roundHalfUpAndPad() {
    ColumnType money = ColumnTypes.number(2);
    assertThat(valid(money, "1.005")).isEqualTo(CellValue.decimal("1.01"));
    assertThat(valid(money, "-1.005")).isEqualTo(CellValue.decimal("-1.01"));
    assertThat(money.format(CellValue.decimal("1.5"), TextFormat.ISO)).isEqualTo("1.50");
    assertThat(ColumnTypes.number(0).parse("2.5", TextFormat.ISO).orElseThrow()).isEqualTo(CellValue.decimal("3"));
  }

  @Test
  void format_groupsDigitsWithoutExponent() {
    assertThat(number.format(CellValue.decimal("1234567.891"), TextFormat.ISO)).isEqualTo("1,234,567.891");
    assertThat(number.format(CellValue.decimal("-1234"), TextFormat.ISO)).isEqualTo("-1,234");
    assertThat(number.format(CellValue.decimal("1E+3"), TextFormat.ISO)).isEqualTo("1,000");
    assertThat(number.format(CellValue.decimal("0.00001"), TextFormat.ISO)).isEqualTo("0.00001");
    assertThat(number.format(CellValue.decimal("1234.5"), TextFormat.EUROPE)).isEqualTo("1.234,5");
    assertThat(number.format(CellValue.BLANK, TextFormat.ISO)).isEmpty();
  }

  @Test
  void values_equalWhateverTheirScale() {
    assertThat(CellValue.decimal("1.50")).isEqualTo(CellValue.decimal("1.5"));
    assertThat(CellValue.decimal(new BigDecimal("-0.00"))).isEqualTo(CellValue.decimal("0"));
    assertThat(CellValue.decimal("1E+2").value().toPlainString()).isEqualTo("100");
  }

  @Test
  void accept_rejectsOtherKindsAndHugeValues() {
    assertThat(number.accept(new CellValue.Text("5")).isValid()).isFalse();
    assertThat(number.accept(CellValue.decimal("1E+40"))).isInstanceOf(ParseResult.Invalid.class);
    assertThat(number.accept(CellValue.BLANK).orElseThrow()).isEqualTo(CellValue.BLANK);
  }

  @Test
  void convert_takesAmountsAndPercentPoints() {
    assertThat(number.convert(CellValue.money("12.5", "EUR"), ColumnTypes.currency("EUR")).orElseThrow())
        .isEqualTo(CellValue.decimal("12.5"));
    assertThat(number.convert(CellValue.percentPoints("50"), ColumnTypes.percent()).orElseThrow())
        .isEqualTo(CellValue.decimal("50"));
    assertThat(number.convert(new CellValue.Text("1,200"), ColumnTypes.text()).orElseThrow())
        .isEqualTo(CellValue.decimal("1200"));
    assertThat(number.convert(new CellValue.Text("n/a"), ColumnTypes.text()).isValid()).isFalse();
  }

  @Test
  void number_rejectsImpossibleDecimals() {
    assertThatThrownBy(() -> ColumnTypes.number(-1)).isInstanceOf(InvalidDefinitionException.class);
    assertThatThrownBy(() -> ColumnTypes.number(21)).isInstanceOf(InvalidDefinitionException.class);
  }
}
