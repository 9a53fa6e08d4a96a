package io.contrivance.core.type;

/**
 * A base for types that store text ({@link ValueKind#TEXT}): values are shown as they are, and a
 * text value given directly is read like typed text, so that it is checked and made canonical the
 * same way.
 */
public abstract class TextColumnType extends AbstractColumnType {

  protected TextColumnType(String id) {
    super(id, ValueKind.TEXT);
  }

  @Override
  protected String formatNonBlank(CellValue value, TextFormat format) {
    return ((CellValue.Text) value).value();
  }

  @Override
  protected ParseResult acceptNonBlank(CellValue value) {
    return value instanceof CellValue.Text text ? parse(text.value(), TextFormat.ISO) : wrongKind(value);
  }
}
