package io.contrivance.core.forecast;

import static io.contrivance.core.forecast.ForecastCategory.BEST_CASE;
import static io.contrivance.core.forecast.ForecastCategory.CLOSED;
import static io.contrivance.core.forecast.ForecastCategory.COMMIT;
import static io.contrivance.core.forecast.ForecastCategory.OMITTED;
import static io.contrivance.core.forecast.ForecastCategory.PIPELINE;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every expected figure below is worked out by hand in the comments. */
class ForecasterTest {

  static final Currency USD = Currency.getInstance("USD");
  static final StageModel MODEL = StageModel.salesPipeline();
  /** Calendar Q4 2026. */
  static final Period Q4 = Period.quarterOf(LocalDate.of(2026, 11, 23), Month.JANUARY);
  static final LocalDate IN_Q4 = LocalDate.of(2026, 12, 15);

  static BigDecimal n(String value) {
    return new BigDecimal(value);
  }

  /**
   * A: Lead 10,000 → 10 % → 1,000 (Pipeline); B: Proposal 20,000 → 50 % → 10,000 (Best Case); C:
   * Negotiation 30,000 with its own 90 % → 27,000 (Commit); D: Closed-Won 5,000 → 5,000 (Closed); E:
   * Closed-Lost 7,000 → 0 (Omitted); F closes next quarter; G has no close date; H is in euros.
   */
  static List<Deal> deals() {
    return List.of(
        Deal.of("A", "10000", "USD", "Lead", IN_Q4, "ada"),
        Deal.of("B", "20000", "USD", "Proposal", IN_Q4, "ada"),
        Deal.of("C", "30000", "USD", "Negotiation", IN_Q4, "bob").withProbability(n("0.9")),
        Deal.of("D", "5000", "USD", "closed-won", LocalDate.of(2026, 10, 1), "bob"),
        Deal.of("E", "7000", "USD", "Closed-Lost", IN_Q4, "bob"),
        Deal.of("F", "8000", "USD", "Qualified", LocalDate.of(2027, 1, 1), "ada"),
        Deal.of("G", "9000", "USD", "Lead", null, "ada"),
        Deal.of("H", "4000", "EUR", "Lead", IN_Q4, "ada"));
  }

  @Test
  void categoriesRollUpClosedIntoCommitIntoBestCaseIntoPipeline() {
    Forecast f = Forecaster.forecast(deals(), MODEL, Q4, USD, Optional.of(n("50000")));
    assertThat(f.period().label()).isEqualTo("FY2026 Q4");
    // Own categories, raw.
    assertThat(f.categories().get(PIPELINE).amount()).isEqualByComparingTo("10000");
    assertThat(f.categories().get(BEST_CASE).amount()).isEqualByComparingTo("20000");
    assertThat(f.categories().get(COMMIT).amount()).isEqualByComparingTo("30000");
    assertThat(f.categories().get(CLOSED).amount()).isEqualByComparingTo("5000");
    assertThat(f.categories().get(OMITTED).amount()).isEqualByComparingTo("7000");
    // Roll-ups, raw: Closed 5,000; Commit 30,000 + 5,000; Best Case + 20,000; Pipeline + 10,000.
    assertThat(f.rollups().get(CLOSED).amount()).isEqualByComparingTo("5000");
    assertThat(f.rollups().get(COMMIT).amount()).isEqualByComparingTo("35000");
    assertThat(f.rollups().get(BEST_CASE).amount()).isEqualByComparingTo("55000");
    assertThat(f.rollups().get(PIPELINE).amount()).isEqualByComparingTo("65000");
    // Weighted beside them: 5,000; 27,000 + 5,000; + 10,000; + 1,000.
    assertThat(f.rollups().get(COMMIT).weighted()).isEqualByComparingTo("32000");
    assertThat(f.rollups().get(BEST_CASE).weighted()).isEqualByComparingTo("42000");
    assertThat(f.rollups().get(PIPELINE).weighted()).isEqualByComparingTo("43000");
    assertThat(f.weightedPipeline()).isEqualByComparingTo("43000");
    assertThat(f.rollups().get(OMITTED).amount()).isEqualByComparingTo("0");
    // Quota 50,000: closed 5,000 is 10 %, 45,000 to go.
    Forecast.Attainment quota = f.quota().orElseThrow();
    assertThat(quota.attainment()).isEqualByComparingTo("0.1");
    assertThat(quota.gap()).isEqualByComparingTo("45000");
  }

