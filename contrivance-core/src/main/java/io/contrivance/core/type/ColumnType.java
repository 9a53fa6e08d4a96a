package io.contrivance.core.type;

import java.util.Map;

/**
 * What a column holds: how text typed by a person becomes a {@link CellValue}, how a value is shown
 * as text, and which typed values the column accepts.
 *
 * <p>Implementations must be immutable and thread-safe, must never throw on bad input (they return
 * {@link ParseResult.Invalid}), and must satisfy {@code parse(format(v, f), f) == valid(v)} for every
 * value {@code v} they accept. Two types are equal when their {@link #id()} and {@link #settings()}
 * are equal.
 *
 * <p>Built-in types are created by {@link ColumnTypes}; plugins contribute types through a {@link
 * ColumnTypeProvider}.
 */
public interface ColumnType {

  /** The type's stable identifier, e.g. {@code currency}; plugin types should use a prefix. */
  String id();

  /** The kind of value this type stores. */
  ValueKind kind();

  /**
   * The type's configuration, enough for {@link ColumnTypeProvider#create(TypeSettings)} to rebuild
   * an equal type. Values are strings, numbers, booleans or lists of strings.
   */
  Map<String, Object> settings();

  /**
   * Reads text typed by a person. Blank text (empty or only white space) gives {@link
   * CellValue#BLANK}.
   */
  ParseResult parse(String text, TextFormat format);

  /** Shows a value as text that {@link #parse} reads back; blank gives the empty string. */
  String format(CellValue value, TextFormat format);

  /**
   * Checks a typed value (from an API client or an import) against this type and returns it,
   * possibly in canonical form (for instance an option in the column's own spelling).
   */
  ParseResult accept(CellValue value);

  /**
   * Converts a value that a column of another type held, for a change of column type. The default
   * accepts values of this type's kind and reads any other value from its canonical text.
   *
   * @param value the old value, never blank
   * @param from the column's previous type
   */
  default ParseResult convert(CellValue value, ColumnType from) {
    if (kind().holds(value)) {
      return accept(value);
    }
    return parse(from.format(value, TextFormat.ISO), TextFormat.ISO);
  }

  /**
   * Orders two non-blank values, for minimum and maximum rules and ordered conditions. The default
   * orders numbers, money amounts (ignoring the currency), percentages, dates and moments by value;
   * select types order options by their position in the list.
   *
   * @throws IllegalArgumentException if the values have no order between them
   */
  default int compare(CellValue a, CellValue b) {
    return ValueOrder.compare(a, b);
  }
}
