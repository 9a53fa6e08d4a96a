package io.contrivance.server.sheet;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.ErrorCodes;
import io.contrivance.core.type.ParseResult;
import io.contrivance.server.web.ApiError;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a row's {@code data} object (keys: column ids or names) into the cells the core takes. A
 * value its column cannot read, or a key that names no column, stays in the map as {@link
 * ParseResult.Invalid}: the core reports it together with every rule the row breaks, so one answer
 * names every failing cell. Only input that is not a row at all goes to {@code problems}.
 */
public final class RowInput {

  private RowInput() {}

  public static Map<ColumnId, ParseResult> read(SheetSchema schema, JsonValue data, String fieldPrefix, List<ApiError.Detail> problems) {
    Map<ColumnId, ParseResult> cells = new LinkedHashMap<>();
    if (!(data instanceof JsonObject object)) {
      problems.add(new ApiError.Detail(fieldPrefix.isEmpty() ? "data" : fieldPrefix.substring(0, fieldPrefix.length() - 1), "must be an object of values by column id or name", ErrorCodes.TYPE_MISMATCH));
      return cells;
    }
    for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
      Optional<Column> column = schema.resolve(entry.getKey());
      if (column.isPresent() && column.get().type() instanceof UnavailableType unavailable) {
        cells.put(column.get().id(), ParseResult.invalid(UnavailableType.CODE, unavailable.message()));
      } else if (column.isPresent()) {
        cells.put(column.get().id(), CellJson.read(entry.getValue(), column.get().type(), schema.format()));
        continue;
      }
      String unknown = "the sheet has no column '" + entry.getKey() + "'";
      try {
        cells.put(ColumnId.of(entry.getKey()), ParseResult.invalid(ErrorCodes.UNKNOWN_COLUMN, unknown));
      } catch (IllegalArgumentException notAnId) {
        problems.add(new ApiError.Detail(fieldPrefix + entry.getKey().strip(), unknown, ErrorCodes.UNKNOWN_COLUMN));
      }
    }
    return cells;
  }
}
