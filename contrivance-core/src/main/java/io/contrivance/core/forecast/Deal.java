package io.contrivance.core.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * A deal as the forecast sees it, read from a sheet's row through a column mapping. Anything may be
 * missing: the forecast reports such deals as excluded, with the reason, rather than guessing.
 *
 * @param id the row id
 * @param amount the deal value, if set
 * @param currency the value's currency, if set
 * @param stage the stage name, if set
 * @param expectedClose when it is expected to close (or closed), if set
 * @param owner who owns it, if set
 * @param probability the deal's own probability (0 to 1), overriding its stage's, if set
 * @param category the deal's own forecast category, overriding its stage's, if set
 * @param created when the deal was created (the start of its sales cycle), if known
 */
public record Deal(
    String id,
    Optional<BigDecimal> amount,
    Optional<Currency> currency,
    Optional<String> stage,
    Optional<LocalDate> expectedClose,
    Optional<String> owner,
    Optional<BigDecimal> probability,
    Optional<ForecastCategory> category,
    Optional<LocalDate> created) {

  public Deal {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(expectedClose, "expectedClose");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(probability, "probability");
    Objects.requireNonNull(category, "category");
  }

  /** A deal with the usual fields set and no overrides. */
  public static Deal of(String id, String amount, String currency, String stage, LocalDate expectedClose, String owner) {
    return new Deal(
        id,
        Optional.ofNullable(amount).map(BigDecimal::new),
        Optional.ofNullable(currency).map(Currency::getInstance),
        Optional.ofNullable(stage),
        Optional.ofNullable(expectedClose),
        Optional.ofNullable(owner),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The same deal with its own probability. */
  public Deal withProbability(BigDecimal value) {
    return new Deal(id, amount, currency, stage, expectedClose, owner, Optional.of(value), category, created);
  }

  /** The same deal with its own forecast category. */
  public Deal withCategory(ForecastCategory value) {
    return new Deal(id, amount, currency, stage, expectedClose, owner, probability, Optional.of(value), created);
  }

  /** The same deal with its creation date. */
  public Deal withCreated(LocalDate value) {
    return new Deal(id, amount, currency, stage, expectedClose, owner, probability, category, Optional.of(value));
  }
}
