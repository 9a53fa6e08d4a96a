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

  /** 2^53: probabilities are compared with 53 random bits. */
  private static final double UNIT = 0x1p53;

  /** Simulates the deals of a forecast's Pipeline roll-up. */
  public static MonteCarlo of(Forecast forecast, int trials, long seed) {
    return of(forecast.rollups().get(ForecastCategory.PIPELINE).terms(), trials, seed);
  }

  /** Simulates the given terms. */
  public static MonteCarlo of(List<Forecast.Term> terms, int trials, long seed) {
    if (trials < 1) {
      throw new IllegalArgumentException("at least one trial, got " + trials);
    }
    // Certain deals (won, or probability 1) are added once; impossible ones left out; only the
    // uncertain ones are drawn. Each draw compares 53 random bits with the probability scaled to
    // 2^53.
    double certain = 0;
    int n = 0;
    double[] amounts = new double[terms.size()];
    long[] thresholds = new long[terms.size()];
    for (Forecast.Term term : terms) {
      double p = term.probability().doubleValue();
      double amount = term.amount().doubleValue();
      if (p >= 1) {
        certain += amount;
      } else if (p > 0) {
        amounts[n] = amount;
        thresholds[n] = (long) (p * UNIT);
        n++;
      }
    }
    // Deal by deal over all trials: each trial's running sum is its own, so the additions do not
    // wait on one another as they would trial by trial. A draw below the threshold makes an
    // all-ones mask that keeps the amount's bits (else zero): no branch, no select, three times
    // faster than a conditional here.
    SplittableRandom random = new SplittableRandom(seed);
    double[] results = new double[trials];
    Arrays.fill(results, certain);
    for (int i = 0; i < n; i++) {
      long threshold = thresholds[i];
      long amountBits = Double.doubleToRawLongBits(amounts[i]);
      for (int t = 0; t < trials; t++) {
        long won = ((random.nextLong() >>> 11) - threshold) >> 63;
        results[t] += Double.longBitsToDouble(amountBits & won);
      }
    }
    double sum = 0;
    for (double result : results) {
      sum += result;
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
