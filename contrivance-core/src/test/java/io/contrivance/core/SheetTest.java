package io.contrivance.core;

import static io.contrivance.core.sheet.Templates.COMPANY;
import static io.contrivance.core.sheet.Templates.DEAL_VALUE;
import static io.contrivance.core.sheet.Templates.STAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Condition;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.Rule;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.Templates;
import io.contrivance.core.sheet.TypeChange;
import io.contrivance.core.sheet.Violation;
import io.contrivance.core.store.SheetStore;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.core.type.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SheetTest {

  private final Workbook workbook = Fixtures.workbook();
  private final Sheet deals = workbook.createFromTemplate(Templates.SALES_PIPELINE, "Q3 deals");

  private Row add(Map<String, String> text) {
    return deals.addRow(text).value();
  }

  @Test
  void template_hasTheSalesPipelineColumns() {
    assertThat(deals.schema().columns())
        .extracting(Column::name)
        .containsExactly("Company", "Contact", "Email", "Deal Value", "Stage", "Probability", "Expected Close", "Owner", "Next Step", "Notes");
    assertThat(deals.schema().column(STAGE).orElseThrow().type().settings().get("options")).isEqualTo(Templates.STAGES);
    assertThat(deals.revision()).isZero();
  }

  @Test
  void addRow_parsesTextByColumnNameOrId() {
    Row row = add(Map.of("Company", "Acme", "stage", "lead", "deal_value", "$12,000.50"));
    assertThat(row.cell(COMPANY)).isEqualTo(new CellValue.Text("Acme"));
    assertThat(row.cell(STAGE)).isEqualTo(new CellValue.Choice("Lead"));
    assertThat(row.cell(DEAL_VALUE)).isEqualTo(CellValue.money("12000.5", "USD"));
    assertThat(row.version()).isEqualTo(1);
    assertThat(deals.rows()).containsExactly(row);
    assertThat(deals.revision()).isEqualTo(1);
  }

  @Test
  void addRow_rejectsBadDataWithEveryViolationAndStoresNothing() {
    EditResult<Row> result =
        deals.addRow(Map.of("Company", "Acme", "Stage", "Won", "Deal Value", "-5", "Email", "nope", "Colour", "red"));
    assertThat(result).isInstanceOf(EditResult.Rejected.class);
    assertThat(result.violations())
        .extracting(v -> v.column() + ":" + v.code())
        .containsExactlyInAnyOrder("stage:not_an_option", "deal_value:min", "email:invalid_email", "Colour:unknown_column");
    assertThat(deals.rowCount()).isZero();
    assertThat(deals.revision()).isZero();
  }

  @Test
  void addRow_namesAnUnreadableCellTogetherWithTheRulesTheRowBreaks() {
    // The row the server once answered in rounds: the unreadable Stage hid the rest.
    EditResult<Row> result = deals.addRow(Map.of("Deal Value", "-5", "Stage", "X"));
    assertThat(result.violations()).extracting(v -> v.column() + ":" + v.code()).containsExactlyInAnyOrder("company:required", "deal_value:min", "stage:not_an_option");
  }

  @Test
  void addRowsParsed_reportsInvalidCellsWithEveryOtherProblemAndStoresNothing() {
    Map<ColumnId, ParseResult> cells =
        Map.of(
            DEAL_VALUE, ParseResult.valid(CellValue.money("-5", "USD")),
            STAGE, ParseResult.invalid("not_an_option", "'X' is not an option"),
            ColumnId.of("Colour"), ParseResult.invalid("unknown_column", "no such column"));
    EditResult<List<Row>> added = deals.addRowsParsed(List.of(RowId.of("r1")), List.of(cells));
    assertThat(added.violations())
        .extracting(v -> v.column() + ":" + v.code())
        .containsExactlyInAnyOrder("company:required", "deal_value:min", "stage:not_an_option", "Colour:unknown_column");
    assertThat(added.violations()).filteredOn(v -> v.column().equals(STAGE)).extracting(Violation::message).containsExactly("Stage: 'X' is not an option");
    assertThat(deals.rowCount()).isZero();

    Row row = add(Map.of("Company", "Acme", "Stage", "Lead"));
    EditResult<Row> updated = deals.updateRowParsed(row.id(), Map.of(DEAL_VALUE, ParseResult.valid(CellValue.money("-5", "USD")), STAGE, ParseResult.invalid("not_an_option", "no")), OptionalLong.empty());
    assertThat(updated.violations()).extracting(v -> v.column() + ":" + v.code()).containsExactlyInAnyOrder("deal_value:min", "stage:not_an_option");
    assertThat(deals.row(row.id()).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void addRows_isAllOrNothing() {
    EditResult<List<Row>> result =
        deals.addRows(
            List.of(
                Map.of("Company", "A", "Stage", "Lead"),
                Map.of("Company", "B", "Stage", "Lead", "Deal Value", "-1"),
                Map.of("Company", "C", "Stage", "Lead")));
    assertThat(result.isApplied()).isFalse();
    assertThat(result.violations()).hasSize(1);
    assertThat(deals.rowCount()).isZero();

    List<Row> added =
        deals.addRows(List.of(Map.of("Company", "A", "Stage", "Lead"), Map.of("Company", "B", "Stage", "Lead"))).value();
    assertThat(deals.rows()).containsExactlyElementsOf(added);
    assertThat(added.get(0).position()).isLessThan(added.get(1).position());
  }

  @Test
  void updateRow_withAStaleVersionIsAConflictWithTheCurrentRow() {
    Row row = add(Map.of("Company", "Acme", "Stage", "Lead"));
    Row updated = deals.updateRow(row.id(), Map.of("Stage", "Qualified"), OptionalLong.of(1)).value();
    assertThat(updated.version()).isEqualTo(2);
    EditResult<Row> stale = deals.updateRow(row.id(), Map.of("Stage", "Lead"), OptionalLong.of(1));
    assertThat(stale).isEqualTo(new EditResult.Conflict<Row>(updated));
    assertThat(deals.row(row.id()).orElseThrow().cell(STAGE)).isEqualTo(new CellValue.Choice("Qualified"));
  }

  @Test
  void updateRow_checksCrossFieldRulesAgainstTheWholeRow() {
    Row row = add(Map.of("Company", "Acme", "Stage", "Lead"));
    EditResult<Row> result = deals.setCell(row.id(), STAGE, "Proposal");
    assertThat(result.violations()).extracting(Violation::code, Violation::column)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("required", Templates.EXPECTED_CLOSE));
    assertThat(deals.updateRow(row.id(), Map.of("Stage", "Proposal", "Expected Close", "2026-12-31")).isApplied()).isTrue();
  }

  @Test
  void updateRow_ofARowThatAlreadyBreaksANewRule_isAllowedWhenItAddsNoViolation() {
    Row row = add(Map.of("Company", "Acme", "Stage", "Lead", "Owner", "x"));
    Column owner = deals.schema().column(Templates.OWNER).orElseThrow();
    deals.updateColumn(owner.withRules(List.of(Rule.minLength(3))));
    assertThat(deals.validate().violations()).extracting(Violation::code).containsExactly("min_length");
    assertThat(deals.setCell(row.id(), Templates.NEXT_STEP, "Call").isApplied()).isTrue();
    assertThat(deals.setCell(row.id(), Templates.OWNER, "Al").violations()).extracting(Violation::code).containsExactly("min_length");
    assertThat(deals.setCell(row.id(), Templates.OWNER, "Alice").isApplied()).isTrue();
  }

  @Test
  void editsOfMissingRows_areNotFound() {
    RowId ghost = RowId.of("ghost");
    assertThat(deals.setCell(ghost, COMPANY, "x")).isEqualTo(new EditResult.NotFound<Row>(ghost));
    assertThat(deals.deleteRow(ghost)).isEqualTo(new EditResult.NotFound<Row>(ghost));
    assertThat(deals.moveRow(ghost, 0)).isEqualTo(new EditResult.NotFound<Row>(ghost));
  }

  @Test
  void unchangedUpdate_changesNothing() {
    Row row = add(Map.of("Company", "Acme", "Stage", "Lead"));
    long revision = deals.revision();
    assertThat(deals.setCell(row.id(), COMPANY, " Acme ").value()).isEqualTo(row);
    assertThat(deals.revision()).isEqualTo(revision);
  }

  @Test
  void deleteRow_removesIt() {
    Row a = add(Map.of("Company", "A", "Stage", "Lead"));
    Row b = add(Map.of("Company", "B", "Stage", "Lead"));
    assertThat(deals.deleteRow(a.id()).value()).isEqualTo(a);
    assertThat(deals.rows()).containsExactly(b);
  }

  @Test
  void moveRow_reordersAndRenumbersOnlyWhenOutOfRoom() {
    var ids = new ArrayList<RowId>();
    for (String company : List.of("A", "B", "C", "D")) {
      ids.add(add(Map.of("Company", company, "Stage", "Lead")).id());
    }
    deals.moveRow(ids.get(3), 0);
    assertThat(companies()).containsExactly("D", "A", "B", "C");
    deals.moveRow(ids.get(3), 99);
    assertThat(companies()).containsExactly("A", "B", "C", "D");
    // Squeeze the same gap until there is no room left: positions stay strictly ordered.
    for (int i = 0; i < 40; i++) {
      deals.moveRow(ids.get(i % 2 == 0 ? 3 : 2), 1);
    }
    assertThat(companies()).containsExactlyInAnyOrder("A", "B", "C", "D");
    assertThat(companies().get(0)).isEqualTo("A");
    List<Long> positions = deals.rows().stream().map(Row::position).toList();
    assertThat(positions).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void rows_pageByPosition() {
    for (int i = 0; i < 5; i++) {
      add(Map.of("Company", "C" + i, "Stage", "Lead"));
    }
    List<Row> first = deals.rows(Long.MIN_VALUE, 2);
    List<Row> second = deals.rows(first.get(1).position(), 2);
    List<Row> third = deals.rows(second.get(1).position(), 2);
    assertThat(first).hasSize(2);
    assertThat(second).hasSize(2);
    assertThat(third).hasSize(1);
    assertThat(third.get(0).cell(COMPANY)).isEqualTo(new CellValue.Text("C4"));
  }

  @Test
  void unique_isEnforcedAgainstStoredRowsAndWithinABatch() {
    Column email = deals.schema().column(Templates.EMAIL).orElseThrow();
    deals.updateColumn(email.withRules(List.of(Rule.unique())));
    Row ada = add(Map.of("Company", "A", "Stage", "Lead", "Email", "ada@example.com"));
    assertThat(deals.addRow(Map.of("Company", "B", "Stage", "Lead", "Email", "ADA@example.com")).violations())
        .extracting(Violation::code).containsExactly("unique");
    assertThat(
            deals.addRows(
                    List.of(
                        Map.of("Company", "B", "Stage", "Lead", "Email", "b@example.com"),
                        Map.of("Company", "C", "Stage", "Lead", "Email", "B@example.com")))
                .violations())
        .singleElement().satisfies(v -> assertThat(v.message()).contains("already in row"));
    // A row may keep its own value.
    assertThat(deals.updateRow(ada.id(), Map.of("Email", "ada@example.com", "Owner", "Me")).isApplied()).isTrue();
  }

  @Test
  void listeners_seeEveryChangeInRevisionOrder() {
    var events = new ArrayList<SheetEvent>();
    Sheet.Subscription subscription = deals.onChange(events::add);
    deals.onChange(e -> {
      throw new IllegalStateException("a broken listener does not undo edits");
    });
    Row row = add(Map.of("Company", "A", "Stage", "Lead"));
    deals.setCell(row.id(), COMPANY, "B");
    deals.renameColumn(Templates.OWNER, "Account Owner");
    deals.deleteRow(row.id());
    subscription.close();
    add(Map.of("Company", "C", "Stage", "Lead"));
    assertThat(events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("RowsAdded", "RowUpdated", "SchemaChanged", "RowsDeleted");
    assertThat(events).extracting(SheetEvent::revision).containsExactly(1L, 2L, 3L, 4L);
    assertThat(events.get(0).at()).isEqualTo(Fixtures.NOW);
    SheetEvent.RowUpdated updated = (SheetEvent.RowUpdated) events.get(1);
    assertThat(updated.before().cell(COMPANY)).isEqualTo(new CellValue.Text("A"));
    assertThat(updated.after().cell(COMPANY)).isEqualTo(new CellValue.Text("B"));
  }

  @Test
  void columns_canBeAddedRenamedMovedAndDeleted() {
    Row row = add(Map.of("Company", "A", "Stage", "Lead", "Owner", "Sam"));
    Column region = deals.addColumn(Column.builder("Region", ColumnTypes.select("EMEA", "AMER")).build());
    assertThat(deals.setCell(row.id(), region.id(), "emea").value().cell(region.id())).isEqualTo(new CellValue.Choice("EMEA"));
    assertThatThrownBy(() -> deals.addColumn(Column.builder("region", ColumnTypes.text()).id("region2").build()))
        .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("two columns are named");
    assertThatThrownBy(() -> deals.renameColumn(region.id(), "company")).hasMessageContaining("two columns are named");
    deals.renameColumn(region.id(), "Territory");
    assertThat(deals.schema().resolve("territory")).isPresent();
    deals.moveColumn(region.id(), 0);
    assertThat(deals.schema().columns().get(0).id()).isEqualTo(region.id());
    deals.deleteColumn(Templates.OWNER);
    assertThat(deals.schema().column(Templates.OWNER)).isEmpty();
    Row after = deals.row(row.id()).orElseThrow();
    assertThat(after.cells()).doesNotContainKey(Templates.OWNER);
    assertThat(after.version()).isEqualTo(row.version() + 2);
    assertThatThrownBy(() -> deals.deleteColumn(STAGE))
        .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("Expected Close has a rule that tests Stage");
  }

  @Test
  void changeType_convertsLosslessly() {
    Row row = add(Map.of("Company", "A", "Stage", "Lead", "Deal Value", "€1,200"));
    TypeChange change = deals.changeColumnType(DEAL_VALUE, ColumnTypes.text(), TypeChange.Policy.REJECT_IF_LOSSY);
    assertThat(change.applied()).isTrue();
    assertThat(change.converted()).isEqualTo(1);
    assertThat(change.droppedRules()).containsExactly(Rule.min(CellValue.decimal("0")));
    assertThat(deals.row(row.id()).orElseThrow().cell(DEAL_VALUE)).isEqualTo(new CellValue.Text("€1,200.00"));
  }

  @Test
  void changeType_reportsEveryCellThatDoesNotConvertAndRefusesByDefault() {
    Row good = add(Map.of("Company", "A", "Stage", "Lead", "Next Step", "42"));
    Row bad = add(Map.of("Company", "B", "Stage", "Lead", "Next Step", "call back"));
    TypeChange preview = deals.previewTypeChange(Templates.NEXT_STEP, ColumnTypes.number());
    assertThat(preview.applied()).isFalse();
    assertThat(preview.converted()).isEqualTo(1);
    assertThat(preview.failures()).singleElement().satisfies(f -> {
      assertThat(f.row()).isEqualTo(bad.id());
      assertThat(f.oldText()).isEqualTo("call back");
      assertThat(f.code()).isEqualTo("type_mismatch");
    });
    TypeChange refused = deals.changeColumnType(Templates.NEXT_STEP, ColumnTypes.number(), TypeChange.Policy.REJECT_IF_LOSSY);
    assertThat(refused.applied()).isFalse();
    assertThat(deals.schema().column(Templates.NEXT_STEP).orElseThrow().type()).isEqualTo(ColumnTypes.text());

    TypeChange forced = deals.changeColumnType(Templates.NEXT_STEP, ColumnTypes.number(), TypeChange.Policy.CLEAR_UNCONVERTIBLE);
    assertThat(forced.applied()).isTrue();
    assertThat(forced.failures()).extracting(TypeChange.Failure::oldText).containsExactly("call back");
    assertThat(deals.row(good.id()).orElseThrow().cell(Templates.NEXT_STEP)).isEqualTo(CellValue.decimal("42"));
    assertThat(deals.row(bad.id()).orElseThrow().cell(Templates.NEXT_STEP)).isEqualTo(CellValue.BLANK);
  }

  @Test
  void changeType_toSelectKeepsMatchingTextAsOptions() {
    add(Map.of("Company", "A", "Stage", "Lead", "Owner", "sam"));
    add(Map.of("Company", "B", "Stage", "Lead", "Owner", "Kim"));
    TypeChange change = deals.changeColumnType(Templates.OWNER, ColumnTypes.select("Sam", "Kim"), TypeChange.Policy.REJECT_IF_LOSSY);
    assertThat(change.applied()).isTrue();
    assertThat(deals.rows()).extracting(r -> r.cell(Templates.OWNER))
        .containsExactly(new CellValue.Choice("Sam"), new CellValue.Choice("Kim"));
  }

  @Test
  void updateColumn_refusesTypeChangesThatSkipConversion() {
    Column owner = deals.schema().column(Templates.OWNER).orElseThrow();
    assertThatThrownBy(() -> deals.updateColumn(owner.withType(ColumnTypes.number(), List.of())))
        .hasMessageContaining("changeColumnType");
  }

  @Test
  void twoWorkbooksSharingAStore_seeEachOthersChanges() {
    SheetStore store = SheetStore.inMemory();
    Workbook a = Fixtures.workbook(store, "a");
    Workbook b = Fixtures.workbook(store, "b");
    Sheet onA = a.create("Shared", List.of(Column.builder("Name", ColumnTypes.text()).rule(Rule.unique()).build()));
    Sheet onB = b.open(onA.id()).orElseThrow();
    onA.addRow(Map.of("Name", "x"));
    assertThat(onB.addRow(Map.of("Name", "X")).violations()).extracting(Violation::code).containsExactly("unique");
    onB.addRow(Map.of("Name", "y"));
    assertThat(onA.rows()).hasSize(2);
    assertThat(onA.revision()).isEqualTo(2);
  }

  @Test
  void workbook_createsOpensAndDeletesSheets() {
    Sheet custom =
        workbook.create(
            "Custom",
            List.of(
                Column.builder("Stage", ColumnTypes.select("Open", "Done")).build(),
                Column.builder("Done On", ColumnTypes.date()).rule(Rule.requiredWhen(Condition.isIn(ColumnId.of("stage"), "Done"))).build()));
    assertThat(workbook.sheetIds()).contains(custom.id(), deals.id());
    assertThat(workbook.open(custom.id())).isPresent();
    workbook.delete(custom.id());
    assertThat(workbook.open(custom.id())).isEmpty();
    assertThatThrownBy(custom::schema).hasMessageContaining("was deleted");
    assertThatThrownBy(() -> workbook.createFromTemplate("crm", "x")).hasMessageContaining("unknown template");
  }

  @Test
  void describe_renamesTheSheet() {
    deals.describe("FY27 Q1", "Enterprise only");
    assertThat(deals.schema().name()).isEqualTo("FY27 Q1");
    assertThat(deals.schema().description()).isEqualTo("Enterprise only");
  }

  private List<String> companies() {
    return deals.rows().stream().map(r -> ((CellValue.Text) r.cell(COMPANY)).value()).toList();
  }
}
