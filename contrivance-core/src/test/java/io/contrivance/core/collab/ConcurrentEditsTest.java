package io.contrivance.core.collab;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrivance.core.Fixtures;
import io.contrivance.core.Sheet;
import io.contrivance.core.Workbook;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.ConcurrentEdits;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import io.contrivance.core.type.ErrorCodes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Two people edit against the same revision; the second edit arrives after the first is committed. */
class ConcurrentEditsTest {

  static final ColumnId NAME = ColumnId.of("name");
  static final ColumnId AMOUNT = ColumnId.of("amount");
  static final ColumnId BUDGET = ColumnId.of("budget");
  static final ColumnId TAGS = ColumnId.of("tags");

  private final Workbook workbook = Fixtures.workbook();
  private Sheet sheet;
  private Row row;
  private final List<SheetEvent> events = new ArrayList<>();

  @BeforeEach
  void setUp() {
    sheet =
        workbook.create(
            "Deals",
            List.of(
                Column.builder("Name", ColumnTypes.text()).build(),
                Column.builder("Amount", ColumnTypes.number()).build(),
                Column.builder("Budget", ColumnTypes.currency("USD")).concurrentEdits(ConcurrentEdits.FLAG_CONFLICT).build(),
                Column.builder("Tags", ColumnTypes.multiSelect("hot", "cold", "big", "new")).build()));
    row = sheet.addRowValues(Map.of(NAME, text("Acme"), TAGS, tags("hot", "big"))).value();
    sheet.onChange(events::add);
  }

  private Sheet as(String user, long base) {
    return sheet.as(Origin.user(user).op(user + "-op", base));
  }

  private static CellValue text(String value) {
    return new CellValue.Text(value);
  }

  private static CellValue tags(String... options) {
    return new CellValue.Choices(List.of(options));
  }

  private EditResult<Row> set(String user, long base, ColumnId column, CellValue value) {
    return as(user, base).updateRowValues(row.id(), Map.of(column, value), OptionalLong.empty());
  }

  @Test
  void editsOfDifferentCellsBothSurvive() {
    long base = sheet.revision();
    assertThat(set("ann", base, NAME, text("Acme Corp")).isApplied()).isTrue();
    assertThat(set("bob", base, AMOUNT, new CellValue.Decimal(BigDecimal.TEN)).isApplied()).isTrue();
    Row now = sheet.row(row.id()).orElseThrow();
    assertThat(now.cell(NAME)).isEqualTo(text("Acme Corp"));
    assertThat(now.cell(AMOUNT)).isEqualTo(new CellValue.Decimal(BigDecimal.TEN));
    assertThat(((SheetEvent.RowUpdated) events.get(1)).overwritten()).isEmpty();
  }

  @Test
  void sameCell_laterWins_andNamesWhoseValueItReplaced() {
    long base = sheet.revision();
    set("ann", base, NAME, text("Ann's"));
    EditResult<Row> bob = set("bob", base, NAME, text("Bob's"));
    assertThat(bob.isApplied()).isTrue();
    assertThat(sheet.row(row.id()).orElseThrow().cell(NAME)).isEqualTo(text("Bob's"));
    SheetEvent.RowUpdated event = (SheetEvent.RowUpdated) events.get(1);
    assertThat(event.origin().author()).isEqualTo("bob");
    assertThat(event.overwritten()).containsExactly(new SheetEvent.Overwrite("ann", NAME, text("Ann's"), base + 1));
  }