  @Test
  void everyFigureNamesTheDealsAndTermsBehindIt() {
    Forecast f = Forecaster.forecast(deals(), MODEL, Q4, USD);
    assertThat(f.rollups().get(COMMIT).terms())
        .extracting(Forecast.Term::dealId, t -> t.probability().toPlainString(), t -> t.weighted().stripTrailingZeros().toPlainString())
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("C", "0.9", "27000"), org.assertj.core.groups.Tuple.tuple("D", "1", "5000"));
  }

  @Test
  void dealsThatCannotBeCounted_areExcludedWithTheReason_othersOutOfThePeriodAreSimplyNotIn() {
    Forecast f = Forecaster.forecast(deals(), MODEL, Q4, USD);
    assertThat(f.excluded())
        .containsExactly(
            new Forecast.Excluded("G", "no expected close date"),
            new Forecast.Excluded("H", "in EUR, the forecast is in USD (amounts are not converted)"));
    assertThat(f.rollups().get(PIPELINE).terms()).extracting(Forecast.Term::dealId).doesNotContain("F");
  }

  @Test
  void anEmptyPipeline_isAllZeros_andTheWholeQuotaIsTheGap() {
    Forecast f = Forecaster.forecast(List.of(), MODEL, Q4, USD, Optional.of(n("1000")));
    assertThat(f.weightedPipeline()).isEqualByComparingTo("0");
    assertThat(f.rollups().get(PIPELINE).terms()).isEmpty();
    assertThat(f.quota().orElseThrow().attainment()).isEqualByComparingTo("0");
    assertThat(f.quota().orElseThrow().gap()).isEqualByComparingTo("1000");
  }

  @Test
  void allLost_countsNothing_butTheyStayVisibleAsOmitted() {
    List<Deal> lost = List.of(Deal.of("X", "100", "USD", "Closed-Lost", IN_Q4, "ada"), Deal.of("Y", "200", "USD", "Closed-Lost", IN_Q4, "ada"));
    Forecast f = Forecaster.forecast(lost, MODEL, Q4, USD);
    assertThat(f.rollups().get(PIPELINE).amount()).isEqualByComparingTo("0");
    assertThat(f.categories().get(OMITTED).amount()).isEqualByComparingTo("300");
  }

  @Test
  void aSingleDealWithItsOwnCategory_countsThere_andAWonDealIsAlwaysClosedAtOne() {
    List<Deal> deals =
        List.of(
            Deal.of("P", "1000", "USD", "Proposal", IN_Q4, "ada").withCategory(COMMIT),
            Deal.of("W", "500", "USD", "Closed-Won", IN_Q4, "ada").withProbability(n("0.3")).withCategory(PIPELINE));
    Forecast f = Forecaster.forecast(deals, MODEL, Q4, USD);
    assertThat(f.categories().get(COMMIT).weighted()).isEqualByComparingTo("500"); // 1,000 × 50 %
    assertThat(f.categories().get(CLOSED).weighted()).isEqualByComparingTo("500"); // 500 × 1
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no amount     |       | USD | Lead     | no amount",
        "negative      | -5    | USD | Lead     | negative amount -5",
        "no currency   | 10    |     | Lead     | no currency",
        "no stage      | 10    | USD |          | no stage",
        "unknown stage | 10    | USD | Dreaming | unknown stage 'Dreaming'",
      })
  void incompleteDeals_areExcludedWithTheirReason(String what, String amount, String currency, String stage, String reason) {
    Forecast f = Forecaster.forecast(List.of(Deal.of("Z", amount, currency, stage, IN_Q4, "ada")), MODEL, Q4, USD);
    assertThat(f.excluded()).containsExactly(new Forecast.Excluded("Z", reason));
  }

  @ParameterizedTest(name = "{0} with the fiscal year starting in {1} is {2}")
  @CsvSource({
    "2026-11-23, JANUARY, FY2026 Q4, 2026-10-01",
    "2026-11-23, FEBRUARY, FY2027 Q4, 2026-11-01",
    "2026-01-15, FEBRUARY, FY2026 Q4, 2025-11-01",
    "2026-04-01, APRIL, FY2027 Q1, 2026-04-01",
    "2026-03-31, APRIL, FY2026 Q4, 2026-01-01",
  })
  void fiscalQuarters(LocalDate date, Month fiscalStart, String label, LocalDate start) {
    Period quarter = Period.quarterOf(date, fiscalStart);
    assertThat(quarter.label()).isEqualTo(label);
    assertThat(quarter.start()).isEqualTo(start);
    assertThat(quarter.end()).isEqualTo(start.plusMonths(3));
    assertThat(quarter.contains(date)).isTrue();
  }

  @Test
  void rollUpMembership() {
    assertThat(CLOSED.countsIn(PIPELINE)).isTrue();
    assertThat(COMMIT.countsIn(BEST_CASE)).isTrue();
    assertThat(BEST_CASE.countsIn(COMMIT)).isFalse();
    assertThat(PIPELINE.countsIn(CLOSED)).isFalse();
    assertThat(OMITTED.countsIn(PIPELINE)).isFalse();
  }

  @Test
  void asOfToday_anOpenDealPastItsCloseCountsInTheCurrentPeriodAsPastDue_notInItsOldOne_andClosedDealsStayWhereTheyClosed() {
    LocalDate today = LocalDate.of(2026, 11, 23);
    Period q3 = Period.quarterOf(LocalDate.of(2026, 8, 1), Month.JANUARY);
    List<Deal> deals =
        List.of(
            Deal.of("late", "120000", "USD", "Negotiation", LocalDate.of(2026, 9, 30), "ada"),
            Deal.of("won", "5000", "USD", "Closed-Won", LocalDate.of(2026, 9, 1), "ada"),
            Deal.of("soon", "1000", "USD", "Lead", IN_Q4, "ada"));

    Forecast now = Forecaster.forecast(deals, MODEL, Q4, USD, Optional.empty(), today);
    assertThat(now.rollups().get(PIPELINE).terms()).extracting(Forecast.Term::dealId).containsExactlyInAnyOrder("late", "soon");
    assertThat(now.pastDue()).containsExactly(new Forecast.PastDue("late", LocalDate.of(2026, 9, 30), 54));

    Forecast before = Forecaster.forecast(deals, MODEL, q3, USD, Optional.empty(), today);
    assertThat(before.rollups().get(PIPELINE).terms()).extracting(Forecast.Term::dealId).containsExactly("won");
    assertThat(before.pastDue()).isEmpty();

    // Without a date (the embedder's old call), deals stay in the period of their close date.
    assertThat(Forecaster.forecast(deals, MODEL, q3, USD).rollups().get(PIPELINE).terms()).extracting(Forecast.Term::dealId).containsExactlyInAnyOrder("late", "won");
  }
}
