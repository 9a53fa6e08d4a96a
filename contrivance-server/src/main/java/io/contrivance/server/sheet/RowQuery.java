package io.contrivance.server.sheet;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.ValueKind;
import io.contrivance.server.web.ApiError;
import io.contrivance.server.web.ApiException;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A page of rows, sorted and filtered by PostgreSQL. Sorting on a column orders by a typed
 * expression over the JSONB cell (numbers and amounts as numeric, dates as date, select options by
 * their position in the option list, text without regard to case), blanks last, ties by sheet order.
 * Pages are keyset pages: the cursor holds the last row's sort key, position and id, so a page costs
 * the same wherever it is in the sheet and no row is skipped or repeated while others are added.
 * A page can also start at an offset (the grid jumps to any row of a million-row sheet): in sheet
 * order the offset is found by walking the order index alone, in a sorted or filtered view by
 * PostgreSQL's OFFSET, which reads every row before it.
 *
 * <p>Filters: {@code column:op:value} with op {@code eq, ne, lt, le, gt, ge, contains, empty, not_empty};
 * values are read by the column's type, like typed input ({@code deal_value:ge:$10,000}).
 *
 * <p>Quick search ({@code q}): rows with any cell whose value contains the text, without regard to
 * case (numbers and amounts as stored: "12000", not "$12,000.00"; an amount's currency is not searched).
 */
final class RowQuery {

  private final String sheetId;
  private final Column sortColumn;
  private final boolean descending;
  private final List<Filter> filters;
  private final String search;
  private final Cursor after;
  private final long offset;
  private final int limit;

  private record Filter(Column column, String op, CellValue value) {}

  /** Where a page ended: the sort key as text (null for blank or no sort), position and id. */
  record Cursor(String key, long position, String id) {
    String encode() {
      String json = JSON.createArrayBuilder().add(key == null ? JsonValue.NULL : JSON.createValue(key)).add(position).add(id).build().toString();
      return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
      try (JsonReader reader = JSON.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8)))) {
        JsonArray array = reader.readArray();
        JsonValue key = array.get(0);
        return new Cursor(key.getValueType() == JsonValue.ValueType.NULL ? null : array.getString(0), array.getJsonNumber(1).longValue(), array.getString(2));
      } catch (RuntimeException e) {
        throw ApiException.invalid("The cursor is not valid", List.of(ApiError.Detail.of("cursor", "must be a next_cursor from an earlier page")));
      }
    }
  }

  private RowQuery(String sheetId, Column sortColumn, boolean descending, List<Filter> filters, String search, Cursor after, long offset, int limit) {
    this.sheetId = sheetId;
    this.sortColumn = sortColumn;
    this.descending = descending;
    this.filters = filters;
    this.search = search;
    this.after = after;
    this.offset = offset;
    this.limit = limit;
  }

  /** The longest quick search accepted. */
  static final int MAX_SEARCH = 200;

  /**
   * Reads {@code sort=column[:desc]}, {@code filter=column:op:value} (repeatable), {@code q}, and where
   * the page starts: after a {@code cursor} or at an {@code offset} (0: the first row), not both.
   */
  static RowQuery parse(String sheetId, SheetSchema schema, String sort, List<String> filterTexts, String q, String cursor, long offset, int limit) {
    List<ApiError.Detail> problems = new ArrayList<>();
    Column sortColumn = null;
    boolean descending = false;
    if (sort != null && !sort.isBlank()) {
      String[] parts = sort.split(":", 2);
      Optional<Column> column = schema.resolve(parts[0]);
      if (column.isEmpty()) {
        problems.add(ApiError.Detail.of("sort", "the sheet has no column '" + parts[0] + "'"));
      } else {
        sortColumn = column.get();
      }
      if (parts.length == 2 && !parts[1].equalsIgnoreCase("asc") && !parts[1].equalsIgnoreCase("desc")) {
        problems.add(ApiError.Detail.of("sort", "the direction must be asc or desc"));
      }
      descending = parts.length == 2 && parts[1].equalsIgnoreCase("desc");
    }
    List<Filter> filters = new ArrayList<>();
    for (String text : filterTexts) {
      String[] parts = text.split(":", 3);
      Optional<Column> column = parts.length >= 2 ? schema.resolve(parts[0]) : Optional.empty();
      String op = parts.length >= 2 ? parts[1].toLowerCase(Locale.ROOT) : "";
      if (column.isEmpty()) {
        problems.add(ApiError.Detail.of("filter", "'" + text + "' must be column:op:value with a column of the sheet"));
        continue;
      }
      if (op.equals("empty") || op.equals("not_empty")) {
        filters.add(new Filter(column.get(), op, CellValue.BLANK));
        continue;
      }
      if (!List.of("eq", "ne", "lt", "le", "gt", "ge", "contains").contains(op) || parts.length < 3) {
        problems.add(ApiError.Detail.of("filter", "'" + text + "': the operator must be eq, ne, lt, le, gt, ge, contains, empty or not_empty, followed by a value"));
        continue;
      }
      if (op.equals("contains")) {
        filters.add(new Filter(column.get(), op, CellValue.text(parts[2])));
        continue;
      }
      ParseResult value = column.get().type().parse(parts[2], schema.format());
      if (value instanceof ParseResult.Valid valid && !valid.value().isBlank()) {
        filters.add(new Filter(column.get(), op, valid.value()));
      } else {
        problems.add(ApiError.Detail.of("filter", "'" + text + "': " + (value instanceof ParseResult.Invalid i ? i.message() : "a value is needed")));
      }
    }
    String search = q == null || q.isBlank() ? null : q.strip();
    if (search != null && search.length() > MAX_SEARCH) {
      problems.add(ApiError.Detail.of("q", "must be at most " + MAX_SEARCH + " characters"));
    }
    if (cursor != null && offset > 0) {
      problems.add(ApiError.Detail.of("offset", "a page starts after a cursor or at an offset, not both"));
    }
    if (!problems.isEmpty()) {
      throw ApiException.invalid("The query has invalid parameters", problems);
    }
    return new RowQuery(sheetId, sortColumn, descending, filters, search, cursor == null ? null : Cursor.decode(cursor), offset, limit);
  }

  /** The statement: metadata columns of {@link SheetViews#row}, then the sort key as text. */
  String sql() {
    StringBuilder sql = new StringBuilder("select ").append(SheetViews.ROW_COLUMNS).append(", ");
    sql.append(sortColumn == null ? "null" : "(" + sortExpression(sortColumn) + ")::text");
    sql.append(" from spreadsheet_rows where sheet_id = ?");
    appendConditions(sql);
    if (after != null) {
      sql.append(" and ").append(afterCondition());
    }
    if (offset > 0 && sheetOrder()) {
      // The row at the offset, found in the order index without reading any row before it.
      sql.append(" and (position, id) >= (select position, id from spreadsheet_rows where sheet_id = ? order by position, id offset ? limit 1)");
    }
    sql.append(" order by ");
    if (sortColumn != null) {
      String key = sortExpression(sortColumn);
      sql.append("(").append(key).append(") is null, ").append(key).append(descending ? " desc, " : " asc, ");
    }
    sql.append("position, id limit ?");
    return offset > 0 && !sheetOrder() ? sql.append(" offset ?").toString() : sql.toString();
  }

  /** Binds the parameters in the order {@link #sql()} placed them. */
  void bind(PreparedStatement ps) throws SQLException {
    int i = bindConditions(ps);
    if (after != null) {
      if (sortColumn != null) {
        ps.setBoolean(i++, after.key == null);
        ps.setBoolean(i++, after.key == null);
        if (after.key != null) {
          ps.setString(i++, after.key);
          ps.setString(i++, after.key);
        }
      }
      ps.setLong(i++, after.position);
      ps.setString(i++, after.id);
    }
    if (offset > 0 && sheetOrder()) {
      ps.setString(i++, sheetId);
      ps.setLong(i++, offset);
    }
    ps.setInt(i++, limit);
    if (offset > 0 && !sheetOrder()) {
      ps.setLong(i, offset);
    }
  }

  /** How many rows the view holds: the statement, bound by {@link #bindCount}. */
  String countSql() {
    StringBuilder sql = new StringBuilder("select count(*) from spreadsheet_rows where sheet_id = ?");
    appendConditions(sql);
    return sql.toString();
  }

  void bindCount(PreparedStatement ps) throws SQLException {
    bindConditions(ps);
  }

  /** Whether rows come in plain sheet order: no sort, filter or search. */
  private boolean sheetOrder() {
    return sortColumn == null && filters.isEmpty() && search == null;
  }

  /** The filters and the search, each after an {@code and}. */
  private void appendConditions(StringBuilder sql) {
    for (Filter filter : filters) {
      sql.append(" and ").append(condition(filter));
    }
    if (search != null) {
      // A cheap first pass over the row's JSON text (it holds every value, and also keys and
      // punctuation), then the exact test on each cell as people read it: strings as they are,
      // amounts by their number, others as JSON text. Opening every cell of every row costs ~12 µs
      // a row; the text pass spares it for rows that cannot match.
      if (textPass()) {
        sql.append(" and lower(data::text) like ?");
      }
      sql.append(" and exists (select 1 from jsonb_each(data) cell where lower(case jsonb_typeof(cell.value)")
          .append(" when 'string' then cell.value #>> '{}' when 'object' then cell.value ->> 'amount' else cell.value::text end) like ?)");
    }
  }

  /** Binds the sheet id, the filters and the search; answers the next parameter's index. */
  private int bindConditions(PreparedStatement ps) throws SQLException {
    int i = 1;
    ps.setString(i++, sheetId);
    for (Filter filter : filters) {
      if (filter.op.equals("empty") || filter.op.equals("not_empty")) {
        continue;
      }
      if (filter.op.equals("contains")) {
        ps.setString(i++, likePattern(((CellValue.Text) filter.value).value()));
      } else if (filter.op.equals("eq") && containment(filter.column)) {
        ps.setString(i++, JSON.createObjectBuilder().add(filter.column.id().value(), CellJson.write(filter.value)).build().toString());
      } else {
        ps.setString(i++, keyText(filter.column, filter.value));
      }
    }
    if (search != null) {
      if (textPass()) {
        // As the text of the JSON writes it: quotes and backslashes escaped.
        ps.setString(i++, likePattern(search.replace("\\", "\\\\").replace("\"", "\\\"")));
      }
      ps.setString(i++, likePattern(search));
    }
    return i;
  }

  /** Whether the search can be looked for in the row's JSON text (control characters are escaped there in more ways). */
  private boolean textPass() {
    return search.chars().noneMatch(c -> c < 0x20);
  }

  /** A LIKE pattern matching text that contains {@code text}, lower-cased, its wildcards escaped. */
  private static String likePattern(String text) {
    return "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private String condition(Filter filter) {
    String key = sortExpression(filter.column);
    String cast = cast(filter.column);
    return switch (filter.op) {
      case "empty" -> "(" + key + ") is null";
      case "not_empty" -> "(" + key + ") is not null";
      case "contains" -> "lower(data->>'" + id(filter.column) + "') like ?";
      case "eq" -> containment(filter.column) ? "data @> ?::jsonb" : key + " = ?::" + cast;
      case "ne" -> "(" + key + " is null or " + key + " <> ?::" + cast + ")";
      case "lt" -> key + " < ?::" + cast;
      case "le" -> key + " <= ?::" + cast;
      case "gt" -> key + " > ?::" + cast;
      default -> key + " >= ?::" + cast;
    };
  }

  /** Rows after the cursor in the sort order: blanks last, then the key, then position and id. */
  private String afterCondition() {
    if (sortColumn == null) {
      return "(position, id) > (?, ?)";
    }
    String key = sortExpression(sortColumn);
    String cast = cast(sortColumn);
    String beyond = descending ? "<" : ">";
    // ((key is null) > cursorIsNull) or (same nullness and (key beyond cursorKey or (key = cursorKey and (position, id) > ...)))
    String keyPart = after.key == null ? "false" : "(" + key + " " + beyond + " ?::" + cast + ")";
    String equalPart = after.key == null ? "(" + key + ") is null" : "(" + key + " = ?::" + cast + ")";
    return "(((" + key + ") is null) > ? or ((" + key + ") is null) = ? and (" + keyPart + " or " + equalPart + " and (position, id) > (?, ?)))";
  }

  /** A typed, comparable expression for the column's cell (null when blank). */
  static String sortExpression(Column column) {
    String id = id(column);
    ValueKind kind = column.type().kind();
    return switch (kind) {
      case DECIMAL, PERCENT -> "(data->>'" + id + "')::numeric";
      case MONEY -> "(data->'" + id + "'->>'amount')::numeric";
      case DATE -> "(data->>'" + id + "')::date";
      case DATE_TIME -> "(split_part(data->>'" + id + "', '[', 1))::timestamptz";
      case BOOLEAN -> "(data->>'" + id + "')::boolean";
      case CHOICE -> optionPosition(column);
      default -> textExpression(column);
    };
  }

  private static String textExpression(Column column) {
    return "lower(data->>'" + id(column) + "')";
  }

  private static String optionPosition(Column column) {
    @SuppressWarnings("unchecked")
    List<String> options = (List<String>) column.type().settings().get("options");
    StringBuilder array = new StringBuilder("array[");
    for (int i = 0; i < options.size(); i++) {
      array.append(i == 0 ? "" : ",").append("'").append(options.get(i).replace("'", "''")).append("'");
    }
    return "array_position(" + array.append("]::text[]") + ", data->>'" + id(column) + "')";
  }

  private static String cast(Column column) {
    return switch (column.type().kind()) {
      case DECIMAL, PERCENT, MONEY -> "numeric";
      case DATE -> "date";
      case DATE_TIME -> "timestamptz";
      case BOOLEAN -> "boolean";
      case CHOICE -> "integer";
      default -> "text";
    };
  }

  /** Equality on text-like cells can use the GIN index: data @> {"col": value}. */
  private static boolean containment(Column column) {
    ValueKind kind = column.type().kind();
    return kind == ValueKind.CHOICE || kind == ValueKind.BOOLEAN || kind == ValueKind.DATE;
  }

  /** The value as text in the form the sort expression compares against. */
  private static String keyText(Column column, CellValue value) {
    if (value instanceof CellValue.Money m) {
      return m.amount().toPlainString();
    }
    if (value instanceof CellValue.Percent p) {
      return p.points().toPlainString();
    }
    if (value instanceof CellValue.Decimal d) {
      return d.value().toPlainString();
    }
    if (value instanceof CellValue.Choice c) {
      @SuppressWarnings("unchecked")
      List<String> options = (List<String>) column.type().settings().get("options");
      return Integer.toString(options.indexOf(c.option()) + 1);
    }
    if (value instanceof CellValue.DateTime t) {
      return t.value().toOffsetDateTime().toString();
    }
    if (value instanceof CellValue.Text t) {
      return t.value().toLowerCase(Locale.ROOT);
    }
    JsonValue json = CellJson.write(value);
    return json instanceof JsonString s ? s.getString() : json.toString();
  }

  /** Column ids are free text; only a quote needs escaping inside the SQL literal. */
  private static String id(Column column) {
    return column.id().value().replace("'", "''");
  }

  int limit() {
    return limit;
  }
}
