package io.contrivance.core.type;

import java.text.Normalizer;

/** Plain and long text. Values are stripped of outer white space and stored in Unicode NFC. */
final class TextType extends BaseType {

  static final int TEXT_MAX_LENGTH = 1_000;
  static final int LONG_TEXT_MAX_LENGTH = 100_000;

  private final int maxLength;

  TextType(String id, int maxLength) {
    super(id, ValueKind.TEXT);
    this.maxLength = maxLength;
  }

  @Override
  ParseResult parseNonBlank(String text, TextFormat format) {
    return check(text);
  }

  @Override
  String formatNonBlank(CellValue value, TextFormat format) {
    return ((CellValue.Text) value).value();
  }

  @Override
  ParseResult acceptNonBlank(CellValue value) {
    if (value instanceof CellValue.Text text) {
      return check(text.value().strip());
    }
    return wrongKind(value);
  }

  @Override
  public ParseResult convert(CellValue value, ColumnType from) {
    // Every value has a text form, so conversion to text never fails (unless it is too long).
    return value instanceof CellValue.Text ? accept(value) : parse(from.format(value, TextFormat.ISO), TextFormat.ISO);
  }

  private ParseResult check(String text) {
    if (text.isEmpty()) {
      return ParseResult.valid(CellValue.BLANK);
    }
    // Cheap bound first: a string longer than twice the limit in chars has too many code points.
    if (text.length() > 2 * maxLength || text.codePointCount(0, text.length()) > maxLength) {
      return ParseResult.invalid(
          ErrorCodes.TOO_LONG, "text is longer than " + maxLength + " characters");
    }
    String normalized = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    return ParseResult.valid(new CellValue.Text(normalized));
  }
}
