package io.contrivance.core.type;

import java.util.List;
import java.util.Map;

/** One option out of an ordered list. The order matters to rules ("Proposal or later"). */
final class SelectType extends AbstractColumnType {

  private final Options options;

  SelectType(List<String> options) {
    super("select", ValueKind.CHOICE);
    this.options = new Options(options, false);
  }

  /** The options in their order. */
  List<String> options() {
    return options.labels();
  }

  /** Position of the option, or -1. */
  int indexOf(String option) {
    return options.indexOf(option);
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("options", options.labels());
  }

  @Override
  protected ParseResult parseNonBlank(String text, TextFormat format) {
    int index = options.indexOf(text);
    return index >= 0 ? ParseResult.valid(options.choice(index)) : options.notAnOption(text);
  }

  @Override
  protected String formatNonBlank(CellValue value, TextFormat format) {
    return ((CellValue.Choice) value).option();
  }

  @Override
  protected ParseResult acceptNonBlank(CellValue value) {
    if (options.isOwn(value)) {
      return ParseResult.valid(value);
    }
    if (value instanceof CellValue.Choice choice) {
      return parseNonBlank(choice.option(), TextFormat.ISO);
    }
    return wrongKind(value);
  }

  @Override
  public int compare(CellValue a, CellValue b) {
    if (a instanceof CellValue.Choice x && b instanceof CellValue.Choice y) {
      return Integer.compare(options.indexOf(x.option()), options.indexOf(y.option()));
    }
    return super.compare(a, b);
  }

  @Override
  public ParseResult convert(CellValue value, ColumnType from) {
    if (value instanceof CellValue.Choices choices && choices.options().size() == 1) {
      return parseNonBlank(choices.options().get(0), TextFormat.ISO);
    }
    return super.convert(value, from);
  }
}