  @Test
  void sameCell_againstABaseOlderThanTheEventsKeptInMemory_isResolvedFromTheStoresLog() {
    long base = sheet.revision();
    set("ann", base, NAME, text("Ann's"));
    for (int i = 0; i < Sequencer.RECENT_EVENTS + 10; i++) {
      set("carl", sheet.revision(), AMOUNT, new CellValue.Decimal(BigDecimal.valueOf(i)));
    }
    EditResult<Row> bob = set("bob", base, NAME, text("Bob's"));
    assertThat(bob.isApplied()).isTrue();
    assertThat(sheet.row(row.id()).orElseThrow().cell(NAME)).isEqualTo(text("Bob's"));
    SheetEvent.RowUpdated event = (SheetEvent.RowUpdated) events.get(events.size() - 1);
    assertThat(event.overwritten()).containsExactly(new SheetEvent.Overwrite("ann", NAME, text("Ann's"), base + 1));
  }

  @Test
  void sameCell_behindABulkEditLargerThanTheRowsKeptInMemory_isResolvedFromTheStoresLog() {
    long base = sheet.revision();
    set("ann", base, NAME, text("Ann's"));
    List<Map<ColumnId, CellValue>> many = new ArrayList<>();
    for (int i = 0; i < Sequencer.RECENT_ROWS + 1; i++) {
      many.add(Map.of(NAME, text("bulk " + i)));
    }
    assertThat(sheet.as(Origin.user("carl")).addRowsValues(many).isApplied()).isTrue();
    EditResult<Row> bob = set("bob", base, NAME, text("Bob's"));
    assertThat(bob.isApplied()).isTrue();
    SheetEvent.RowUpdated event = (SheetEvent.RowUpdated) events.get(events.size() - 1);
    assertThat(event.overwritten()).containsExactly(new SheetEvent.Overwrite("ann", NAME, text("Ann's"), base + 1));
  }

  @Test
  void sameCell_sameAuthorTwice_isNoConflict() {
    long base = sheet.revision();
    set("ann", base, NAME, text("one"));
    set("ann", base, NAME, text("two"));
    assertThat(((SheetEvent.RowUpdated) events.get(1)).overwritten()).isEmpty();
  }

  @Test
  void sameCell_editAgainstCurrentRevision_isNoConflict() {
    set("ann", sheet.revision(), NAME, text("one"));
    set("bob", sheet.revision(), NAME, text("two"));
    assertThat(((SheetEvent.RowUpdated) events.get(1)).overwritten()).isEmpty();
  }

