package io.contrivance.core.collab;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrivance.core.Fixtures;
import io.contrivance.core.Sheet;
import io.contrivance.core.Workbook;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.Rule;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import io.contrivance.core.type.ErrorCodes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Cells of several rows changed as one edit: a paste or a fill. */
class MultiRowEditTest {

  static final ColumnId NAME = ColumnId.of("name");
  static final ColumnId CODE = ColumnId.of("code");
  static final ColumnId AMOUNT = ColumnId.of("amount");

  private final Workbook workbook = Fixtures.workbook();
  private final Sheet sheet =
      workbook.create(
          "Deals",
          List.of(
              Column.builder("Name", ColumnTypes.text()).build(),
              Column.builder("Code", ColumnTypes.text()).rule(Rule.unique()).build(),
              Column.builder("Amount", ColumnTypes.number()).rule(Rule.min(new CellValue.Decimal(BigDecimal.ZERO))).build()));
  private final Sheet ann = sheet.as(Origin.user("ann"));
  private final Sheet bob = sheet.as(Origin.user("bob"));
  private final Row first = ann.addRowValues(Map.of(NAME, text("one"))).value();
  private final Row second = ann.addRowValues(Map.of(NAME, text("two"))).value();

  private static CellValue text(String value) {
    return new CellValue.Text(value);
  }

  private static Map<RowId, Map<ColumnId, CellValue>> paste(Object... rowColumnValue) {
    var cells = new LinkedHashMap<RowId, Map<ColumnId, CellValue>>();
    for (int i = 0; i < rowColumnValue.length; i += 3) {
      cells.computeIfAbsent(((Row) rowColumnValue[i]).id(), id -> new LinkedHashMap<>()).put((ColumnId) rowColumnValue[i + 1], (CellValue) rowColumnValue[i + 2]);
    }
    return cells;
  }

  private String name(Row row) {
    return ((CellValue.Text) sheet.row(row.id()).orElseThrow().cell(NAME)).value();
  }

  @Test
  void changesEveryRowInOneRevision_andOneEvent() {
    var events = new ArrayList<SheetEvent>();
    sheet.onChange(events::add);
    long before = sheet.revision();

    EditResult<List<Row>> result = ann.updateRowsValues(paste(first, NAME, text("uno"), second, NAME, text("dos"), second, CODE, text("B")));

    assertThat(result.isApplied()).isTrue();
    assertThat(sheet.revision()).isEqualTo(before + 1);
    assertThat(name(first)).isEqualTo("uno");
    assertThat(name(second)).isEqualTo("dos");
    assertThat(events).singleElement().isInstanceOfSatisfying(SheetEvent.RowsUpdated.class, e -> {
      assertThat(e.updates()).extracting(u -> u.after().id()).containsExactly(first.id(), second.id());
      assertThat(e.updates()).allSatisfy(u -> assertThat(u.revision()).isEqualTo(before + 1));
      assertThat(e.updates().get(1).after().version()).isEqualTo(second.version() + 1);
    });
  }

  @Test
  void oneBadCellRefusesTheWholeEdit_namingEachBadCell() {
    ann.updateRowValues(first.id(), Map.of(CODE, text("A")), OptionalLong.empty());
    long before = sheet.revision();

    EditResult<List<Row>> result = ann.updateRowsValues(paste(first, NAME, text("uno"), second, AMOUNT, new CellValue.Decimal(new BigDecimal("-5")), second, CODE, text("A")));

    assertThat(result).isInstanceOf(EditResult.Rejected.class);
    assertThat(((EditResult.Rejected<List<Row>>) result).problems())
        .extracting(v -> v.row().value() + "/" + v.column().value() + "/" + v.code())
        .containsExactlyInAnyOrder(second.id().value() + "/amount/" + ErrorCodes.MIN, second.id().value() + "/code/" + ErrorCodes.UNIQUE);
    assertThat(sheet.revision()).isEqualTo(before);
    assertThat(name(first)).isEqualTo("one");
  }

  @Test
  void twoRowsOfOneEditCannotTakeTheSameUniqueValue() {
    EditResult<List<Row>> result = ann.updateRowsValues(paste(first, CODE, text("X"), second, CODE, text("x")));
    assertThat(result).isInstanceOf(EditResult.Rejected.class);
  }

