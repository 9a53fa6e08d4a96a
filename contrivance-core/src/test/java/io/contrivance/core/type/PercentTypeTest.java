package io.contrivance.core.type;

import static io.contrivance.core.type.Parsing.invalid;
import static io.contrivance.core.type.Parsing.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentTypeTest {

  private final ColumnType percent = ColumnTypes.percent();

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}%")
  @CsvSource(
      delimiter = '|',
      value = {"50% | 50", "50 | 50", "50 % | 50", "12.5% | 12.5", "-5% | -5", "0.5% | 0.5", "100% | 100", "150% | 150", "0% | 0"})
  void parse_readsPoints(String text, String points) {
    assertThat(valid(percent, text)).isEqualTo(CellValue.percentPoints(points));
  }

  @Test
  void values_holdFractions() {
    assertThat(((CellValue.Percent) valid(percent, "50%")).fraction()).isEqualByComparingTo(new BigDecimal("0.5"));
  }

  @Test
  void parse_rejectsNonNumbers() {
    assertThat(invalid(percent, "half").code()).isEqualTo("type_mismatch");
    assertThat(invalid(percent, "%").code()).isEqualTo("type_mismatch");
    assertThat(invalid(percent, "5%%").code()).isEqualTo("type_mismatch");
  }

  @Test
  void format_showsPoints() {
    assertThat(percent.format(CellValue.percentPoints("12.5"), TextFormat.ISO)).isEqualTo("12.5%");
    assertThat(percent.format(CellValue.percentPoints("1000"), TextFormat.ISO)).isEqualTo("1,000%");
    assertThat(percent.format(CellValue.percentPoints("12.5"), TextFormat.EUROPE)).isEqualTo("12,5%");
  }
}
