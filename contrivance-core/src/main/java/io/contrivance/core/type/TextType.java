package io.contrivance.core.type;

import java.text.Normalizer;

/** Plain and long text. Values are stripped of outer white space and stored in Unicode NFC. */
final class TextType extends TextColumnType {

  static final int TEXT_MAX_LENGTH = 1_000;
  static final int LONG_TEXT_MAX_LENGTH = 100_000;

  private final int maxLength;

  TextType(String id, int maxLength) {
    super(id);
    this.maxLength = maxLength;
  }

  @Override
  protected ParseResult parseNonBlank(String text, TextFormat format) {
    return check(text);
  }

  @Override
  public ParseResult convert(CellValue value, ColumnType from) {
    // Every value has a text form, so conversion to text never fails (unless it is too long).
    return value instanceof CellValue.Text ? accept(value) : parse(from.format(value, TextFormat.ISO), TextFormat.ISO);
  }

  /** Text below U+0300 (Latin, no combining marks) is always in NFC; checking that is much cheaper. */
  private static boolean isSurelyNfc(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x300) {
        return false;
      }
    }
    return true;
  }

  private ParseResult check(String text) {
    if (text.isEmpty()) {
      return ParseResult.valid(CellValue.BLANK);
    }
    // A string has at most as many code points as chars: count code points only when it could matter.
    if (text.length() > maxLength && (text.length() > 2 * maxLength || text.codePointCount(0, text.length()) > maxLength)) {
      return ParseResult.invalid(
          ErrorCodes.TOO_LONG, "text is longer than " + maxLength + " characters");
    }
    String normalized = isSurelyNfc(text) || Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    return ParseResult.valid(new CellValue.Text(normalized));
  }
}
