package io.contrivance.core.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * How a pipeline performs: win rate, average deal size, sales cycle length and pipeline velocity.
 *
 * <ul>
 *   <li><b>Win rate</b> = deals won ÷ deals closed (won or lost) with their close date in the
 *       period. Empty when none closed.
 *   <li><b>Average deal size</b> = total won amount ÷ deals won in the period. Empty when none won.
 *   <li><b>Sales cycle</b> = mean days from creation to close over the deals won in the period that
 *       have a creation date. Empty when there are none.
 *   <li><b>Velocity</b> = (open deals × win rate × average deal size) ÷ sales cycle, in currency per
 *       day: what the open pipeline is expected to turn into revenue each day. Open deals are all the
 *       deals in open stages now, whatever their close date. Empty when a factor is empty or the
 *       cycle is zero days.
 * </ul>
 *
 * Deals that cannot be counted (no amount, other currency, unknown stage, no close date) are listed
 * in {@code excluded}, as in {@link Forecaster}.
 *
 * @param openDeals the deals in open stages, each by id (the velocity's first factor)
 * @param won the deals won in the period, by id
 * @param lost the deals lost in the period, by id
 */
public record Metrics(
    Optional<BigDecimal> winRate,
    Optional<BigDecimal> averageDealSize,
    Optional<BigDecimal> salesCycleDays,
    Optional<BigDecimal> velocityPerDay,
    List<String> openDeals,
    List<String> won,
    List<String> lost,
    List<Forecast.Excluded> excluded) {

  private static final MathContext MATH = MathContext.DECIMAL64;

  public Metrics {
    openDeals = List.copyOf(openDeals);
    won = List.copyOf(won);
    lost = List.copyOf(lost);
    excluded = List.copyOf(excluded);
  }

  /** The metrics of a period. */
  public static Metrics of(List<Deal> deals, StageModel model, Period period, Currency currency) {
    var open = new ArrayList<String>();
    var won = new ArrayList<String>();
    var lost = new ArrayList<String>();
    var excluded = new ArrayList<Forecast.Excluded>();
    BigDecimal wonAmount = BigDecimal.ZERO;
    long cycleDays = 0;
    int cycles = 0;
    for (Deal deal : deals) {
      Optional<String> problem = Forecaster.problem(deal, model, currency);
      if (problem.isPresent()) {
        excluded.add(new Forecast.Excluded(deal.id(), problem.get()));
        continue;
      }
      Stage stage = model.stage(deal.stage().get()).get();
      boolean inPeriod = period.contains(deal.expectedClose().get());
      switch (stage.outcome()) {
        case OPEN -> open.add(deal.id());
        case WON -> {
          if (inPeriod) {
            won.add(deal.id());
            wonAmount = wonAmount.add(deal.amount().get());
            if (deal.created().isPresent() && !deal.created().get().isAfter(deal.expectedClose().get())) {
              cycleDays += ChronoUnit.DAYS.between(deal.created().get(), deal.expectedClose().get());
              cycles++;
            }
          }
        }
        case LOST -> {
          if (inPeriod) {
            lost.add(deal.id());
          }
        }
      }
    }
    int closed = won.size() + lost.size();
    Optional<BigDecimal> winRate = closed == 0 ? Optional.empty() : Optional.of(ratio(BigDecimal.valueOf(won.size()), BigDecimal.valueOf(closed)));
    Optional<BigDecimal> average = won.isEmpty() ? Optional.empty() : Optional.of(ratio(wonAmount, BigDecimal.valueOf(won.size())));
    Optional<BigDecimal> cycle = cycles == 0 ? Optional.empty() : Optional.of(ratio(BigDecimal.valueOf(cycleDays), BigDecimal.valueOf(cycles)));
    Optional<BigDecimal> velocity = Optional.empty();
    if (winRate.isPresent() && average.isPresent() && cycle.isPresent() && cycle.get().signum() > 0) {
      // From the exact fractions, not the rounded figures: open × (won ÷ closed) × (won amount ÷ won) ÷ cycle.
      BigDecimal exactCycle = BigDecimal.valueOf(cycleDays).divide(BigDecimal.valueOf(cycles), MATH);
      BigDecimal expected = BigDecimal.valueOf(open.size()).multiply(wonAmount);
      velocity = Optional.of(ratio(expected, BigDecimal.valueOf(closed).multiply(exactCycle)));
    }
    return new Metrics(winRate, average, cycle, velocity, open, won, lost, excluded);
  }

  private static BigDecimal ratio(BigDecimal a, BigDecimal b) {
    return a.divide(b, MATH).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
  }
}