  @ParameterizedTest(name = "saw {0}, ann made it {1}, bob made it {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "hot,big | hot,big,new | hot      | hot,new", // ann adds new, bob removes big: both apply
        "hot,big | big       | hot,big,cold | big,cold", // ann removes hot, bob adds cold
        "hot,big | hot,big,new | hot,big,new | hot,big,new", // both add the same option
        "hot,big | ''        | hot,big,cold | cold", // ann clears, bob adds cold: only cold is left
        "hot,big | hot,big   | hot,big   | hot,big", // no change by either
      })
  void multiSelect_mergesBothEditsAsSets(String seen, String ann, String bob, String expected) {
    sheet.updateRowValues(row.id(), Map.of(TAGS, parse(seen)), OptionalLong.empty());
    long base = sheet.revision();
    set("ann", base, TAGS, parse(ann));
    set("bob", base, TAGS, parse(bob));
    assertThat(sheet.row(row.id()).orElseThrow().cell(TAGS)).isEqualTo(parse(expected));
  }

  private static CellValue parse(String options) {
    return options.isBlank() ? CellValue.BLANK : tags(options.split(","));
  }

  @Test
  void flaggedColumn_refusesTheLaterEditAsConflictWithTheCurrentRow() {
    long base = sheet.revision();
    set("ann", base, BUDGET, CellValue.money("100", "USD"));
    EditResult<Row> bob = set("bob", base, BUDGET, CellValue.money("200", "USD"));
    assertThat(bob).isInstanceOf(EditResult.Conflict.class);
    assertThat(((EditResult.Conflict<Row>) bob).current().cell(BUDGET)).isEqualTo(CellValue.money("100", "USD"));
    assertThat(sheet.row(row.id()).orElseThrow().cell(BUDGET)).isEqualTo(CellValue.money("100", "USD"));
  }

  @Test
  void flaggedColumn_sameValueFromBoth_isNoConflict() {
    long base = sheet.revision();
    set("ann", base, BUDGET, CellValue.money("100", "USD"));
    assertThat(set("bob", base, BUDGET, CellValue.money("100", "USD")).isApplied()).isTrue();
  }

  @Test
  void editOfARowDeletedSince_isNotFound() {
    long base = sheet.revision();
    as("ann", base).deleteRow(row.id());
    assertThat(set("bob", base, NAME, text("late"))).isEqualTo(new EditResult.NotFound<Row>(row.id()));
  }

  @Test
  void editOfAColumnDeletedSince_isRejectedAsUnknownColumn() {
    long base = sheet.revision();
    as("ann", base).deleteColumn(AMOUNT);
    EditResult<Row> bob = set("bob", base, AMOUNT, new CellValue.Decimal(BigDecimal.ONE));
    assertThat(bob.violations()).extracting(v -> v.code()).containsExactly(ErrorCodes.UNKNOWN_COLUMN);
  }

  @Test
  void insertAfterARowDeletedSince_goesWhereThatRowWas() {
    Row second = sheet.addRowValues(Map.of(NAME, text("Second"))).value();
    Row third = sheet.addRowValues(Map.of(NAME, text("Third"))).value();
    long base = sheet.revision();
    as("ann", base).deleteRow(second.id());
    Row inserted = as("bob", base).insertRowValues(second.id(), null, Map.of(NAME, text("After second"))).value();
    assertThat(sheet.rows()).extracting(Row::id).containsExactly(row.id(), inserted.id(), third.id());
  }

  @Test
  void insertAfterAnUnknownRow_isRefused() {
    EditResult<Row> result = as("bob", sheet.revision()).insertRowValues(RowId.of("nope"), null, Map.of());
    assertThat(result).isInstanceOf(EditResult.Refused.class);
    assertThat(((EditResult.Refused<Row>) result).code()).isEqualTo(EditResult.ROW_GONE);
  }

  @Test
  void concurrentInsertsAfterTheSameRow_bothLandBetweenItAndItsNextRow() {
    Row last = sheet.addRowValues(Map.of(NAME, text("Last"))).value();
    long base = sheet.revision();
    Row a = as("ann", base).insertRowValues(row.id(), null, Map.of(NAME, text("A"))).value();
    Row b = as("bob", base).insertRowValues(row.id(), null, Map.of(NAME, text("B"))).value();
    // The later insert lands right after the anchor, as its author saw it.
    assertThat(sheet.rows()).extracting(Row::id).containsExactly(row.id(), b.id(), a.id(), last.id());
  }

  @Test
  void moveAfter_andToTheTop() {
    Row second = sheet.addRowValues(Map.of(NAME, text("Second"))).value();
    Row third = sheet.addRowValues(Map.of(NAME, text("Third"))).value();
    sheet.moveRowAfter(third.id(), row.id());
    assertThat(sheet.rows()).extracting(Row::id).containsExactly(row.id(), third.id(), second.id());
    sheet.moveRowAfter(second.id(), null);
    assertThat(sheet.rows()).extracting(Row::id).containsExactly(second.id(), row.id(), third.id());
  }

  @Test
  void everyEventCarriesItsOrigin() {
    sheet.as(Origin.user("ann").op("op-7", sheet.revision())).updateRowValues(row.id(), Map.of(NAME, text("x")), OptionalLong.empty());
    assertThat(events.get(0).origin()).isEqualTo(new Origin("ann", "op-7", OptionalLong.of(1)));
  }

  @Test
  void multiSelectPolicyDoesNotFitOtherTypes() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Column.builder("N", ColumnTypes.number()).concurrentEdits(ConcurrentEdits.MERGE_SETS).build())
        .hasMessageContaining("MERGE_SETS does not fit");
  }
}
