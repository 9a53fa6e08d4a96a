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
import io.contrivance.core.sheet.Rule;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import io.contrivance.core.type.ErrorCodes;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UndoTest {

  static final ColumnId NAME = ColumnId.of("name");
  static final ColumnId CODE = ColumnId.of("code");

  private final Workbook workbook = Fixtures.workbook();
  private final Sheet sheet =
      workbook.create(
          "Deals",
          List.of(Column.builder("Name", ColumnTypes.text()).build(), Column.builder("Code", ColumnTypes.text()).rule(Rule.unique()).build()));
  private final Sheet ann = sheet.as(Origin.user("ann"));
  private final Sheet bob = sheet.as(Origin.user("bob"));

  private static Map<ColumnId, CellValue> name(String value) {
    return Map.of(NAME, new CellValue.Text(value));
  }

  private static String nameOf(Sheet sheet, Row row) {
    return sheet.row(row.id()).map(r -> r.cell(NAME).toString()).orElse("gone");
  }

  @Test
  void undoRestoresTheAuthorsOwnCellEdit_andRedoMakesItAgain() {
    Row row = ann.addRowValues(name("one")).value();
    ann.updateRowValues(row.id(), name("two"), OptionalLong.empty());
    long before = sheet.revision();

    assertThat(ann.undo().isApplied()).isTrue();
    assertThat(sheet.row(row.id()).orElseThrow().cell(NAME)).isEqualTo(new CellValue.Text("one"));
    assertThat(sheet.revision()).isEqualTo(before + 1); // an undo is a new edit

    assertThat(ann.redo().isApplied()).isTrue();
    assertThat(sheet.row(row.id()).orElseThrow().cell(NAME)).isEqualTo(new CellValue.Text("two"));
  }

  @Test
  void editsMadeWithoutUndo_stayOffTheHistory_andUndoGoesPastThem() {
    Row mine = ann.addRowValues(name("typed")).value();
    Row bulk = ann.withoutUndo().addRowValues(name("imported")).value();
    assertThat(ann.withoutUndo().origin()).isEqualTo(ann.origin());

    assertThat(ann.undo().isApplied()).isTrue(); // takes back the typed row, not the bulk one
    assertThat(sheet.row(mine.id())).isEmpty();
    assertThat(nameOf(sheet, bulk)).contains("imported");
    assertThat(((EditResult.Refused<SheetEvent>) ann.undo()).code()).isEqualTo(EditResult.NOTHING_TO_UNDO);
  }

  @Test
  void undoOnlyTouchesTheAuthorsOwnEdits() {
    Row row = ann.addRowValues(name("one")).value();
    Row other = bob.addRowValues(name("bob's")).value();
    assertThat(ann.undo().isApplied()).isTrue(); // undoes ann's row, not bob's
    assertThat(sheet.row(row.id())).isEmpty();
    assertThat(sheet.row(other.id())).isPresent();
  }

  @Test
  void undoOfACellSomeoneHasSinceOverwritten_isRefused_andForgotten() {
    Row row = ann.addRowValues(name("one")).value();
    ann.updateRowValues(row.id(), name("two"), OptionalLong.empty());
    bob.updateRowValues(row.id(), name("bob's"), OptionalLong.empty());

    EditResult<SheetEvent> undo = ann.undo();
    assertThat(undo).isEqualTo(new EditResult.Refused<SheetEvent>(EditResult.CHANGED_SINCE, "someone changed Name since"));
    assertThat(nameOf(sheet, row)).contains("bob's");
    // The refused step is dropped: the next undo goes further back (ann's row was edited since, so it stays).
    assertThat(((EditResult.Refused<SheetEvent>) ann.undo()).code()).isEqualTo(EditResult.CHANGED_SINCE);
    assertThat(((EditResult.Refused<SheetEvent>) ann.undo()).code()).isEqualTo(EditResult.NOTHING_TO_UNDO);
  }

  @Test
  void undoOfADelete_restoresTheRowWithItsIdAndPlace() {
    Row first = ann.addRowValues(name("first")).value();
    Row second = ann.addRowValues(name("second")).value();
    ann.deleteRow(first.id());
    ann.undo();
    assertThat(sheet.rows()).extracting(Row::id).containsExactly(first.id(), second.id());
  }

  @Test
  void undoOfADelete_isRejectedWhenSomeoneTookItsUniqueValue() {
    Row row = ann.addRowValues(Map.of(CODE, new CellValue.Text("A-1"))).value();
    ann.deleteRow(row.id());
    bob.addRowValues(Map.of(CODE, new CellValue.Text("A-1")));
    EditResult<SheetEvent> undo = ann.undo();
    assertThat(undo.violations()).extracting(v -> v.code()).containsExactly(ErrorCodes.UNIQUE);
  }

  @Test
  void undoOfAMove_putsTheRowBack_unlessMovedSince() {
    Row a = ann.addRowValues(name("a")).value();
    Row b = ann.addRowValues(name("b")).value();
    ann.moveRowAfter(a.id(), b.id());
    ann.undo();
    assertThat(sheet.rows()).extracting(Row::id).containsExactly(a.id(), b.id());

    ann.redo();
    bob.moveRowAfter(a.id(), null);
    assertThat(((EditResult.Refused<SheetEvent>) ann.undo()).code()).isEqualTo(EditResult.CHANGED_SINCE);
  }

  @Test
  void aNewEditClearsRedo() {
    Row row = ann.addRowValues(name("one")).value();
    ann.updateRowValues(row.id(), name("two"), OptionalLong.empty());
    ann.undo();
    ann.updateRowValues(row.id(), name("three"), OptionalLong.empty());
    assertThat(((EditResult.Refused<SheetEvent>) ann.redo()).code()).isEqualTo(EditResult.NOTHING_TO_UNDO);
  }

  @Test
  void schemaChangesAreNotUndoable() {
    ann.addColumn(Column.builder("Region", ColumnTypes.text()).build());
    assertThat(((EditResult.Refused<SheetEvent>) ann.undo()).code()).isEqualTo(EditResult.NOT_UNDOABLE);
  }

  @Test
  void theApplicationItselfHasNoUndo() {
    sheet.addRowValues(name("x"));
    assertThat(((EditResult.Refused<SheetEvent>) sheet.undo()).code()).isEqualTo(EditResult.NOTHING_TO_UNDO);
  }
}
