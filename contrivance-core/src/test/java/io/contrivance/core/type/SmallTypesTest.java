package io.contrivance.core.type;

import static io.contrivance.core.type.Parsing.invalid;
import static io.contrivance.core.type.Parsing.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Boolean, select, multi-select and text types. */
class SmallTypesTest {

  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", "True", "yes", "Y", "1", "on", "checked", "x", "✓"})
  void bool_readsYes(String text) {
    assertThat(valid(ColumnTypes.bool(), text)).isEqualTo(CellValue.Bool.TRUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "FALSE", "no", "N", "0", "off", "unchecked"})
  void bool_readsNo(String text) {
    assertThat(valid(ColumnTypes.bool(), text)).isEqualTo(CellValue.Bool.FALSE);
  }

  @Test
  void bool_rejectsOtherWordsAndFormatsLikeSpreadsheets() {
    assertThat(invalid(ColumnTypes.bool(), "maybe").code()).isEqualTo("type_mismatch");
    assertThat(invalid(ColumnTypes.bool(), "2").code()).isEqualTo("type_mismatch");
    assertThat(ColumnTypes.bool().format(CellValue.Bool.TRUE, TextFormat.ISO)).isEqualTo("TRUE");
  }

  @Test
  void bool_isNotFooledByTheTurkishLocale() {
    // Under tr_TR, "YES".toLowerCase() would not give "yes" for every word; the tests run in tr_TR.
    assertThat(valid(ColumnTypes.bool(), "CHECKED")).isEqualTo(CellValue.Bool.TRUE);
    assertThat(valid(ColumnTypes.bool(), "UNCHECKED")).isEqualTo(CellValue.Bool.FALSE);
  }

  @Test
  void select_matchesOptionsRegardlessOfCaseAndGivesTheirSpelling() {
    ColumnType stage = ColumnTypes.select("Lead", "Qualified", "Closed-Won");
    assertThat(valid(stage, "  closed-won ")).isEqualTo(new CellValue.Choice("Closed-Won"));
    assertThat(valid(stage, "QUALIFIED")).isSameAs(valid(stage, "Qualified"));
    ParseResult.Invalid unknown = invalid(stage, "Won");
    assertThat(unknown.code()).isEqualTo("not_an_option");
    assertThat(unknown.message()).contains("Lead, Qualified, Closed-Won");
    assertThat(stage.accept(new CellValue.Choice("Gone")).isValid()).isFalse();
    assertThat(stage.compare(new CellValue.Choice("Lead"), new CellValue.Choice("Closed-Won"))).isNegative();
  }

  @Test
  void select_rejectsBadOptionLists() {
    assertThatThrownBy(() -> ColumnTypes.select(List.of()))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("at least one option");
    assertThatThrownBy(() -> ColumnTypes.select("A", "a"))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> ColumnTypes.select("A", " "))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> ColumnTypes.multiSelect("A, B"))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("cannot contain");
  }

  @Test
  void multiSelect_readsListsAsSetsInOptionOrder() {
    ColumnType tags = ColumnTypes.multiSelect("Hot", "Enterprise", "Renewal");
    assertThat(valid(tags, "renewal, hot; HOT")).isEqualTo(new CellValue.Choices(List.of("Hot", "Renewal")));
    assertThat(valid(tags, " , ;")).isEqualTo(CellValue.BLANK);
    assertThat(invalid(tags, "Hot, Cold").message()).contains("'Cold'");
    assertThat(tags.format(new CellValue.Choices(List.of("Hot", "Renewal")), TextFormat.ISO)).isEqualTo("Hot, Renewal");
    assertThat(tags.convert(new CellValue.Choice("Hot"), ColumnTypes.select("Hot")).orElseThrow())
        .isEqualTo(new CellValue.Choices(List.of("Hot")));
  }

  @Test
  void text_stripsAndNormalizesUnicode() {
    assertThat(valid(ColumnTypes.text(), "  Acme  ")).isEqualTo(new CellValue.Text("Acme"));
    // "é" as e + combining acute becomes the single code point.
    assertThat(valid(ColumnTypes.text(), "Cafe\u0301")).isEqualTo(new CellValue.Text("Caf\u00e9"));
    assertThat(valid(ColumnTypes.text(), "\u3000")).isEqualTo(CellValue.BLANK);
    assertThat(valid(ColumnTypes.text(), "日本語 😀")).isEqualTo(new CellValue.Text("日本語 😀"));
  }

  @Test
  void text_limitsLengthInCharactersNotUtf16Units() {
    assertThat(valid(ColumnTypes.text(), "😀".repeat(1000))).isInstanceOf(CellValue.Text.class);
    assertThat(invalid(ColumnTypes.text(), "a".repeat(1001)).code()).isEqualTo("too_long");
    assertThat(valid(ColumnTypes.longText(), "line\n".repeat(10_000))).isInstanceOf(CellValue.Text.class);
  }

  @Test
  void text_convertsAnyValueToItsText() {
    assertThat(ColumnTypes.text().convert(CellValue.money("5", "USD"), ColumnTypes.currency("USD")).orElseThrow())
        .isEqualTo(new CellValue.Text("$5.00"));
    assertThat(ColumnTypes.text().convert(CellValue.Bool.TRUE, ColumnTypes.bool()).orElseThrow())
        .isEqualTo(new CellValue.Text("TRUE"));
  }
}
