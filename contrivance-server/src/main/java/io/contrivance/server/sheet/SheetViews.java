package io.contrivance.server.sheet;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.Sheet;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.Violation;
import io.contrivance.server.bootstrap.Database;
import io.contrivance.server.web.ApiError;
import io.contrivance.server.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** How sheets and rows look on the wire, read with their metadata (owner, authors, timestamps). */
@ApplicationScoped
public class SheetViews {

  static final String ROW_COLUMNS = "id, position, version, data::text, created_by, updated_by, created_at, updated_at";

  @Inject JdbcSheetStore store;

  @Inject Database db;

  JsonObject sheet(Sheet sheet, SheetRole role) {
    return sheet(sheet, role.wire());
  }

  /** The sheet as the API shows it; {@code role} is the caller's ("owner", "editor", "viewer" or "public"). */
  JsonObject sheet(Sheet sheet, String role) {
    SheetSchema schema = sheet.schema();
    JsonArrayBuilder columns = JSON.createArrayBuilder();
    for (Column column : schema.columns()) {
      columns.add(ColumnJson.write(column));
    }
    JsonObjectBuilder view =
        db
            .query(
                "select owner_id, revision, created_at, updated_at, (select count(*) from spreadsheet_rows r where r.sheet_id = s.id), public_token from spreadsheets s where id = ?",
                ps -> ps.setString(1, sheet.id().value()),
                rs -> {
                  JsonObjectBuilder json =
                      JSON.createObjectBuilder()
                          .add("owner_id", rs.getString(1))
                          .add("revision", rs.getLong(2))
                          .add("created_at", time(rs, 3))
                          .add("updated_at", time(rs, 4))
                          .add("row_count", rs.getLong(5));
                  // Only the owner, who can turn it off, sees the public link.
                  String token = rs.getString(6);
                  if ("owner".equals(role) && token != null) {
                    json.add("public_link", "/api/public/" + token);
                  } else {
                    json.addNull("public_link");
                  }
                  return json;
                })
            .stream()
            .findFirst()
            .orElseThrow(() -> ApiException.notFound("The spreadsheet"));
    return view.add("id", sheet.id().value())
        .add("name", schema.name())
        .add("description", schema.description())
        .add("text_format", JdbcSheetStore.formatName(schema.format()))
        .add("role", role)
        .add("columns", columns)
        .build();
  }

  private static final String ONE_ROW = "select " + ROW_COLUMNS + " from spreadsheet_rows where sheet_id = ? and id = ?";

  /** A row with its metadata, as stored now. */
  JsonObject row(String sheetId, String rowId) {
    return db
        .read(ONE_ROW, ps -> bindRow(ps, sheetId, rowId), SheetViews::row)
        .stream()
        .findFirst()
        .orElseThrow(() -> ApiException.notFound("The row"));
  }

  /**
   * A row with its metadata as the API's answer ({@code {"success":true,"data":<row>}}), written from
   * the stored text without parsing it, as pages are: the answer of every single-row read and write.
   */
  String rowAnswer(String sheetId, String rowId) {
    StringBuilder json = new StringBuilder(600).append("{\"success\":true,\"data\":");
    boolean found =
        !db
            .read(
                ONE_ROW,
                ps -> bindRow(ps, sheetId, rowId),
                rs -> {
                  appendRow(json, rs);
                  return Boolean.TRUE;
                })
            .isEmpty();
    if (!found) {
      throw ApiException.notFound("The row");
    }
    return json.append('}').toString();
  }

  /**
   * The answer to a write of {@code row}: as the write stored it, without a query when this instance
   * remembers it (see {@link SheetCommits.StoredRow}), else as stored now.
   */
  String rowAnswer(String sheetId, Row row) {
    return store
        .takeStored(sheetId, row.id().value(), row.version())
        .map(stored -> appendRow(new StringBuilder(600).append("{\"success\":true,\"data\":"), stored).append('}').toString())
        .orElseGet(() -> rowAnswer(sheetId, row.id().value()));
  }

