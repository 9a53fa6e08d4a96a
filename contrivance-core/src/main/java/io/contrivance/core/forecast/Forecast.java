package io.contrivance.core.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A period's forecast. Every figure can say where it comes from: the deals in it with their amount,
 * probability and weighted amount ({@link Term}).
 *
 * @param period the period forecast (deals expected to close in it)
 * @param currency the forecast's currency; deals in others are excluded (there are no exchange rates)
 * @param categories each category's own deals and totals (not rolled up)
 * @param rollups each roll-up (Closed ⊂ Commit ⊂ Best Case ⊂ Pipeline) in raw and weighted amounts
 * @param weightedPipeline the sum of amount × probability over every deal counted
 * @param quota the owner's or team's quota for the period, with attainment and gap, if one was given
 * @param excluded deals that could not be counted, each with the reason
 * @param pastDue open deals counted in this period although their expected close has passed (only
 *     when the forecast was made as of a date), oldest first
 */
public record Forecast(
    Period period,
    Currency currency,
    Map<ForecastCategory, Total> categories,
    Map<ForecastCategory, Total> rollups,
    BigDecimal weightedPipeline,
    Optional<Attainment> quota,
    List<Excluded> excluded,
    List<PastDue> pastDue) {

  public Forecast {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(currency, "currency");
    categories = Map.copyOf(categories);
    rollups = Map.copyOf(rollups);
    Objects.requireNonNull(weightedPipeline, "weightedPipeline");
    Objects.requireNonNull(quota, "quota");
    excluded = List.copyOf(excluded);
    pastDue = pastDue.stream().sorted(Comparator.comparing(PastDue::expectedClose).thenComparing(PastDue::dealId)).toList();
  }

  /** One deal's part in a figure. */
  public record Term(String dealId, BigDecimal amount, BigDecimal probability, BigDecimal weighted, ForecastCategory category) {}

  /** A figure in raw and weighted amounts, with the terms that add up to it. */
  public record Total(BigDecimal amount, BigDecimal weighted, List<Term> terms) {
    public Total {
      terms = List.copyOf(terms);
    }
  }

  /** An open deal whose expected close passed: counted in the period that holds today, and flagged. */
  public record PastDue(String dealId, LocalDate expectedClose, long daysLate) {}

  /** A deal left out of the forecast, and why. */
  public record Excluded(String dealId, String reason) {}

  /**
   * Progress against a quota: closed (won) amount over the quota, and what is missing.
   *
   * @param attainment closed ÷ quota (0.1 is 10 %); zero when the quota is zero
   * @param gap quota − closed, never below zero
   */
  public record Attainment(BigDecimal quota, BigDecimal closed, BigDecimal attainment, BigDecimal gap) {}
}
