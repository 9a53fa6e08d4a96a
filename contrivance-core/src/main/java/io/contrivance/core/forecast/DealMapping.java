package io.contrivance.core.forecast;

import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.Templates;
import io.contrivance.core.type.CellValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which columns of a sheet hold a deal's fields, and how cells become a {@link Deal}.
 *
 * <p>Amounts come from currency cells (with their currency) or plain numbers (in {@code currency},
 * when set); stages and owners from select or text cells; dates from date or date-time cells (the
 * date part); probabilities from percent cells or numbers from 0 to 1; forecast categories from text
 * naming one ("Best Case", "best_case"). A cell of another kind reads as missing, which the forecast
 * then reports; an unknown category override is ignored and the stage's category applies.
 *
 * @param currency the currency of plain-number amounts, if any
 */
public record DealMapping(
    ColumnId amount,
    ColumnId stage,
    ColumnId expectedClose,
    Optional<ColumnId> owner,
    Optional<ColumnId> probability,
    Optional<ColumnId> category,
    Optional<ColumnId> created,
    Optional<Currency> currency) {

  public DealMapping {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(expectedClose, "expectedClose");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(probability, "probability");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(currency, "currency");
  }

  /** The Sales pipeline template's columns: Deal Value, Stage, Expected Close, Owner, Probability. */
  public static DealMapping salesPipeline() {
    return new DealMapping(
        Templates.DEAL_VALUE,
        Templates.STAGE,
        Templates.EXPECTED_CLOSE,
        Optional.of(Templates.OWNER),
        Optional.of(Templates.PROBABILITY),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * The deal a row holds.
   *
   * @param rowCreated when the row was created, used as the deal's creation date unless a created
   *     column is mapped
   */
  public Deal read(Row row, Optional<LocalDate> rowCreated) {
    Optional<BigDecimal> value = Optional.empty();
    Optional<Currency> in = Optional.empty();
    CellValue cell = row.cell(amount);
    if (cell instanceof CellValue.Money money) {
      value = Optional.of(money.amount());
      in = Optional.of(money.currency());
    } else if (cell instanceof CellValue.Decimal decimal) {
      value = Optional.of(decimal.value());
      in = currency;
    }
    return new Deal(
        row.id().value(),
        value,
        in,
        text(row.cell(stage)),
        date(row.cell(expectedClose)),
        owner.flatMap(c -> text(row.cell(c))),
        probability.flatMap(c -> fraction(row.cell(c))),
        category.flatMap(c -> text(row.cell(c))).flatMap(DealMapping::categoryNamed),
        created.isPresent() ? date(row.cell(created.get())) : rowCreated);
  }

  private static Optional<String> text(CellValue cell) {
    if (cell instanceof CellValue.Choice choice) {
      return Optional.of(choice.option());
    }
    if (cell instanceof CellValue.Text text && !text.value().isBlank()) {
      return Optional.of(text.value().strip());
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> date(CellValue cell) {
    if (cell instanceof CellValue.Date date) {
      return Optional.of(date.value());
    }
    if (cell instanceof CellValue.DateTime dateTime) {
      return Optional.of(dateTime.value().toLocalDate());
    }
    return Optional.empty();
  }

  private static Optional<BigDecimal> fraction(CellValue cell) {
    if (cell instanceof CellValue.Percent percent) {
      return Optional.of(percent.fraction());
    }
    if (cell instanceof CellValue.Decimal decimal) {
      return Optional.of(decimal.value());
    }
    return Optional.empty();
  }

  /** The category a name like "Best Case", "best-case" or "BEST_CASE" means, if any. */
  public static Optional<ForecastCategory> categoryNamed(String name) {
    String key = name.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    for (ForecastCategory category : ForecastCategory.values()) {
      if (category.name().equals(key)) {
        return Optional.of(category);
      }
    }
    return Optional.empty();
  }
}
