package io.contrivance.server.sheet;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ErrorCodes;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.server.web.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cell values as JSON, the same on the wire and in the JSONB column:
 *
 * <ul>
 *   <li>text, email, URL, phone, select: a string; multi-select: an array of strings;
 *   <li>number: a number; percent: a number of points (50 is 50 %);
 *   <li>currency: {@code {"amount": 1234.5, "currency": "USD"}};
 *   <li>date: {@code "2026-03-31"}; date-time: {@code "2026-03-31T14:30:00+02:00[Europe/Paris]"};
 *   <li>boolean: {@code true}/{@code false}; blank: {@code null} (or absent).
 * </ul>
 *
 * <p>Input is lenient where the meaning is clear: any string is read by the column's type as if typed
 * ({@code "$1,200"}, {@code "50%"}, {@code "yes"}); a number is an amount in the column's currency or
 * percentage points.
 */
final class CellJson {

  private CellJson() {}

  static JsonValue write(CellValue value) {
    if (value instanceof CellValue.Text t) {
      return JSON.createValue(t.value());
    }
    if (value instanceof CellValue.Decimal d) {
      return Jsons.decimal(d.value());
    }
    if (value instanceof CellValue.Money m) {
      return JSON.createObjectBuilder().add("amount", Jsons.decimal(m.amount())).add("currency", m.currency().getCurrencyCode()).build();
    }
    if (value instanceof CellValue.Percent p) {
      return Jsons.decimal(p.points());
    }
    if (value instanceof CellValue.Date d) {
      return JSON.createValue(d.value().toString());
    }
    if (value instanceof CellValue.DateTime t) {
      return JSON.createValue(DateTimeFormatter.ISO_ZONED_DATE_TIME.format(t.value()));
    }
    if (value instanceof CellValue.Bool b) {
      return b.value() ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (value instanceof CellValue.Choice c) {
      return JSON.createValue(c.option());
    }
    if (value instanceof CellValue.Choices c) {
      return JSON.createArrayBuilder(c.options()).build();
    }
    return JsonValue.NULL;
  }

  /** Reads stored JSON text (a row's data, a logged cell) back into a value. */
  static JsonValue parseStored(String json) {
    try (JsonReader reader = JSON.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }

  /** The cells of the given columns in a stored row's data (columns absent from it are left out). */
  static Map<ColumnId, CellValue> readStoredRow(JsonObject data, Collection<Column> columns) {
    Map<ColumnId, CellValue> cells = new HashMap<>();
    for (Column column : columns) {
      JsonValue value = data.get(column.id().value());
      if (value != null) {
        cells.put(column.id(), readStored(value, column.type()));
      }
    }
    return cells;
  }

  /** Reads a stored value back; trusts its shape (it was written by {@link #write}). */
  static CellValue readStored(JsonValue json, ColumnType type) {
    ParseResult result = read(json, type, TextFormat.ISO);
    return result instanceof ParseResult.Valid valid ? valid.value() : CellValue.BLANK;
  }

  /** Reads a value sent by a client for a column, never throwing. */
  static ParseResult read(JsonValue json, ColumnType type, TextFormat format) {
    if (json == null || json.getValueType() == JsonValue.ValueType.NULL) {
      return ParseResult.valid(CellValue.BLANK);
    }
    try {
      return switch (json.getValueType()) {
        case STRING -> type.parse(((JsonString) json).getString(), format);
        case TRUE -> type.accept(CellValue.Bool.TRUE);
        case FALSE -> type.accept(CellValue.Bool.FALSE);
        case NUMBER -> number(((JsonNumber) json).bigDecimalValue(), type);
        case ARRAY -> choices((JsonArray) json, type);
        case OBJECT -> money((JsonObject) json, type);
        default -> mismatch(type);
      };
    } catch (RuntimeException e) {
      return mismatch(type);
    }
  }

  private static ParseResult number(BigDecimal number, ColumnType type) {
    return switch (type.kind()) {
      case PERCENT -> type.accept(new CellValue.Percent(number.movePointLeft(2)));
      case DECIMAL, MONEY -> type.accept(new CellValue.Decimal(number));
      // A number typed into a text-like or other column is read as its text.
      default -> type.parse(number.toPlainString(), TextFormat.ISO);
    };
  }

  private static ParseResult choices(JsonArray array, ColumnType type) {
    List<String> options = new ArrayList<>(array.size());
    for (JsonValue element : array) {
      if (!(element instanceof JsonString s)) {
        return mismatch(type);
      }
      options.add(s.getString());
    }
    if (options.isEmpty()) {
      return ParseResult.valid(CellValue.BLANK);
    }
    return type.accept(new CellValue.Choices(options));
  }

  private static ParseResult money(JsonObject object, ColumnType type) {
    JsonValue amount = object.get("amount");
    JsonValue currency = object.get("currency");
    if (!(amount instanceof JsonNumber n) || !(currency instanceof JsonString c)) {
      return mismatch(type);
    }
    return type.accept(new CellValue.Money(n.bigDecimalValue(), Currency.getInstance(c.getString())));
  }

  private static ParseResult mismatch(ColumnType type) {
    return ParseResult.invalid(ErrorCodes.TYPE_MISMATCH, "this JSON value does not fit a " + type.id() + " column");
  }
}
