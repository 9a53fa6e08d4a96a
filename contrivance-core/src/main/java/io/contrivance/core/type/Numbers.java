package io.contrivance.core.type;

import java.math.BigDecimal;
import java.util.Objects;

/** Normalization and comparison of decimal values shared by the numeric kinds. */
final class Numbers {

  private Numbers() {}

  /**
   * Strips trailing zeros, never leaves a negative scale (which would print as {@code 1E+3}) and
   * folds every zero, including {@code -0.00}, to {@link BigDecimal#ZERO}.
   */
  static BigDecimal normalize(BigDecimal value) {
    Objects.requireNonNull(value, "value");
    if (value.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (value.scale() <= 0) {
      return value.scale() == 0 ? value : value.setScale(0);
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** Digits before the decimal point of a normalized value (0 for values below 1). */
  static int integerDigits(BigDecimal value) {
    return Math.max(0, value.precision() - value.scale());
  }
}
