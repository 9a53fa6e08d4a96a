package io.contrivance.plugins.example;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextColumnType;
import io.contrivance.core.type.TextFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An effort estimate as a T-shirt size: {@code XS}, {@code S}, {@code M}, {@code L}, {@code XL},
 * {@code XXL}, typed in any case or as the word ("medium"); stored as the size's letters, so it
 * travels as text, and ordered from small to large (for min and max rules and ordered conditions).
 */
final class TShirtSizeType extends TextColumnType {

  static final String ID = "tshirt";

  static final List<String> SIZES = List.of("XS", "S", "M", "L", "XL", "XXL");

  private static final Map<String, String> WORDS =
      Map.of("extra small", "XS", "small", "S", "medium", "M", "large", "L", "extra large", "XL", "x-large", "XL", "xx-large", "XXL");

  TShirtSizeType() {
    super(ID);
  }

  @Override
  protected ParseResult parseNonBlank(String text, TextFormat format) {
    String size = text.toUpperCase(Locale.ROOT);
    if (SIZES.contains(size)) {
      return ParseResult.valid(CellValue.text(size));
    }
    String word = WORDS.get(text.toLowerCase(Locale.ROOT));
    if (word != null) {
      return ParseResult.valid(CellValue.text(word));
    }
    return ParseResult.invalid("not_a_size", "'" + text + "' is not a T-shirt size (XS, S, M, L, XL or XXL)");
  }

  @Override
  protected ParseResult acceptNonBlank(CellValue value) {
    ParseResult asText = super.acceptNonBlank(value);
    if (!asText.isValid()) {
      return asText;
    }
    return SIZES.contains(((CellValue.Text) value).value()) ? asText : ParseResult.invalid("not_a_size", "not a T-shirt size (XS, S, M, L, XL or XXL)");
  }

  @Override
  public int compare(CellValue a, CellValue b) {
    return Integer.compare(rank(a), rank(b));
  }

  private static int rank(CellValue value) {
    return value instanceof CellValue.Text text ? SIZES.indexOf(text.value()) : -1;
  }
}
