package io.contrivance.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.core.type.TypeSettings;
import org.junit.jupiter.api.Test;

class TShirtSizeTypeTest {

  private final ColumnType type = new TShirtSizes().columnTypes().get(0).provider().create(TypeSettings.empty());

  @Test
  void sizesAreReadInAnyCaseOrAsWords_andShownAsTheirLetters() {
    assertThat(type.parse("m", TextFormat.ISO)).isEqualTo(ParseResult.valid(CellValue.text("M")));
    assertThat(type.parse("Extra Large", TextFormat.ISO)).isEqualTo(ParseResult.valid(CellValue.text("XL")));
    assertThat(type.format(CellValue.text("XXL"), TextFormat.ISO)).isEqualTo("XXL");
  }

  @Test
  void anythingElse_isRefusedWithACode() {
    ParseResult huge = type.parse("huge", TextFormat.ISO);
    assertThat(huge.isValid()).isFalse();
    assertThat(((ParseResult.Invalid) huge).code()).isEqualTo("not_a_size");
    assertThat(type.accept(CellValue.text("XXXL")).isValid()).isFalse();
  }

  @Test
  void sizesAreOrderedSmallToLarge_notAlphabetically() {
    assertThat(type.compare(CellValue.text("S"), CellValue.text("M"))).isNegative();
    assertThat(type.compare(CellValue.text("XL"), CellValue.text("L"))).isPositive();
    assertThat(type.compare(CellValue.text("XS"), CellValue.text("XXL"))).isNegative();
  }
}
