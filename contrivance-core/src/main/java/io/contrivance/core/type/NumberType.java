package io.contrivance.core.type;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decimal numbers. With {@code decimals} set, input with more fraction digits is rounded half-up
 * (as spreadsheets do) and values are shown with exactly that many digits; {@code integer} rejects
 * fractions instead.
 */
final class NumberType extends AbstractColumnType {

  static final int ANY_DECIMALS = -1;

  private final int decimals;
  private final boolean integerOnly;

  NumberType(int decimals, boolean integerOnly) {
    super("number", ValueKind.DECIMAL);
    if (decimals < ANY_DECIMALS || decimals > NumberText.MAX_FRACTION_DIGITS) {
      throw new InvalidDefinitionException(
          "decimals must be between 0 and " + NumberText.MAX_FRACTION_DIGITS + ", was " + decimals);
    }
    this.decimals = integerOnly ? 0 : decimals;
    this.integerOnly = integerOnly;
  }

  @Override
  public Map<String, Object> settings() {
    var settings = new LinkedHashMap<String, Object>();
    if (integerOnly) {
      settings.put("integer", true);
    } else if (decimals != ANY_DECIMALS) {
      settings.put("decimals", decimals);
    }
    return Map.copyOf(settings);
  }

  @Override
  protected ParseResult parseNonBlank(String text, TextFormat format) {
    NumberText.Outcome outcome = NumberText.parse(text, format);
    if (!outcome.ok()) {
      return ParseResult.invalid(outcome.code(), outcome.error());
    }
    return check(outcome.number(), text);
  }

  @Override
  protected String formatNonBlank(CellValue value, TextFormat format) {
    return NumberText.format(((CellValue.Decimal) value).value(), Math.max(decimals, 0), format);
  }

  @Override
  protected ParseResult acceptNonBlank(CellValue value) {
    if (value instanceof CellValue.Decimal number) {
      BigDecimal n = number.value();
      if (NumberText.fits(n) && (decimals == ANY_DECIMALS || n.scale() <= decimals)) {
        return ParseResult.valid(value);
      }
      NumberText.Outcome outcome = NumberText.withinLimits(n, n.toPlainString());
      return outcome.ok() ? check(n, n.toPlainString()) : ParseResult.invalid(outcome.code(), outcome.error());
    }
    return wrongKind(value);
  }

  @Override
  public ParseResult convert(CellValue value, ColumnType from) {
    if (value instanceof CellValue.Money money) {
      return accept(new CellValue.Decimal(money.amount()));
    }
    if (value instanceof CellValue.Percent percent) {
      return accept(new CellValue.Decimal(percent.points()));
    }
    return super.convert(value, from);
  }

  private ParseResult check(BigDecimal number, String shownAs) {
    if (integerOnly && number.scale() > 0) {
      return ParseResult.invalid(
          ErrorCodes.NOT_AN_INTEGER, "'" + NumberText.shorten(shownAs) + "' is not a whole number");
    }
    if (decimals != ANY_DECIMALS && number.scale() > decimals) {
      number = number.setScale(decimals, RoundingMode.HALF_UP);
    }
    return ParseResult.valid(new CellValue.Decimal(number));
  }

  @Override
  protected String describe() {
    return integerOnly ? "whole number" : "number";
  }
}
