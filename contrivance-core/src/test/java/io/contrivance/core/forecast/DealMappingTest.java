package io.contrivance.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.Templates;
import io.contrivance.core.type.CellValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DealMappingTest {

  static final LocalDate CREATED = LocalDate.of(2026, 9, 1);

  @Test
  void salesPipelineRow_readsAsADeal() {
    Row row =
        Row.of(
            RowId.of("r1"),
            1,
            Map.of(
                Templates.DEAL_VALUE, CellValue.money("1200.50", "EUR"),
                Templates.STAGE, new CellValue.Choice("Proposal"),
                Templates.EXPECTED_CLOSE, CellValue.date(LocalDate.of(2026, 12, 1)),
                Templates.OWNER, CellValue.text("ada"),
                Templates.PROBABILITY, CellValue.percentPoints("35")));
    Deal deal = DealMapping.salesPipeline().read(row, Optional.of(CREATED));
    assertThat(deal.id()).isEqualTo("r1");
    assertThat(deal.amount()).contains(new BigDecimal("1200.5"));
    assertThat(deal.currency()).contains(Currency.getInstance("EUR"));
    assertThat(deal.stage()).contains("Proposal");
    assertThat(deal.expectedClose()).contains(LocalDate.of(2026, 12, 1));
    assertThat(deal.owner()).contains("ada");
    assertThat(deal.probability()).contains(new BigDecimal("0.35"));
    assertThat(deal.created()).contains(CREATED);
  }

  @Test
  void emptyOrWronglyTypedCells_readAsMissing_soTheForecastCanSayWhy() {
    Row row = Row.of(RowId.of("r2"), 1, Map.of(Templates.DEAL_VALUE, CellValue.text("lots"), Templates.STAGE, new CellValue.Choice("Lead")));
    Deal deal = DealMapping.salesPipeline().read(row, Optional.empty());
    assertThat(deal.amount()).isEmpty();
    assertThat(deal.expectedClose()).isEmpty();
    assertThat(Forecaster.problem(deal, StageModel.salesPipeline(), Currency.getInstance("USD"))).contains("no amount");
  }

  @Test
  void plainNumbers_takeTheMappingsCurrency_andACategoryColumnOverrides() {
    ColumnId value = ColumnId.of("value");
    ColumnId category = ColumnId.of("forecast");
    ColumnId opened = ColumnId.of("opened");
    var mapping =
        new DealMapping(value, Templates.STAGE, Templates.EXPECTED_CLOSE, Optional.empty(), Optional.empty(), Optional.of(category), Optional.of(opened), Optional.of(Currency.getInstance("GBP")));
    Row row = Row.of(RowId.of("r3"), 1, Map.of(value, CellValue.decimal("99"), category, CellValue.text("best case"), opened, CellValue.date(LocalDate.of(2026, 1, 2))));
    Deal deal = mapping.read(row, Optional.of(CREATED));
    assertThat(deal.currency()).contains(Currency.getInstance("GBP"));
    assertThat(deal.category()).contains(ForecastCategory.BEST_CASE);
    assertThat(deal.created()).contains(LocalDate.of(2026, 1, 2));
  }

  @Test
  void categoryNames_areReadLeniently() {
    assertThat(DealMapping.categoryNamed("Best Case")).contains(ForecastCategory.BEST_CASE);
    assertThat(DealMapping.categoryNamed("best-case")).contains(ForecastCategory.BEST_CASE);
    assertThat(DealMapping.categoryNamed("commit")).contains(ForecastCategory.COMMIT);
    assertThat(DealMapping.categoryNamed("maybe")).isEmpty();
  }
}
