package io.contrivance.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendForecastTest {

  /** The series of the NIST/SEMATECH e-Handbook's double exponential smoothing example (6.4.3.3). */
  static final List<Double> NIST = List.of(6.4, 5.6, 7.8, 8.8, 11.0, 11.6, 16.7, 15.3, 21.6, 22.4);

  static final YearMonth JAN = YearMonth.of(2026, 1);

  @Test
  void holt_reproducesTheHandbooksWorkedExample() {
    // The handbook uses α = 0.3623, γ = 1.0, S1 = y1 = 6.4 and b1 = the mean of the first three
    // differences = 0.8, and tabulates the smoothed values to one decimal.
    TrendForecast holt = TrendForecast.with(JAN, NIST, 0.3623, 1.0, 1);
    double[] published = {6.4, 6.6, 7.2, 8.1, 9.8, 11.5, 14.5, 16.7, 19.9, 22.8};
    assertThat(holt.fitted()).hasSize(10);
    for (int t = 0; t < published.length; t++) {
      assertThat(holt.fitted().get(t).level()).as("S%d", t + 1).isCloseTo(published[t], within(0.05));
    }
    assertThat(holt.fitted().get(0).trend()).isCloseTo(0.8, within(1e-12));
    // The one-step-ahead forecasts behind the MSE: F(t+1) = S(t) + b(t); F2 = 6.4 + 0.8.
    assertThat(holt.fitted().get(1).oneStepAhead()).hasValueSatisfying(f -> assertThat(f).isCloseTo(7.2, within(1e-9)));
  }

  @Test
  void fit_findsTheHandbooksConstants() {
    TrendForecast holt = TrendForecast.fit(JAN, NIST, 3);
    // The handbook gives α = 0.3623 and γ = 1.0 as the constants with the lowest MSE.
    assertThat(holt.alpha()).isCloseTo(0.3623, within(0.002));
    assertThat(holt.beta()).isCloseTo(1.0, within(0.002));
    assertThat(holt.mse()).isLessThanOrEqualTo(TrendForecast.with(JAN, NIST, 0.3623, 1.0, 0).mse() + 1e-9);
    assertThat(holt.forecast()).extracting(TrendForecast.Projected::month).containsExactly(YearMonth.of(2026, 11), YearMonth.of(2026, 12), YearMonth.of(2027, 1));
    // h months ahead: S(n) + h·b(n).
    assertThat(holt.forecast().get(2).value()).isCloseTo(holt.level() + 3 * holt.trend(), within(1e-9));
  }

  @Test
  void aStraightLine_isFittedExactly_andExtended() {
    TrendForecast holt = TrendForecast.fit(JAN, List.of(100.0, 110.0, 120.0, 130.0, 140.0), 2);
    assertThat(holt.mse()).isCloseTo(0, within(1e-9));
    assertThat(holt.forecast()).extracting(TrendForecast.Projected::value).containsExactly(150.0, 160.0);
  }

  @Test
  void tooShortASeries_isRefused() {
    assertThatThrownBy(() -> TrendForecast.fit(JAN, List.of(1.0, 2.0), 1)).hasMessageContaining("at least 3");
  }

  @Test
  void wonRevenue_addsWinsByCloseMonth_withZeroForMonthsWithout() {
    var deals =
        List.of(
            Deal.of("a", "100", "USD", "Closed-Won", LocalDate.of(2026, 1, 5), "ada"),
            Deal.of("b", "50", "USD", "Closed-Won", LocalDate.of(2026, 1, 30), "ada"),
            Deal.of("c", "300", "USD", "Closed-Won", LocalDate.of(2026, 3, 2), "ada"),
            Deal.of("d", "999", "USD", "Closed-Lost", LocalDate.of(2026, 2, 2), "ada"),
            Deal.of("e", "999", "USD", "Negotiation", LocalDate.of(2026, 2, 2), "ada"));
    TrendForecast trend = TrendForecast.wonRevenue(deals, StageModel.salesPipeline(), ForecasterTest.USD, JAN, YearMonth.of(2026, 3), 1).orElseThrow();
    assertThat(trend.fitted()).extracting(TrendForecast.Fitted::actual).containsExactly(150.0, 0.0, 300.0);
    assertThat(TrendForecast.wonRevenue(deals, StageModel.salesPipeline(), ForecasterTest.USD, JAN, YearMonth.of(2026, 2), 1)).isEmpty();
  }
}
