package io.contrivance.core.type;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Any number of options out of an ordered list. Text separates options with commas, semicolons or
 * line breaks. Values hold each option once, in the column's option order, so two cells with the
 * same options are equal however they were typed.
 */
final class MultiSelectType extends AbstractColumnType {

  private static final Pattern SEPARATORS = Pattern.compile("[,;\\n]");

  private final Options options;

  MultiSelectType(List<String> options) {
    super("multi_select", ValueKind.CHOICES);
    this.options = new Options(options, true);
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("options", options.labels());
  }

  @Override
  protected ParseResult parseNonBlank(String text, TextFormat format) {
    return select(List.of(SEPARATORS.split(text)));
  }

  @Override
  protected String formatNonBlank(CellValue value, TextFormat format) {
    return String.join(", ", ((CellValue.Choices) value).options());
  }

  @Override
  protected ParseResult acceptNonBlank(CellValue value) {
    if (value instanceof CellValue.Choices choices) {
      return select(choices.options());
    }
    return wrongKind(value);
  }

  @Override
  public ParseResult convert(CellValue value, ColumnType from) {
    if (value instanceof CellValue.Choice choice) {
      return select(List.of(choice.option()));
    }
    return super.convert(value, from);
  }

  private ParseResult select(List<String> parts) {
    BitSet chosen = new BitSet();
    for (String part : parts) {
      if (part.isBlank()) {
        continue;
      }
      int index = options.indexOf(part);
      if (index < 0) {
        return options.notAnOption(part.strip());
      }
      chosen.set(index);
    }
    if (chosen.isEmpty()) {
      return ParseResult.valid(CellValue.BLANK);
    }
    var labels = new ArrayList<String>(chosen.cardinality());
    chosen.stream().forEach(i -> labels.add(options.labels().get(i)));
    return ParseResult.valid(new CellValue.Choices(labels));
  }
}
