package io.contrivance.core.forecast;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One stage of a pipeline.
 *
 * @param name as it appears in the sheet's stage column
 * @param probability the chance of winning a deal in this stage, 0 to 1
 * @param outcome whether deals here are still open, won or lost
 * @param category where deals in this stage count in a forecast
 */
public record Stage(String name, BigDecimal probability, Outcome outcome, ForecastCategory category) {

  /** Whether a deal in a stage is still open, or closed one way or the other. */
  public enum Outcome {
    OPEN,
    WON,
    LOST
  }

  public Stage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(category, "category");
    if (probability.signum() < 0 || probability.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("a probability is between 0 and 1, was " + probability + " for " + name);
    }
  }
}
