package io.contrivance.core.collab;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrivance.core.Fixtures;
import io.contrivance.core.Sheet;
import io.contrivance.core.Workbook;
import io.contrivance.core.collab.Replica;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaAndPlacementTest {

  static final ColumnId NAME = ColumnId.of("name");

  private final Workbook workbook = Fixtures.workbook();
  private final Sheet sheet = workbook.create("Deals", List.of(Column.builder("Name", ColumnTypes.text()).build()));

  private static Map<ColumnId, CellValue> name(String value) {
    return Map.of(NAME, new CellValue.Text(value));
  }

  @Test
  void manyInsertsAtOnePlace_renumberTheSheet_andTheEventsSaySo() {
    Row first = sheet.addRowValues(name("first")).value();
    Row last = sheet.addRowValues(name("last")).value();
    Replica replica = new Replica(sheet.schema(), sheet.revision(), sheet.rows());
    var events = new ArrayList<SheetEvent>();
    sheet.onChange(events::add);

    var inserted = new ArrayList<Row>();
    for (int i = 0; i < 40; i++) {
      // Always right after the first row: each new row halves the same gap.
      inserted.add(0, sheet.insertRowValues(first.id(), null, name("n" + i)).value());
    }
    var expected = new ArrayList<>(List.of(first.id()));
    inserted.forEach(r -> expected.add(r.id()));
    expected.add(last.id());
    assertThat(sheet.rows()).extracting(Row::id).containsExactlyElementsOf(expected);
    assertThat(events).anySatisfy(e -> assertThat(((SheetEvent.RowsAdded) e).shifted()).isNotEmpty());

    events.forEach(replica::apply);
    assertThat(replica.rows()).isEqualTo(sheet.rows());
  }

  @Test
  void replica_reportsGapsAndRepeats_andShowsUnsettledEditsOnTop() {
    Row row = sheet.addRowValues(name("a")).value();
    Replica replica = new Replica(sheet.schema(), sheet.revision(), sheet.rows());
    var events = new ArrayList<SheetEvent>();
    sheet.onChange(events::add);
    sheet.updateRowValues(row.id(), name("b"), java.util.OptionalLong.empty());
    sheet.updateRowValues(row.id(), name("c"), java.util.OptionalLong.empty());

    assertThat(replica.apply(events.get(1))).isEqualTo(Replica.Applied.GAP);
    assertThat(replica.apply(events.get(0))).isEqualTo(Replica.Applied.APPLIED);
    assertThat(replica.apply(events.get(0))).isEqualTo(Replica.Applied.ALREADY_SEEN);

    replica.propose("op1", row.id(), NAME, new CellValue.Text("mine"));
    assertThat(replica.visible(row.id()).orElseThrow().cell(NAME)).isEqualTo(new CellValue.Text("mine"));
    assertThat(replica.apply(events.get(1))).isEqualTo(Replica.Applied.APPLIED);
    assertThat(replica.visible(row.id()).orElseThrow().cell(NAME)).isEqualTo(new CellValue.Text("mine"));
    replica.settle("op1");
    assertThat(replica.visible(row.id()).orElseThrow().cell(NAME)).isEqualTo(new CellValue.Text("c"));
  }
}
