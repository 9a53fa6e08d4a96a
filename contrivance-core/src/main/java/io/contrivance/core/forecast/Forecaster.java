package io.contrivance.core.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Forecasts a period from deals and a stage model.
 *
 * <p>The rules, in the order they are applied to each deal:
 *
 * <ol>
 *   <li>A deal needs an amount (zero or more), a currency, a known stage and an expected close date;
 *       without one it is excluded, with the reason. Deals in another currency than the forecast's
 *       are excluded too: amounts are never added across currencies, and there are no exchange
 *       rates to convert them.
 *   <li>Deals expected to close outside the period are not part of its forecast (not excluded: they
 *       belong to another period). Given today's date, an open deal whose expected close has passed
 *       is never hidden: it counts in the period that holds today, as past due ({@link
 *       Forecast#pastDue}), and not in the past period of its old date.
 *   <li>A deal's probability is its own when set, else its stage's; won deals count at 1 and lost
 *       ones at 0 whatever is set. Its category is its own when set, else its stage's; won deals
 *       are Closed and lost ones Omitted.
 *   <li>Weighted amount = amount × probability. Category totals add the deals of that category;
 *       roll-ups add every category that counts in them (Closed ⊂ Commit ⊂ Best Case ⊂ Pipeline),
 *       in raw amounts as Salesforce shows them, with weighted amounts beside them.
 * </ol>
 */
public final class Forecaster {

  private Forecaster() {}

  /** The forecast of a period, without a quota. */
  public static Forecast forecast(List<Deal> deals, StageModel model, Period period, Currency currency) {
    return forecast(deals, model, period, currency, Optional.empty());
  }

  /** The forecast of a period, with attainment of the given quota (closed won over quota), without regard to today. */
  public static Forecast forecast(List<Deal> deals, StageModel model, Period period, Currency currency, Optional<BigDecimal> quota) {
    return forecast(deals, model, period, currency, quota, Optional.empty());
  }

  /**
   * The forecast of a period as of today: open deals past their expected close count in the period
   * holding today, flagged past due.
   */
  public static Forecast forecast(List<Deal> deals, StageModel model, Period period, Currency currency, Optional<BigDecimal> quota, LocalDate today) {
    return forecast(deals, model, period, currency, quota, Optional.of(today));
  }

  private static Forecast forecast(List<Deal> deals, StageModel model, Period period, Currency currency, Optional<BigDecimal> quota, Optional<LocalDate> today) {
    Objects.requireNonNull(deals, "deals");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(quota, "quota");
    var excluded = new ArrayList<Forecast.Excluded>();
    var pastDue = new ArrayList<Forecast.PastDue>();
    var terms = new EnumMap<ForecastCategory, List<Forecast.Term>>(ForecastCategory.class);
    for (ForecastCategory category : ForecastCategory.values()) {
      terms.put(category, new ArrayList<>());
    }
    for (Deal deal : deals) {
      Optional<String> problem = problem(deal, model, currency);
      if (problem.isPresent()) {
        excluded.add(new Forecast.Excluded(deal.id(), problem.get()));
        continue;
      }
      Stage stage = model.stage(deal.stage().get()).get();
      LocalDate close = deal.expectedClose().get();
      boolean overdue = today.isPresent() && stage.outcome() == Stage.Outcome.OPEN && close.isBefore(today.get());
      if (!period.contains(overdue ? today.get() : close)) {
        continue;
      }
      if (overdue) {
        pastDue.add(new Forecast.PastDue(deal.id(), close, ChronoUnit.DAYS.between(close, today.get())));
      }
      BigDecimal probability =
          switch (stage.outcome()) {
            case WON -> BigDecimal.ONE;
            case LOST -> BigDecimal.ZERO;
            case OPEN -> deal.probability().orElse(stage.probability());
          };
      ForecastCategory category =
          switch (stage.outcome()) {
            case WON -> ForecastCategory.CLOSED;
            case LOST -> ForecastCategory.OMITTED;
            case OPEN -> deal.category().orElse(stage.category());
          };
      BigDecimal amount = deal.amount().get();
      terms.get(category).add(new Forecast.Term(deal.id(), amount, probability, amount.multiply(probability), category));
    }

    Map<ForecastCategory, Forecast.Total> categories = new EnumMap<>(ForecastCategory.class);
    Map<ForecastCategory, Forecast.Total> rollups = new EnumMap<>(ForecastCategory.class);
    for (ForecastCategory category : ForecastCategory.values()) {
      categories.put(category, total(terms.get(category)));
      var inRollup = new ArrayList<Forecast.Term>();
      for (ForecastCategory member : ForecastCategory.values()) {
        if (member.countsIn(category)) {
          inRollup.addAll(terms.get(member));
        }
      }
      rollups.put(category, total(inRollup));
    }
    BigDecimal weightedPipeline = rollups.get(ForecastCategory.PIPELINE).weighted();
    Optional<Forecast.Attainment> attainment = quota.map(q -> attainment(q, categories.get(ForecastCategory.CLOSED).amount()));
    return new Forecast(period, currency, categories, rollups, weightedPipeline, attainment, excluded, pastDue);
  }

  /** Why a deal cannot be counted, if it cannot. */
  static Optional<String> problem(Deal deal, StageModel model, Currency currency) {
    if (deal.amount().isEmpty()) {
      return Optional.of("no amount");
    }
    if (deal.amount().get().signum() < 0) {
      return Optional.of("negative amount " + deal.amount().get().toPlainString());
    }
    if (deal.currency().isEmpty()) {
      return Optional.of("no currency");
    }
    if (!deal.currency().get().equals(currency)) {
      return Optional.of("in " + deal.currency().get() + ", the forecast is in " + currency + " (amounts are not converted)");
    }
    if (deal.stage().isEmpty()) {
      return Optional.of("no stage");
    }
    if (model.stage(deal.stage().get()).isEmpty()) {
      return Optional.of("unknown stage '" + deal.stage().get() + "'");
    }
    if (deal.probability().isPresent() && (deal.probability().get().signum() < 0 || deal.probability().get().compareTo(BigDecimal.ONE) > 0)) {
      return Optional.of("probability " + deal.probability().get().toPlainString() + " is not between 0 and 1");
    }
    if (deal.expectedClose().isEmpty()) {
      return Optional.of("no expected close date");
    }
    return Optional.empty();
  }

  private static Forecast.Total total(List<Forecast.Term> terms) {
    BigDecimal amount = BigDecimal.ZERO;
    BigDecimal weighted = BigDecimal.ZERO;
    for (Forecast.Term term : terms) {
      amount = amount.add(term.amount());
      weighted = weighted.add(term.weighted());
    }
    return new Forecast.Total(amount.stripTrailingZeros(), weighted.stripTrailingZeros(), terms);
  }

  private static Forecast.Attainment attainment(BigDecimal quota, BigDecimal closed) {
    BigDecimal ratio = quota.signum() == 0 ? BigDecimal.ZERO : closed.divide(quota, MathContext.DECIMAL64).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
    BigDecimal gap = quota.subtract(closed).max(BigDecimal.ZERO).stripTrailingZeros();
    return new Forecast.Attainment(quota, closed, ratio, gap);
  }
}
