package io.contrivance.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsAndSimulationTest {

  /**
   * Q4 2026: W1 won 10,000 after 60 days (created 2 Sep, closed 1 Nov); W2 won 20,000 after 30 days;
   * L1 lost; W3 was won last quarter (not counted); O1 and O2 are open.
   */
  static List<Deal> deals() {
    return List.of(
        Deal.of("W1", "10000", "USD", "Closed-Won", LocalDate.of(2026, 11, 1), "ada").withCreated(LocalDate.of(2026, 9, 2)),
        Deal.of("W2", "20000", "USD", "Closed-Won", LocalDate.of(2026, 12, 1), "ada").withCreated(LocalDate.of(2026, 11, 1)),
        Deal.of("L1", "5000", "USD", "Closed-Lost", LocalDate.of(2026, 10, 15), "bob"),
        Deal.of("W3", "99999", "USD", "Closed-Won", LocalDate.of(2026, 7, 1), "bob"),
        Deal.of("O1", "1000", "USD", "Lead", LocalDate.of(2027, 2, 1), "bob"),
        Deal.of("O2", "2000", "USD", "Proposal", LocalDate.of(2026, 12, 20), "ada"));
  }

  @Test
  void winRate_dealSize_cycle_andVelocity_byHand() {
    Metrics m = Metrics.of(deals(), ForecasterTest.MODEL, ForecasterTest.Q4, ForecasterTest.USD);
    assertThat(m.won()).containsExactly("W1", "W2");
    assertThat(m.lost()).containsExactly("L1");
    assertThat(m.openDeals()).containsExactly("O1", "O2");
    assertThat(m.winRate().orElseThrow()).isEqualByComparingTo("0.666667"); // 2 of 3 closed
    assertThat(m.averageDealSize().orElseThrow()).isEqualByComparingTo("15000"); // 30,000 / 2
    assertThat(m.salesCycleDays().orElseThrow()).isEqualByComparingTo("45"); // (60 + 30) / 2
    // 2 open × 2/3 × 15,000 / 45 days = 20,000 / 45 = 444.444444 per day
    assertThat(m.velocityPerDay().orElseThrow()).isEqualByComparingTo("444.444444");
  }

  @Test
  void withNothingClosed_theRatesAreUnknown_notZero() {
    Metrics m = Metrics.of(List.of(Deal.of("O", "10", "USD", "Lead", LocalDate.of(2026, 12, 1), "ada")), ForecasterTest.MODEL, ForecasterTest.Q4, ForecasterTest.USD);
    assertThat(m.winRate()).isEmpty();
    assertThat(m.averageDealSize()).isEmpty();
    assertThat(m.velocityPerDay()).isEmpty();
  }

  @Test
  void allLost_winRateIsZero_andThereIsNoAverageSize() {
    List<Deal> lost = List.of(Deal.of("L", "10", "USD", "Closed-Lost", LocalDate.of(2026, 12, 1), "ada"));
    Metrics m = Metrics.of(lost, ForecasterTest.MODEL, ForecasterTest.Q4, ForecasterTest.USD);
    assertThat(m.winRate().orElseThrow()).isEqualByComparingTo("0");
    assertThat(m.averageDealSize()).isEmpty();
  }

  @Test
  void monteCarlo_isReproducibleFromItsSeed() {
    Forecast f = Forecaster.forecast(ForecasterTest.deals(), ForecasterTest.MODEL, ForecasterTest.Q4, ForecasterTest.USD);
    assertThat(MonteCarlo.of(f, 5_000, 42)).isEqualTo(MonteCarlo.of(f, 5_000, 42));
    assertThat(MonteCarlo.of(f, 5_000, 42)).isNotEqualTo(MonteCarlo.of(f, 5_000, 43));
  }

  @Test
  void monteCarlo_meanConvergesToTheWeightedPipeline_andPercentilesAreOrdered() {
    Forecast f = Forecaster.forecast(ForecasterTest.deals(), ForecasterTest.MODEL, ForecasterTest.Q4, ForecasterTest.USD);
    MonteCarlo run = MonteCarlo.of(f, 20_000, 7);
    // Weighted pipeline 43,000; the standard error of the mean is about 100 here.
    assertThat(run.mean()).isCloseTo(43_000, within(430.0));
    assertThat(run.p10()).isLessThanOrEqualTo(run.p50());
    assertThat(run.p50()).isLessThanOrEqualTo(run.p90());
    // The closed deal (5,000) is in every trial; everything together is 65,000.
    assertThat(run.p10()).isGreaterThanOrEqualTo(5_000);
    assertThat(run.p90()).isLessThanOrEqualTo(65_000);
  }

  @Test
  void monteCarlo_ofCertainDealsHasNoSpread() {
    List<Deal> won = List.of(Deal.of("W", "500", "USD", "Closed-Won", LocalDate.of(2026, 12, 1), "ada"));
    MonteCarlo run = MonteCarlo.of(Forecaster.forecast(won, ForecasterTest.MODEL, ForecasterTest.Q4, ForecasterTest.USD), 100, 1);
    assertThat(List.of(run.p10(), run.p50(), run.p90(), run.mean())).containsOnly(500.0);
  }
}
