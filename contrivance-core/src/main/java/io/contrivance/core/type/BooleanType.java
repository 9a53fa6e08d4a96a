package io.contrivance.core.type;

import java.util.Map;
import java.util.TreeMap;

/**
 * Yes or no. Reads {@code true/false}, {@code yes/no}, {@code y/n}, {@code 1/0}, {@code on/off},
 * {@code checked/unchecked} and check marks, in any letter case; shows {@code TRUE} or {@code FALSE}
 * as spreadsheets do.
 */
final class BooleanType extends AbstractColumnType {

  private static final Map<String, CellValue.Bool> WORDS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  static {
    for (String word : new String[] {"true", "yes", "y", "1", "on", "checked", "x", "\u2713", "\u2714"}) {
      WORDS.put(word, CellValue.Bool.TRUE);
    }
    for (String word : new String[] {"false", "no", "n", "0", "off", "unchecked", "\u2717", "\u2718"}) {
      WORDS.put(word, CellValue.Bool.FALSE);
    }
  }

  BooleanType() {
    super("boolean", ValueKind.BOOLEAN);
  }

  @Override
  protected ParseResult parseNonBlank(String text, TextFormat format) {
    CellValue.Bool value = WORDS.get(text);
    return value != null
        ? ParseResult.valid(value)
        : ParseResult.invalid(
            ErrorCodes.TYPE_MISMATCH, "'" + NumberText.shorten(text) + "' is not yes or no (use true/false, yes/no or 1/0)");
  }

  @Override
  protected String formatNonBlank(CellValue value, TextFormat format) {
    return ((CellValue.Bool) value).value() ? "TRUE" : "FALSE";
  }

  @Override
  protected ParseResult acceptNonBlank(CellValue value) {
    if (value instanceof CellValue.Bool bool) {
      return ParseResult.valid(CellValue.bool(bool.value()));
    }
    return wrongKind(value);
  }
}
