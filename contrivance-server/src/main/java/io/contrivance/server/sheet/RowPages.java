package io.contrivance.server.sheet;

import io.contrivance.core.Sheet;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.CellValue;
import io.contrivance.server.bootstrap.Database;
import io.contrivance.server.web.Checks;
import io.contrivance.server.web.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Pages of a sheet's rows, sorted, filtered and searched by PostgreSQL ({@link RowQuery} builds the statement). */
@ApplicationScoped
public class RowPages {

  /** Rows read per statement when walking a whole view. */
  static final int WALK_PAGE = 1_000;

  @Inject Database db;
  @Inject SavedViews savedViews;

  /** What selects and orders a sheet's rows: a sort, filters and a quick search, and the columns left out. */
  public record View(String sort, List<String> filters, String search, List<String> hidden) {
    public View {
      filters = filters == null ? List.of() : List.copyOf(filters);
      hidden = hidden == null ? List.of() : List.copyOf(hidden);
    }
  }

  /** A saved view's settings (those still meaningful for the sheet's columns); empty if the sheet has no such view. */
  public Optional<View> savedView(SheetSchema schema, String viewId) {
    return savedViews.find(schema, viewId).map(v -> new View(v.settings().sort(), v.settings().filters(), v.settings().search(), v.settings().hidden()));
  }

  /** Refuses (422) a view whose sort or filters the sheet cannot take. */
  public void check(SheetSchema schema, View view) {
    RowQuery.parse(schema.id().value(), schema, view.sort(), view.filters(), view.search(), null, 0, 1);
  }

  /**
   * Hands every row of the view to the consumer, in the view's order, a page of {@value #WALK_PAGE}
   * at a time (keyset pages: nothing is held beyond one page, and rows added meanwhile are neither
   * skipped nor repeated). A bad sort or filter is refused (422) before the first row.
   */
  public void forEach(Sheet sheet, View view, Consumer<Map<ColumnId, CellValue>> each) {
    SheetSchema schema = sheet.schema();
    String cursor = null;
    while (true) {
      RowQuery query = RowQuery.parse(schema.id().value(), schema, view.sort(), view.filters(), view.search(), cursor, 0, WALK_PAGE);
      RowQuery.Cursor[] last = new RowQuery.Cursor[1];
      List<Map<ColumnId, CellValue>> page =
          db.read(
              query.sql(),
              query::bind,
              rs -> {
                last[0] = new RowQuery.Cursor(rs.getString(9), rs.getLong(2), rs.getString(1));
                return CellJson.readStoredRow(CellJson.parseStored(rs.getString(4)).asJsonObject(), schema.columns());
              });
      page.forEach(each);
      if (page.size() < WALK_PAGE) {
        return;
      }
      cursor = last[0].encode();
    }
  }

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
