package io.contrivance.plugins.columntypes;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.core.type.TypeSettings;
import io.contrivance.core.type.ValueKind;
import java.math.BigDecimal;
import java.util.Map;

/** Whole stars from 1 to {@code max}; typed as a number or as that many ★. */
record RatingType(int max) implements ColumnType {

  static final String ID = "rating";
  static final String OUT_OF_RANGE = "out_of_range";

  static RatingType of(TypeSettings settings) {
    return new RatingType(settings.integer("max", 5, 2, 10));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ValueKind kind() {
    return ValueKind.DECIMAL;
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("max", max);
  }

  @Override
  public ParseResult parse(String text, TextFormat format) {
    String t = text.strip();
    if (t.isEmpty()) {
      return ParseResult.valid(CellValue.BLANK);
    }
    if (t.chars().allMatch(c -> c == '★')) {
      return stars(BigDecimal.valueOf(t.length()));
    }
    try {
      return stars(new BigDecimal(t));
    } catch (NumberFormatException e) {
      return ParseResult.invalid("type_mismatch", "'" + text + "' is not a rating from 1 to " + max);
    }
  }

  @Override
  public String format(CellValue value, TextFormat format) {
    return value instanceof CellValue.Decimal d ? d.value().toPlainString() : "";
  }

  @Override
  public ParseResult accept(CellValue value) {
    if (value.isBlank()) {
      return ParseResult.valid(value);
    }
    if (value instanceof CellValue.Decimal d) {
      return stars(d.value());
    }
    return ParseResult.invalid("type_mismatch", "a rating is a whole number from 1 to " + max);
  }

  private ParseResult stars(BigDecimal n) {
    if (n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.ONE) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
      return ParseResult.invalid(OUT_OF_RANGE, "a rating is a whole number from 1 to " + max + ", was " + n.toPlainString());
    }
    return ParseResult.valid(CellValue.decimal(n));
  }
}
