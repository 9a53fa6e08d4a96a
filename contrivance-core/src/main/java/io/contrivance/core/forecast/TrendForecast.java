package io.contrivance.core.forecast;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trend forecast of a monthly series by Holt's linear method (double exponential smoothing), as in
 * the NIST/SEMATECH e-Handbook of Statistical Methods, section 6.4.3.3:
 *
 * <pre>
 *   level  S(t) = α·y(t) + (1 − α)·(S(t−1) + b(t−1))
 *   trend  b(t) = β·(S(t) − S(t−1)) + (1 − β)·b(t−1)
 *   S(1) = y(1),  b(1) = the mean of the first three differences (fewer when the series is shorter)
 *   one step ahead  F(t+1) = S(t) + b(t);   h steps ahead  S(n) + h·b(n)
 * </pre>
 *
 * {@link #fit} chooses α and β in [0, 1] that minimise the squared one-step-ahead errors (a 0.01 grid,
 * then a 0.0001 grid around its best), the handbook's criterion. No seasonality: sales series are
 * rarely long enough here to estimate twelve seasonal indices.
 *
 * @param alpha the level's smoothing constant
 * @param beta the trend's smoothing constant
 * @param level the last level S(n)
 * @param trend the last trend b(n), per month
 * @param fitted each month of the series with its actual value and the one-step-ahead forecast made
 *     for it (empty for the first month)
 * @param forecast the months after the series with their forecast
 * @param mse the mean squared one-step-ahead error over months 2 to n
 * @param mae the mean absolute one-step-ahead error over months 2 to n
 */
public record TrendForecast(double alpha, double beta, double level, double trend, List<Fitted> fitted, List<Projected> forecast, double mse, double mae) {

  /** A month of the series: what happened and what had been forecast for it one month before. */
  public record Fitted(YearMonth month, double actual, Optional<Double> oneStepAhead, double level, double trend) {}

  /** A month beyond the series and its forecast. */
  public record Projected(YearMonth month, double value) {}

  public TrendForecast {
    fitted = List.copyOf(fitted);
    forecast = List.copyOf(forecast);
  }

  /** The fewest months a trend can be fitted to. */
  public static final int MIN_MONTHS = 3;

  /** Holt's method with the constants that fit the series best; see the class comment. */
  public static TrendForecast fit(YearMonth first, List<Double> values, int horizon) {
    double[] y = series(values);
    double bestAlpha = 0;
    double bestBeta = 0;
    double best = Double.POSITIVE_INFINITY;
    for (int a = 0; a <= 100; a++) {
      for (int b = 0; b <= 100; b++) {
        double sse = sse(y, a / 100.0, b / 100.0);
        if (sse < best) {
          best = sse;
          bestAlpha = a / 100.0;
          bestBeta = b / 100.0;
        }
      }
    }
    double coarseAlpha = bestAlpha;
    double coarseBeta = bestBeta;
    for (int a = -100; a <= 100; a++) {
      for (int b = -100; b <= 100; b++) {
        double alpha = coarseAlpha + a / 10_000.0;
        double beta = coarseBeta + b / 10_000.0;
        if (alpha < 0 || alpha > 1 || beta < 0 || beta > 1) {
          continue;
        }
        double sse = sse(y, alpha, beta);
        if (sse < best) {
          best = sse;
          bestAlpha = alpha;
          bestBeta = beta;
        }
      }
    }
    return with(first, values, Math.round(bestAlpha * 10_000) / 10_000.0, Math.round(bestBeta * 10_000) / 10_000.0, horizon);
  }

  /** Holt's method with given constants. */
  public static TrendForecast with(YearMonth first, List<Double> values, double alpha, double beta, int horizon) {
    Objects.requireNonNull(first, "first");
    double[] y = series(values);
    if (!(alpha >= 0 && alpha <= 1 && beta >= 0 && beta <= 1)) {
      throw new IllegalArgumentException("smoothing constants are between 0 and 1, got alpha " + alpha + " and beta " + beta);
    }
    if (horizon < 0) {
      throw new IllegalArgumentException("the horizon cannot be negative, got " + horizon);
    }
    var fitted = new ArrayList<Fitted>(y.length);
    double level = y[0];
    double trend = initialTrend(y);
    fitted.add(new Fitted(first, y[0], Optional.empty(), level, trend));
    double squared = 0;
    double absolute = 0;
    for (int t = 1; t < y.length; t++) {
      double ahead = level + trend;
      double error = y[t] - ahead;
      squared += error * error;
      absolute += Math.abs(error);
      double previous = level;
      level = alpha * y[t] + (1 - alpha) * (level + trend);
      trend = beta * (level - previous) + (1 - beta) * trend;
      fitted.add(new Fitted(first.plusMonths(t), y[t], Optional.of(ahead), level, trend));
    }
    var forecast = new ArrayList<Projected>(horizon);
    for (int h = 1; h <= horizon; h++) {
      forecast.add(new Projected(first.plusMonths(y.length - 1L + h), level + h * trend));
    }
    int errors = y.length - 1;
    return new TrendForecast(alpha, beta, level, trend, fitted, forecast, squared / errors, absolute / errors);
  }

  /**
   * The trend of closed-won revenue per month, from {@code first} through {@code last} (months
   * without a win count as zero), projected {@code horizon} months beyond. Won deals count in the
   * month of their close date; deals that cannot be counted are left out as in {@link Forecaster}.
   * Empty when the range holds fewer than {@link #MIN_MONTHS} months.
   */
  public static Optional<TrendForecast> wonRevenue(List<Deal> deals, StageModel model, Currency currency, YearMonth first, YearMonth last, int horizon) {
    int months = (int) (first.until(last, ChronoUnit.MONTHS) + 1);
    if (months < MIN_MONTHS) {
      return Optional.empty();
    }
    BigDecimal[] totals = new BigDecimal[months];
    Arrays.fill(totals, BigDecimal.ZERO);
    for (Deal deal : deals) {
      if (Forecaster.problem(deal, model, currency).isPresent() || model.stage(deal.stage().get()).get().outcome() != Stage.Outcome.WON) {
        continue;
      }
      long index = first.until(YearMonth.from(deal.expectedClose().get()), ChronoUnit.MONTHS);
      if (index >= 0 && index < months) {
        totals[(int) index] = totals[(int) index].add(deal.amount().get());
      }
    }
    var values = new ArrayList<Double>(months);
    for (BigDecimal total : totals) {
      values.add(total.doubleValue());
    }
    return Optional.of(fit(first, values, horizon));
  }

  private static double[] series(List<Double> values) {
    if (values.size() < MIN_MONTHS) {
      throw new IllegalArgumentException("a trend needs at least " + MIN_MONTHS + " values, got " + values.size());
    }
    double[] y = new double[values.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = values.get(i);
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("value " + (i + 1) + " is not a number: " + y[i]);
      }
    }
    return y;
  }

  /** The mean of the first three differences, as the handbook suggests (fewer for short series). */
  private static double initialTrend(double[] y) {
    int differences = Math.min(3, y.length - 1);
    return (y[differences] - y[0]) / differences;
  }

  private static double sse(double[] y, double alpha, double beta) {
    double level = y[0];
    double trend = initialTrend(y);
    double sum = 0;
    for (int t = 1; t < y.length; t++) {
      double error = y[t] - (level + trend);
      sum += error * error;
      double previous = level;
      level = alpha * y[t] + (1 - alpha) * (level + trend);
      trend = beta * (level - previous) + (1 - beta) * trend;
    }
    return sum;
  }
}
