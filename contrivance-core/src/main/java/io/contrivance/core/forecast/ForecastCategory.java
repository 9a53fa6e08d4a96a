package io.contrivance.core.forecast;

/**
 * Where a deal counts in a forecast. The categories nest as roll-ups: Closed ⊂ Commit ⊂ Best Case ⊂
 * Pipeline, so the Commit roll-up is what is committed plus what is already closed, and so on.
 * Omitted deals (lost, or left out on purpose) count in none.
 */
public enum ForecastCategory {
  PIPELINE,
  BEST_CASE,
  COMMIT,
  CLOSED,
  OMITTED;

  /** Whether a deal in this category counts in the roll-up of {@code rollup}. */
  public boolean countsIn(ForecastCategory rollup) {
    if (this == OMITTED || rollup == OMITTED) {
      return false;
    }
    return ordinal() >= rollup.ordinal();
  }
}