  /** Rows just written, as a JSON array in sheet order: see {@link #rowAnswer(String, Row)}. */
  String rowsText(String sheetId, List<Row> rows) {
    List<SheetCommits.StoredRow> stored = new ArrayList<>(rows.size());
    for (Row row : rows) {
      var found = store.takeStored(sheetId, row.id().value(), row.version());
      if (found.isEmpty()) {
        return readRows(sheetId, rows.stream().map(r -> r.id().value()).toList());
      }
      stored.add(found.get());
    }
    stored.sort(Comparator.comparingLong(SheetCommits.StoredRow::position).thenComparing(SheetCommits.StoredRow::id));
    StringBuilder json = new StringBuilder(rows.size() * 400).append('[');
    for (int i = 0; i < stored.size(); i++) {
      appendRow(i == 0 ? json : json.append(','), stored.get(i));
    }
    return json.append(']').toString();
  }

  private static void bindRow(PreparedStatement ps, String sheetId, String rowId) throws SQLException {
    ps.setString(1, sheetId);
    ps.setString(2, rowId);
  }

  /** Several rows as a JSON array, in sheet order, written from the stored text without parsing it. */
  private String readRows(String sheetId, List<String> rowIds) {
    StringBuilder json = new StringBuilder(rowIds.size() * 400).append('[');
    int[] count = new int[1];
    db.read(
        "select " + ROW_COLUMNS + " from spreadsheet_rows where sheet_id = ? and id = any (?) order by position, id",
        ps -> {
          ps.setString(1, sheetId);
          ps.setArray(2, ps.getConnection().createArrayOf("varchar", rowIds.toArray()));
        },
        rs -> {
          if (count[0]++ > 0) {
            json.append(',');
          }
          appendRow(json, rs);
          return null;
        });
    return json.append(']').toString();
  }

  static JsonObject row(ResultSet rs) throws SQLException {
    JsonObject data;
    try (JsonReader reader = JSON.createReader(new StringReader(rs.getString(4)))) {
      data = reader.readObject();
    }
    JsonObjectBuilder row =
        JSON.createObjectBuilder().add("id", rs.getString(1)).add("position", rs.getLong(2)).add("data", data).add("version", rs.getLong(3));
    row.add("created_by", rs.getString(5) == null ? JsonValue.NULL : JSON.createValue(rs.getString(5)));
    row.add("updated_by", rs.getString(6) == null ? JsonValue.NULL : JSON.createValue(rs.getString(6)));
    return row.add("created_at", time(rs, 7)).add("updated_at", time(rs, 8)).build();
  }

  /**
   * Appends a row in the same shape as {@link #row(ResultSet)} without parsing its data: the stored
   * JSONB text is already the wire form. Ids are UUIDs and timestamps ISO text, so nothing needs escaping.
   */
  static void appendRow(StringBuilder json, ResultSet rs) throws SQLException {
    appendRow(
        json,
        new SheetCommits.StoredRow(
            rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()));
  }

  /** A row as {@link #row(ResultSet)} shapes it, from what a commit stored or a query read. */
  private static StringBuilder appendRow(StringBuilder json, SheetCommits.StoredRow row) {
    return json.append("{\"id\":\"").append(row.id()).append("\",\"position\":").append(row.position())
        .append(",\"data\":").append(row.data()).append(",\"version\":").append(row.version())
        .append(",\"created_by\":").append(quoted(row.createdBy())).append(",\"updated_by\":").append(quoted(row.updatedBy()))
        .append(",\"created_at\":\"").append(time(row.createdAt())).append("\",\"updated_at\":\"").append(time(row.updatedAt())).append("\"}");
  }

  private static String quoted(String id) {
    return id == null ? "null" : "\"" + id + "\"";
  }

  static String time(ResultSet rs, int column) throws SQLException {
    return time(rs.getTimestamp(column).toInstant());
  }

  private static String time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
  }

  /** A 422 naming every failing cell: {@code data.<column id>}, prefixed for batches. */
  static ApiException invalid(List<Violation> violations, Function<Violation, String> field) {
    List<ApiError.Detail> details = violations.stream().map(v -> new ApiError.Detail(field.apply(v), v.message(), v.code())).toList();
    return ApiException.invalid("Some values are not valid for their columns", details);
  }
}