  @Test
  void rowsLeftAsTheyWereAreNotInTheEvent_andNoChangeAtAllStoresNothing() {
    long before = sheet.revision();
    assertThat(ann.updateRowsValues(paste(first, NAME, text("one"), second, NAME, text("two"))).isApplied()).isTrue();
    assertThat(sheet.revision()).isEqualTo(before);

    var events = new ArrayList<SheetEvent>();
    sheet.onChange(events::add);
    ann.updateRowsValues(paste(first, NAME, text("one"), second, NAME, text("deux")));
    assertThat(((SheetEvent.RowsUpdated) events.get(0)).updates()).extracting(u -> u.after().id()).containsExactly(second.id());
  }

  @Test
  void aDeletedRowRefusesTheEdit() {
    ann.deleteRow(second.id());
    assertThat(ann.updateRowsValues(paste(first, NAME, text("uno"), second, NAME, text("dos")))).isInstanceOf(EditResult.NotFound.class);
    assertThat(name(first)).isEqualTo("one");
  }

  @Test
  void undoRevertsTheWholeEdit_andRedoMakesItAgain() {
    ann.updateRowsValues(paste(first, NAME, text("uno"), second, NAME, text("dos")));

    assertThat(ann.undo().isApplied()).isTrue();
    assertThat(name(first)).isEqualTo("one");
    assertThat(name(second)).isEqualTo("two");

    assertThat(ann.redo().isApplied()).isTrue();
    assertThat(name(first)).isEqualTo("uno");
    assertThat(name(second)).isEqualTo("dos");
  }

  @Test
  void undoIsRefusedAsAWholeWhenSomeoneChangedOneOfTheCellsSince() {
    ann.updateRowsValues(paste(first, NAME, text("uno"), second, NAME, text("dos")));
    bob.updateRowValues(second.id(), Map.of(NAME, text("bob's")), OptionalLong.empty());

    EditResult<SheetEvent> undo = ann.undo();

    assertThat(undo).isInstanceOfSatisfying(EditResult.Refused.class, r -> assertThat(r.code()).isEqualTo(EditResult.CHANGED_SINCE));
    assertThat(name(first)).isEqualTo("uno");
    assertThat(name(second)).isEqualTo("bob's");
  }

  @Test
  void concurrentEditsOfTheSameCellsFollowTheColumnsPolicy() {
    long base = sheet.revision();
    bob.updateRowValues(first.id(), Map.of(NAME, text("bob's")), OptionalLong.empty());
    var events = new ArrayList<SheetEvent>();
    sheet.onChange(events::add);

    ann.as(new Origin("ann", "paste-1", OptionalLong.of(base))).updateRowsValues(paste(first, NAME, text("ann's"), second, NAME, text("dos")));

    SheetEvent.RowsUpdated event = (SheetEvent.RowsUpdated) events.get(0);
    assertThat(event.updates().get(0).overwritten()).singleElement().satisfies(o -> assertThat(o.author()).isEqualTo("bob"));
    assertThat(name(first)).isEqualTo("ann's");
  }

  @Test
  void deletesSeveralRowsInOneRevision_skippingRowsAlreadyGone_andUndoesThemAsOne() {
    Row third = ann.addRowValues(Map.of(NAME, text("three"))).value();
    ann.deleteRow(third.id());
    var events = new ArrayList<SheetEvent>();
    sheet.onChange(events::add);
    long before = sheet.revision();

    EditResult<List<Row>> result = ann.deleteRows(List.of(first.id(), third.id(), second.id()));

    assertThat(result.value()).extracting(Row::id).containsExactly(first.id(), second.id());
    assertThat(sheet.revision()).isEqualTo(before + 1);
    assertThat(sheet.rowCount()).isZero();
    assertThat(events).singleElement().isInstanceOf(SheetEvent.RowsDeleted.class);

    assertThat(ann.undo().isApplied()).isTrue();
    assertThat(sheet.rows()).extracting(Row::id).containsExactly(first.id(), second.id());
  }

  @Test
  void deletingOnlyRowsAlreadyGoneIsNoEdit() {
    ann.deleteRows(List.of(first.id()));
    long before = sheet.revision();

    assertThat(ann.deleteRows(List.of(first.id())).value()).isEmpty();
    assertThat(sheet.revision()).isEqualTo(before);
  }
}
