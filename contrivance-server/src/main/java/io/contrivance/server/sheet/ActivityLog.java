package io.contrivance.server.sheet;

import static io.contrivance.server.bootstrap.Database.params;
import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.server.bootstrap.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Reading a sheet's audit log ({@code activity}, written by the store with each commit, see {@link
 * Audit}): newest first, for the whole sheet or one row. Entries keep their nulls ({@code user_id}
 * of the application's own edits, {@code row_id} of schema changes) so that every entry has the
 * same fields.
 */
@ApplicationScoped
public class ActivityLog {

  @Inject Database db;

  private static final String WHERE = "where a.sheet_id = ? and (cast(? as varchar) is null or a.row_id = ?)";

  /** One page of entries; {@code row} narrows it to one row's history (null: every entry). */
  List<JsonObject> page(String sheetId, String row, int limit, long offset) {
    return db.query(
        "select a.id, a.user_id, u.email, a.at, a.revision, a.action, a.row_id, a.column_id, a.old_value::text, a.new_value::text "
            + "from activity a left join users u on u.id = a.user_id "
            + WHERE
            + " order by a.id desc limit ? offset ?",
        params(sheetId, row, row, limit, offset),
        rs -> {
          JsonObjectBuilder entry = JSON.createObjectBuilder().add("id", rs.getLong(1)).add("at", SheetViews.time(rs, 4)).add("revision", rs.getLong(5)).add("action", rs.getString(6));
          nullable(entry, "user_id", rs.getString(2));
          nullable(entry, "user_email", rs.getString(3));
          nullable(entry, "row_id", rs.getString(7));
          nullable(entry, "column_id", rs.getString(8));
          return entry.add("old_value", stored(rs.getString(9))).add("new_value", stored(rs.getString(10))).build();
        });
  }

  long count(String sheetId, String row) {
    return db.query(
            "select count(*) from activity a " + WHERE,
            params(sheetId, row, row),
            rs -> rs.getLong(1))
        .get(0);
  }

  private static void nullable(JsonObjectBuilder builder, String key, String value) {
    if (value == null) {
      builder.addNull(key);
    } else {
      builder.add(key, value);
    }
  }

  private static JsonValue stored(String json) {
    return json == null ? JsonValue.NULL : CellJson.parseStored(json);
  }
}
