package io.contrivance.core.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import io.contrivance.core.type.InvalidDefinitionException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules are checked when a column or sheet is defined, with every problem named. */
class RuleDefinitionTest {

  @Test
  void minAboveMax_isRejected() {
    assertThatThrownBy(
            () ->
                Column.builder("Amount", ColumnTypes.number())
                    .rule(Rule.min(CellValue.decimal("10")))
                    .rule(Rule.max(CellValue.decimal("5")))
                    .build())
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("minimum 10 is greater than the maximum 5");
  }

  @Test
  void invalidRegex_isRejectedWithWhereItBreaks() {
    assertThatThrownBy(() -> Column.builder("Code", ColumnTypes.text()).rule(Rule.pattern("[A-Z")).build())
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("not a valid regular expression");
  }

  @Test
  void rulesThatDoNotFitTheType_areRejected() {
    InvalidDefinitionException e =
        catchThrowableOfType(
            InvalidDefinitionException.class,
            () ->
                Column.builder("Flag", ColumnTypes.bool())
                    .rule(Rule.min(CellValue.decimal("0")))
                    .rule(Rule.pattern("x"))
                    .rule(Rule.maxLength(3))
                    .build());
    assertThat(e.problems()).hasSize(3);
    assertThat(e.problems().get(0)).contains("minimum needs a number");
  }

  @Test
  void boundsMustMatchTheColumnsKind() {
    assertThatThrownBy(() -> Column.builder("Close", ColumnTypes.date()).rule(Rule.min(CellValue.decimal("3"))).build())
        .hasMessageContaining("does not fit a date column");
    Column ok = Column.builder("Close", ColumnTypes.date()).rule(Rule.min(CellValue.date(LocalDate.of(2020, 1, 1)))).build();
    assertThat(ok.rules()).hasSize(1);
  }

  @Test
  void lengthsMustBeSensible() {
    assertThatThrownBy(() -> Column.builder("Name", ColumnTypes.text()).rule(Rule.minLength(-1)).build())
        .hasMessageContaining("cannot be negative");
    assertThatThrownBy(
            () -> Column.builder("Name", ColumnTypes.text()).rule(Rule.minLength(5)).rule(Rule.maxLength(2)).build())
        .hasMessageContaining("minimum length 5 is greater than the maximum length 2");
    assertThatThrownBy(() -> Column.builder("Name", ColumnTypes.text()).rule(Rule.pattern("a".repeat(501))).build())
        .hasMessageContaining("1 to 500 characters");
  }

  @Test
  void theSameRuleTwice_isRejected() {
    assertThatThrownBy(() -> Column.builder("N", ColumnTypes.number()).rule(Rule.unique()).rule(Rule.unique()).build())
        .hasMessageContaining("given twice");
  }

  @Test
  void emptyOptionLists_areRejected() {
    assertThatThrownBy(() -> Column.builder("Stage", ColumnTypes.select(List.of())).build())
        .hasMessageContaining("at least one option");
  }

  @Test
  void columnNames_mustBeUniqueRegardlessOfCase() {
    assertThatThrownBy(
            () ->
                SheetSchema.of(
                    SheetId.of("s"),
                    "Deals",
                    List.of(
                        Column.builder("Owner", ColumnTypes.text()).build(),
                        Column.builder("OWNER", ColumnTypes.text()).id("owner2").build())))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("two columns are named 'OWNER'");
  }

  @Test
  void columnIds_mustBeUnique() {
    assertThatThrownBy(
            () ->
                SheetSchema.of(
                    SheetId.of("s"),
                    "Deals",
                    List.of(Column.builder("A b", ColumnTypes.text()).build(), Column.builder("A-b", ColumnTypes.text()).build())))
        .hasMessageContaining("column id 'a_b' is used twice");
  }

  @Test
  void crossFieldRules_mustPointAtColumnsAndValuesThatExist() {
    Column stage = Column.builder("Stage", ColumnTypes.select("Lead", "Won")).build();
    Column flag = Column.builder("Flag", ColumnTypes.bool()).build();
    Column close = Column.builder("Close", ColumnTypes.date()).rule(Rule.requiredWhen(Condition.isIn(stage.id(), "Lost"))).build();
    assertThatThrownBy(() -> SheetSchema.of(SheetId.of("s"), "D", List.of(stage, close)))
        .hasMessageContaining("'Lost', which does not fit")
        .hasMessageContaining("not one of the options");
    Column orphan = Column.builder("Close", ColumnTypes.date()).rule(Rule.requiredWhen(Condition.isNotBlank(ColumnId.of("gone")))).build();
    assertThatThrownBy(() -> SheetSchema.of(SheetId.of("s"), "D", List.of(orphan)))
        .hasMessageContaining("tests column 'gone', which the sheet does not have");
    Column ordered = Column.builder("Close", ColumnTypes.date()).rule(Rule.requiredWhen(Condition.atLeast(flag.id(), "yes"))).build();
    assertThatThrownBy(() -> SheetSchema.of(SheetId.of("s"), "D", List.of(flag, ordered))).hasMessageContaining("has no order");
    assertThatThrownBy(() -> Column.builder("X", ColumnTypes.text()).id("x").rule(Rule.requiredWhen(Condition.isBlank(ColumnId.of("x")))).build())
        .hasMessageContaining("cannot test the column itself");
  }

  @Test
  void conditions_checkTheirArity() {
    assertThatThrownBy(() -> new Condition(ColumnId.of("a"), Condition.Operator.AT_LEAST, List.of("1", "2")))
        .hasMessageContaining("takes one value");
    assertThatThrownBy(() -> new Condition(ColumnId.of("a"), Condition.Operator.IN, List.of()))
        .hasMessageContaining("one or more values");
  }

  @Test
  void sheetAndColumnNames_areChecked() {
    assertThatThrownBy(() -> SheetSchema.of(SheetId.of("s"), "  ", List.of())).hasMessageContaining("needs a name");
    assertThatThrownBy(() -> Column.builder(" ", ColumnTypes.text()).build()).hasMessageContaining("needs a name");
    assertThatThrownBy(() -> Column.builder("x".repeat(101), ColumnTypes.text()).build()).hasMessageContaining("longer than 100");
    assertThatThrownBy(() -> ColumnId.of(" padded")).hasMessageContaining("outer spaces");
  }

  @Test
  void slugIds_areReadable() {
    assertThat(Column.builder("Deal Value (USD)", ColumnTypes.text()).build().id()).isEqualTo(ColumnId.of("deal_value_usd"));
    assertThat(Column.builder("Straße", ColumnTypes.text()).build().id()).isEqualTo(ColumnId.of("straße"));
    assertThat(Column.builder("!!!", ColumnTypes.text()).build().id()).isEqualTo(ColumnId.of("column"));
    assertThat(ColumnId.fromName("  Next Step ")).isEqualTo(ColumnId.of("next_step"));
  }
}
