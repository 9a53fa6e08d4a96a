package io.contrivance.server.sheet;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.core.type.ValueKind;
import jakarta.json.JsonObject;
import java.util.Map;

/**
 * The type of a stored column whose type no started plugin provides now (its plugin was disabled or
 * removed). Its cells keep the values they hold, shown as text; {@link RowInput} refuses writes to
 * it with {@code column_type_unavailable}; the column is written back exactly as it was stored, so
 * that its settings and rules are there when the plugin comes back and the real type replaces this
 * one.
 *
 * @param id the missing type's id
 * @param settings the type's stored settings
 * @param stored the column as it was stored
 */
record UnavailableType(String id, Map<String, Object> settings, JsonObject stored) implements ColumnType {

  static final String CODE = "column_type_unavailable";

  UnavailableType {
    settings = Map.copyOf(settings);
  }

  String message() {
    return "the column's type '" + id + "' is not available now (its plugin is disabled or not installed)";
  }

  @Override
  public ValueKind kind() {
    return ValueKind.TEXT;
  }

  @Override
  public ParseResult parse(String text, TextFormat format) {
    return ParseResult.valid(CellValue.text(text));
  }

  @Override
  public String format(CellValue value, TextFormat format) {
    if (value instanceof CellValue.Text t) {
      return t.value();
    }
    if (value instanceof CellValue.Decimal d) {
      return d.value().toPlainString();
    }
    return value.isBlank() ? "" : value.toString();
  }

  /** Keeps whatever was stored: these values are read back, never written by a client. */
  @Override
  public ParseResult accept(CellValue value) {
    return ParseResult.valid(value);
  }

  @Override
  public int compare(CellValue a, CellValue b) {
    return format(a, TextFormat.ISO).compareTo(format(b, TextFormat.ISO));
  }
}
