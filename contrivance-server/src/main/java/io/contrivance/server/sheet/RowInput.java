package io.contrivance.server.sheet;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ErrorCodes;
import io.contrivance.core.type.ParseResult;
import io.contrivance.server.web.ApiError;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a row's {@code data} object (keys: column ids or names) into core values, collecting problems per cell. */
public final class RowInput {

  private RowInput() {}

  public static Map<ColumnId, CellValue> read(SheetSchema schema, JsonValue data, String fieldPrefix, List<ApiError.Detail> problems) {
    Map<ColumnId, CellValue> values = new LinkedHashMap<>();
    if (!(data instanceof JsonObject object)) {
      problems.add(new ApiError.Detail(fieldPrefix.isEmpty() ? "data" : fieldPrefix.substring(0, fieldPrefix.length() - 1), "must be an object of values by column id or name", ErrorCodes.TYPE_MISMATCH));
      return values;
    }
    for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
      Optional<Column> column = schema.resolve(entry.getKey());
      if (column.isEmpty()) {
        problems.add(new ApiError.Detail(fieldPrefix + entry.getKey(), "the sheet has no column '" + entry.getKey() + "'", ErrorCodes.UNKNOWN_COLUMN));
        continue;
      }
      ParseResult parsed = CellJson.read(entry.getValue(), column.get().type(), schema.format());
      if (parsed instanceof ParseResult.Invalid invalid) {
        problems.add(new ApiError.Detail(fieldPrefix + column.get().id().value(), column.get().name() + ": " + invalid.message(), invalid.code()));
      } else {
        values.put(column.get().id(), ((ParseResult.Valid) parsed).value());
      }
    }
    return values;
  }
}
