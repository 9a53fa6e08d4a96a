package io.contrivance.plugins.columntypes;

import io.contrivance.core.type.AbstractColumnType;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.core.type.TypeSettings;
import io.contrivance.core.type.ValueKind;
import java.math.BigDecimal;
import java.util.Map;

/** Whole stars from 1 to {@code max}; typed as a number or as that many ★. */
final class RatingType extends AbstractColumnType {

  static final String ID = "rating";
  static final String OUT_OF_RANGE = "out_of_range";

  private final int max;

  RatingType(int max) {
    super(ID, ValueKind.DECIMAL);
    this.max = max;
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("max", max);
  }

  static RatingType of(TypeSettings settings) {
    return new RatingType(settings.integer("max", 5, 2, 10));
  }

  @Override
  protected ParseResult parseNonBlank(String t, TextFormat format) {
    if (t.chars().allMatch(c -> c == '★')) {
      return stars(BigDecimal.valueOf(t.length()));
    }
    try {
      return stars(new BigDecimal(t));
    } catch (NumberFormatException e) {
      return ParseResult.invalid("type_mismatch", "'" + t + "' is not a rating from 1 to " + max);
    }
  }

  @Override
  protected String formatNonBlank(CellValue value, TextFormat format) {
    return ((CellValue.Decimal) value).value().toPlainString();
  }

  @Override
  protected ParseResult acceptNonBlank(CellValue value) {
    return value instanceof CellValue.Decimal d ? stars(d.value()) : wrongKind(value);
  }

  private ParseResult stars(BigDecimal n) {
    if (n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.ONE) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
      return ParseResult.invalid(OUT_OF_RANGE, "a rating is a whole number from 1 to " + max + ", was " + n.toPlainString());
    }
    return ParseResult.valid(CellValue.decimal(n));
  }
}
