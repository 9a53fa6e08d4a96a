package io.contrivance.core.type;

/** Calendar dates. */
final class DateType extends AbstractColumnType {

  DateType() {
    super("date", ValueKind.DATE);
  }

  @Override
  protected ParseResult parseNonBlank(String text, TextFormat format) {
    DateText.Outcome outcome = DateText.parse(text, format);
    return outcome.date() != null
        ? ParseResult.valid(new CellValue.Date(outcome.date()))
        : ParseResult.invalid(ErrorCodes.TYPE_MISMATCH, outcome.error());
  }

  @Override
  protected String formatNonBlank(CellValue value, TextFormat format) {
    return DateText.format(((CellValue.Date) value).value(), format);
  }

  @Override
  public ParseResult convert(CellValue value, ColumnType from) {
    if (value instanceof CellValue.DateTime dateTime) {
      return ParseResult.valid(new CellValue.Date(dateTime.value().toLocalDate()));
    }
    return super.convert(value, from);
  }
}
