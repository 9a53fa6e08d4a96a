package io.contrivance.core.type;

import java.math.BigDecimal;

/**
 * Percentages. Text is read in points, with or without a percent sign: {@code 50}, {@code 50%} and
 * {@code 50 %} are all fifty percent, as in a spreadsheet cell formatted as percent.
 */
final class PercentType extends AbstractColumnType {

  PercentType() {
    super("percent", ValueKind.PERCENT);
  }

  @Override
  protected ParseResult parseNonBlank(String text, TextFormat format) {
    String number = text;
    if (number.endsWith("%") || number.endsWith("\u066A")) {
      number = number.substring(0, number.length() - 1);
    }
    NumberText.Outcome outcome = NumberText.parse(number, format);
    if (!outcome.ok()) {
      return ParseResult.invalid(
          outcome.code(),
          outcome.code().equals(ErrorCodes.TYPE_MISMATCH)
              ? "'" + NumberText.shorten(text) + "' is not a percentage"
              : outcome.error());
    }
    return ParseResult.valid(new CellValue.Percent(outcome.number().movePointLeft(2)));
  }

  @Override
  protected String formatNonBlank(CellValue value, TextFormat format) {
    return NumberText.format(((CellValue.Percent) value).points(), 0, format) + "%";
  }

  @Override
  protected ParseResult acceptNonBlank(CellValue value) {
    if (value instanceof CellValue.Percent percent) {
      // The limits apply to the points (fraction × 100): two more integer digits, two fewer fraction digits.
      BigDecimal f = percent.fraction();
      if (f.precision() - f.scale() + 2 <= NumberText.MAX_INTEGER_DIGITS && f.scale() - 2 <= NumberText.MAX_FRACTION_DIGITS) {
        return ParseResult.valid(percent);
      }
      NumberText.Outcome outcome = NumberText.withinLimits(percent.points(), percent.points().toPlainString() + "%");
      return outcome.ok() ? ParseResult.valid(percent) : ParseResult.invalid(outcome.code(), outcome.error());
    }
    return wrongKind(value);
  }
}
