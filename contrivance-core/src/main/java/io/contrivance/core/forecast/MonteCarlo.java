package io.contrivance.core.forecast;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A distribution of a period's revenue: each trial decides every counted deal at random with its
 * probability (won deals always, lost never) and adds up the amounts won. Reproducible: the same
 * deals, trials and seed give the same result. Its mean tends to the weighted pipeline.
 *
 * @param trials how many trials were run
 * @param seed the seed they were run from
 * @param p10 the revenue that 10 % of trials stayed below
 * @param p50 the median trial
 * @param p90 the revenue that 90 % of trials stayed below
 * @param mean the mean over all trials
 */
public record MonteCarlo(int trials, long seed, double p10, double p50, double p90, double mean) {

  /** Simulates the deals of a forecast's Pipeline roll-up. */
  public static MonteCarlo of(Forecast forecast, int trials, long seed) {
    return of(forecast.rollups().get(ForecastCategory.PIPELINE).terms(), trials, seed);
  }

  /** Simulates the given terms. */
  public static MonteCarlo of(List<Forecast.Term> terms, int trials, long seed) {
    if (trials < 1) {
      throw new IllegalArgumentException("at least one trial, got " + trials);
    }
    int n = terms.size();
    double[] amounts = new double[n];
    double[] probabilities = new double[n];
    for (int i = 0; i < n; i++) {
      amounts[i] = terms.get(i).amount().doubleValue();
      probabilities[i] = terms.get(i).probability().doubleValue();
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] results = new double[trials];
    double sum = 0;
    for (int t = 0; t < trials; t++) {
      double revenue = 0;
      for (int i = 0; i < n; i++) {
        if (probabilities[i] >= 1 || (probabilities[i] > 0 && random.nextDouble() < probabilities[i])) {
          revenue += amounts[i];
        }
      }
      results[t] = revenue;
      sum += revenue;
    }
    Arrays.sort(results);
    return new MonteCarlo(trials, seed, percentile(results, 0.10), percentile(results, 0.50), percentile(results, 0.90), sum / trials);
  }

  /** The value below which the given share of sorted results falls (nearest rank). */
  private static double percentile(double[] sorted, double share) {
    int rank = (int) Math.ceil(share * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
