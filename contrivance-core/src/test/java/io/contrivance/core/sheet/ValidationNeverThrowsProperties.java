package io.contrivance.core.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Validation returns violations, never exceptions, for rows holding any values in any columns. */
class ValidationNeverThrowsProperties {

  private static final List<Column> COLUMNS = new ArrayList<>(Templates.salesPipeline());

  static {
    COLUMNS.add(Column.builder("Code", ColumnTypes.text()).rule(Rule.pattern("(.*a){8}")).rule(Rule.maxLength(30)).rule(Rule.unique()).build());
    COLUMNS.add(Column.builder("Tags", ColumnTypes.multiSelect("A", "B")).build());
  }

  private static final SheetValidator VALIDATOR = SheetValidator.of(SheetSchema.of(SheetId.of("s"), "S", COLUMNS));

  @Provide
  Arbitrary<CellValue> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMinLength(1).ofMaxLength(50).map(CellValue::text),
        Arbitraries.strings().withChars('a', '!').ofMinLength(1).ofMaxLength(40).map(CellValue::text),
        Arbitraries.bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12")).map(CellValue::decimal),
        Arbitraries.of("USD", "EUR", "JPY").map(c -> CellValue.money("-3.5", c)),
        Arbitraries.integers().between(-500, 500).map(p -> CellValue.percentPoints(Integer.toString(p))),
        Arbitraries.longs().between(-100_000, 100_000).map(d -> CellValue.date(LocalDate.ofEpochDay(d))),
        Arbitraries.of(true, false).map(CellValue::bool),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(CellValue.Choice::new),
        Arbitraries.of(CellValue.BLANK));
  }

  @Property(tries = 1000)
  void validatingAnyRowNeverThrows(@ForAll("rows") List<Map<ColumnId, CellValue>> rows) {
    var built = new ArrayList<Row>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = Row.of(RowId.of("r" + i), i, rows.get(i));
      assertThat(VALIDATOR.validateRow(row)).isNotNull();
      built.add(row);
    }
    assertThat(VALIDATOR.validate(built).rowsChecked()).isEqualTo(rows.size());
  }

  @Provide
  Arbitrary<List<Map<ColumnId, CellValue>>> rows() {
    List<ColumnId> ids = new ArrayList<>(COLUMNS.stream().map(Column::id).toList());
    ids.add(ColumnId.of("unknown"));
    Arbitrary<Map<ColumnId, CellValue>> row =
        Arbitraries.maps(Arbitraries.of(ids), values()).ofMaxSize(ids.size()).map(HashMap::new);
    return row.list().ofMaxSize(5);
  }
}
