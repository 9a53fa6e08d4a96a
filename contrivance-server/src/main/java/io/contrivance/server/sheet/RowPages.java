package io.contrivance.server.sheet;

import io.contrivance.core.Sheet;
import io.contrivance.server.bootstrap.Database;
import io.contrivance.server.web.Checks;
import io.contrivance.server.web.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Pages of a sheet's rows, sorted, filtered and searched by PostgreSQL ({@link RowQuery} builds the statement). */
@ApplicationScoped
public class RowPages {

  @Inject Database db;

  /**
   * One page of rows of a sheet the caller may read, written straight from the stored JSON: a page
   * of 1,000 rows is the hot read of the grid, and parsing each row only to print it again costs more
   * than the query.
   */
  Response page(Sheet sheet, RowPageParams params) {
    Checks checks = new Checks();
    long offset = Paging.offset(params.offset, RowsResource.MAX_OFFSET, checks);
    int limit = Paging.limit(params.limit, 100, RowsResource.MAX_PAGE, checks);
    boolean total = "true".equalsIgnoreCase(params.total);
    checks.require(params.total == null || total || "false".equalsIgnoreCase(params.total), "total", "must be true or false");
    checks.orThrow("The query has invalid parameters");
    List<String> filters = params.filters == null ? List.of() : params.filters;
    RowQuery query = RowQuery.parse(sheet.id().value(), sheet.schema(), params.sort, filters, params.search, params.cursor, offset, limit);
    StringBuilder json = new StringBuilder(limit * 400).append("{\"success\":true,\"data\":[");
    RowQuery.Cursor[] last = new RowQuery.Cursor[1];
    int[] count = new int[1];
    db.read(
        query.sql(),
        query::bind,
        rs -> {
          if (count[0]++ > 0) {
            json.append(',');
          }
          SheetViews.appendRow(json, rs);
          last[0] = new RowQuery.Cursor(rs.getString(9), rs.getLong(2), rs.getString(1));
          return null;
        });
    json.append("],\"pagination\":{\"limit\":").append(limit);
    if (offset > 0) {
      json.append(",\"offset\":").append(offset);
    }
    if (count[0] == limit) {
      json.append(",\"next_cursor\":\"").append(last[0].encode()).append('"');
    }
    if (total) {
      // A page that ended before its limit ended the view: no need to count it again (for a rare
      // search text that would read every row a second time).
      long rows = count[0] < limit && (count[0] > 0 || offset == 0) ? offset + count[0] : db.read(query.countSql(), query::bindCount, rs -> rs.getLong(1)).get(0);
      json.append(",\"total\":").append(rows);
    }
    json.append("}}");
    return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE).build();
  }
}
