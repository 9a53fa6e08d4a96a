package io.contrivance.server.sheet;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.store.SheetStore;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypeRegistry;
import io.contrivance.core.type.TextFormat;
import io.contrivance.server.auth.CurrentUser;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The core's {@link SheetStore} on PostgreSQL. Rows are JSONB objects keyed by column id (see
 * {@link CellJson}).
 *
 * <p>A commit (one or more edits grouped by the core's sequencer) is one transaction of its own on
 * a non-JTA connection: the revision bump guarded by {@code revision = ?} (so that other instances'
 * commits are detected and the edits decided again), the rows, one op-log entry per edit (for
 * clients catching up) and the audit entries. It never joins a request's transaction: the edits of
 * several requests share it.
 */
@ApplicationScoped
public class JdbcSheetStore implements SheetStore {

  @Resource(lookup = "jdbc/contrivance")
  DataSource dataSource;

  /** Connections outside JTA, for the store's own reads and transactions. */
  @Resource(lookup = "jdbc/contrivanceDirect")
  DataSource direct;

  @Inject CurrentUser currentUser;
  @Inject Clock clock;
  @Inject ColumnTypes types;

  /** Column type registry (built-ins plus plugins), as a bean so that plugins can extend it later. */
  @ApplicationScoped
  public static class ColumnTypes {
    public ColumnTypeRegistry registry() {
      return ColumnTypeRegistry.standard();
    }
  }

  @Override
  public List<SheetId> sheetIds() {
    return query(direct, "select id from spreadsheets", ps -> {}, rs -> SheetId.of(rs.getString(1)));
  }

  /** The last schema read per sheet with the text it was read from: reused while the text is unchanged. */
  private record CachedSchema(String name, String description, String columns, String format, SheetSchema schema) {}

  private final Map<SheetId, CachedSchema> schemas = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The schema as stored now. Reading it is one small query; building it (parsing every column and
   * its rules) happens only when the stored text changed, so the same instance comes back and the
   * workbook keeps its compiled validator.
   */
  @Override
  public Optional<SheetSchema> schema(SheetId sheet) {
    List<SheetSchema> found =
        query(direct, 
            "select name, description, columns::text, text_format from spreadsheets where id = ?",
            ps -> ps.setString(1, sheet.value()),
            rs -> {
              String name = rs.getString(1);
              String description = rs.getString(2);
              String columns = rs.getString(3);
              String format = rs.getString(4);
              CachedSchema cached = schemas.get(sheet);
              if (cached != null && cached.columns.equals(columns) && cached.name.equals(name) && cached.description.equals(description) && cached.format.equals(format)) {
                return cached.schema;
              }
              SheetSchema schema = new SheetSchema(sheet, name, description, columns(columns), format(format));
              if (schemas.size() > 10_000) {
                schemas.clear();
              }
              schemas.put(sheet, new CachedSchema(name, description, columns, format, schema));
              return schema;
            });
    return found.stream().findFirst();
  }

  @Override
  public java.util.Set<RowId> existing(SheetId sheet, java.util.Collection<RowId> rows) {
    if (rows.isEmpty()) {
      return java.util.Set.of();
    }
    return new java.util.HashSet<>(
        query(direct, 
            "select id from spreadsheet_rows where sheet_id = ? and id = any (?)",
            ps -> {
              ps.setString(1, sheet.value());
              ps.setArray(2, ps.getConnection().createArrayOf("varchar", rows.stream().map(RowId::value).toArray()));
            },
            rs -> RowId.of(rs.getString(1))));
  }

  @Override
  public long revision(SheetId sheet) {
    return query(direct, "select revision from spreadsheets where id = ?", ps -> ps.setString(1, sheet.value()), rs -> rs.getLong(1)).stream()
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no sheet " + sheet));
  }

  @Override
  public Optional<Row> row(SheetId sheet, RowId row) {
    SheetSchema schema = schema(sheet).orElseThrow();
    return query(direct, 
            "select id, position, version, data::text from spreadsheet_rows where sheet_id = ? and id = ?",
            ps -> {
              ps.setString(1, sheet.value());
              ps.setString(2, row.value());
            },
            rs -> row(rs, schema))
        .stream()
        .findFirst();
  }

  @Override
  public List<Row> rows(SheetId sheet) {
    SheetSchema schema = schema(sheet).orElseThrow();
    return query(direct, 
        "select id, position, version, data::text from spreadsheet_rows where sheet_id = ? order by position, id",
        ps -> ps.setString(1, sheet.value()),
        rs -> row(rs, schema));
  }

  @Override
  public List<Row> rows(SheetId sheet, long afterPosition, int limit) {
    SheetSchema schema = schema(sheet).orElseThrow();
    return query(direct, 
        "select id, position, version, data::text from spreadsheet_rows where sheet_id = ? and position > ? order by position, id limit ?",
        ps -> {
          ps.setString(1, sheet.value());
          ps.setLong(2, afterPosition);
          ps.setInt(3, limit);
        },
        rs -> row(rs, schema));
  }

  @Override
  public long maxPosition(SheetId sheet) {
    return query(direct, 
            "select coalesce(max(position), ?) from spreadsheet_rows where sheet_id = ?",
            ps -> {
              ps.setLong(1, Long.MIN_VALUE);
              ps.setString(2, sheet.value());
            },
            rs -> rs.getLong(1))
        .get(0);
  }

  @Override
  public long rowCount(SheetId sheet) {
    return query(direct, "select count(*) from spreadsheet_rows where sheet_id = ?", ps -> ps.setString(1, sheet.value()), rs -> rs.getLong(1)).get(0);
  }

  @Override
  public void create(SheetSchema schema, List<Row> rows) {
    Timestamp now = Timestamp.from(clock.instant());
    String owner = currentUser.id();
    inTransaction(
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "insert into spreadsheets (id, owner_id, name, description, columns, text_format, revision, created_at, updated_at) values (?, ?, ?, ?, ?::jsonb, ?, 0, ?, ?)")) {
            ps.setString(1, schema.id().value());
            ps.setString(2, owner);
            ps.setString(3, schema.name());
            ps.setString(4, schema.description());
            ps.setString(5, columnsJson(schema.columns()));
            ps.setString(6, formatName(schema.format()));
            ps.setTimestamp(7, now);
            ps.setTimestamp(8, now);
            ps.executeUpdate();
          }
          insertRows(connection, schema.id(), rows, owner, now);
          return null;
        });
  }

  private SheetCommits commits;

  @PostConstruct
  void init() {
    commits = new SheetCommits(direct, clock);
  }

  /** Written together with other sheets' commits that arrive meanwhile: see {@link SheetCommits}. */
  @Override
  public void commit(SheetId sheet, Commit commit) {
    commits.commit(sheet, commit, schema -> columnsJson(schema.columns()));
  }

  /** The row as a commit on this instance just stored it at this version, if still remembered; forgotten as it is taken. */
  Optional<SheetCommits.StoredRow> takeStored(String sheet, String row, long version) {
    return commits.take(sheet, row, version);
  }

  @Override
  public Optional<List<io.contrivance.core.sheet.SheetEvent>> eventsSince(SheetId sheet, long revision) {
    SheetSchema schema = schema(sheet).orElseThrow();
    int most = 1_000;
    List<JsonObject> logged =
        query(
            direct,
            "select event::text from sheet_ops where sheet_id = ? and revision > ? order by revision limit ?",
            ps -> {
              ps.setString(1, sheet.value());
              ps.setLong(2, revision);
              ps.setInt(3, most + 1);
            },
            rs -> parse(rs.getString(1)).asJsonObject());
    if (logged.size() > most || (!logged.isEmpty() && logged.get(0).getJsonNumber("revision").longValue() != revision + 1)) {
      return Optional.empty();
    }
    var events = new ArrayList<io.contrivance.core.sheet.SheetEvent>(logged.size());
    for (JsonObject json : logged) {
      Optional<io.contrivance.core.sheet.SheetEvent> event = EventJson.read(sheet, json, schema);
      if (event.isEmpty()) {
        return Optional.empty();
      }
      events.add(event.get());
    }
    return Optional.of(events);
  }

  /** The logged events of a sheet after one revision up to another (inclusive), as stored, for replay to clients. */
  public List<String> loggedEvents(SheetId sheet, long after, long upTo) {
    return query(
        direct,
        "select event::text from sheet_ops where sheet_id = ? and revision > ? and revision <= ? order by revision",
        ps -> {
          ps.setString(1, sheet.value());
          ps.setLong(2, after);
          ps.setLong(3, upTo);
        },
        rs -> rs.getString(1));
  }

  @Override
  public void delete(SheetId sheet) {
    inTransaction(
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement("delete from spreadsheets where id = ?")) {
            ps.setString(1, sheet.value());
            ps.executeUpdate();
          }
          return null;
        });
    schemas.remove(sheet);
  }

  /** The first rows of a new sheet, all by its owner (later writes go through {@link SheetCommits}). */
  private static void insertRows(Connection connection, SheetId sheet, List<Row> rows, String owner, Timestamp now) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    EventJson.Memo memo = new EventJson.Memo();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "insert into spreadsheet_rows (sheet_id, id, position, version, data, created_by, updated_by, created_at, updated_at) values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")) {
      for (Row row : rows) {
        ps.setString(1, sheet.value());
        ps.setString(2, row.id().value());
        ps.setLong(3, row.position());
        ps.setLong(4, row.version());
        ps.setString(5, memo.text(row.cells()));
        ps.setString(6, owner);
        ps.setString(7, owner);
        ps.setTimestamp(8, now);
        ps.setTimestamp(9, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs work in one transaction of its own on a direct connection; rolls back on any failure. */
  <T> T inTransaction(Work<T> work) {
    try (Connection connection = direct.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the database refused a sheet change", e);
    }
  }

  private static String columnsJson(List<Column> columns) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    columns.forEach(c -> array.add(ColumnJson.write(c)));
    return array.build().toString();
  }

  private List<Column> columns(String json) {
    JsonArray array = parse(json).asJsonArray();
    List<Column> columns = new ArrayList<>(array.size());
    Map<String, ColumnId> ids = new HashMap<>();
    for (JsonValue value : array) {
      String id = value.asJsonObject().getString("id");
      ids.put(id, ColumnId.of(id));
    }
    for (JsonValue value : array) {
      JsonObject object = value.asJsonObject();
      ColumnJson.Problems problems = new ColumnJson.Problems();
      Column column = ColumnJson.read(object, ColumnId.of(object.getString("id")), types.registry(), ids, "", problems);
      if (column == null) {
        throw new IllegalStateException("a stored column no longer reads: " + problems.details);
      }
      columns.add(column);
    }
    return columns;
  }

  private static Row row(ResultSet rs, SheetSchema schema) throws SQLException {
    Map<ColumnId, CellValue> cells = CellJson.readStoredRow(parse(rs.getString(4)).asJsonObject(), schema.columns());
    return new Row(RowId.of(rs.getString(1)), rs.getLong(2), rs.getLong(3), cells);
  }

  private static JsonValue parse(String json) {
    return CellJson.parseStored(json);
  }

  /** Sheets store one of the named formats; any other is kept as ISO. */
  static String formatName(TextFormat format) {
    return format.name().orElse("ISO");
  }

  static TextFormat format(String name) {
    return TextFormat.named(name).orElse(TextFormat.ISO);
  }

  // ------------------------------------------------------------------ JDBC plumbing

  @FunctionalInterface
  public interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  public interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  <T> List<T> query(String sql, Binder binder, Mapper<T> mapper) {
    return query(dataSource, sql, binder, mapper);
  }

  /** A query outside any transaction, for reads that need not see the request's own writes. */
  public <T> List<T> read(String sql, Binder binder, Mapper<T> mapper) {
    return query(direct, sql, binder, mapper);
  }

  private static <T> List<T> query(DataSource source, String sql, Binder binder, Mapper<T> mapper) {
    try (Connection connection = source.getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rs.next()) {
          result.add(mapper.map(rs));
        }
        return result;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql, e);
    }
  }

  /** One statement in its own transaction, outside any request transaction; returns the rows it changed. */
  public int write(String sql, Binder binder) {
    try (Connection connection = direct.getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new DuplicateKeyException(e);
      }
      throw new IllegalStateException("update failed: " + sql, e);
    }
  }

  /** A write broke a unique constraint. */
  public static final class DuplicateKeyException extends RuntimeException {
    DuplicateKeyException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }

  int update(String sql, Binder binder) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("update failed: " + sql, e);
    }
  }

  void execute(String sql, Binder binder) {
    update(sql, binder);
  }

  /** Runs one statement for every item, in one JDBC batch. */
  <T> void batch(String sql, List<T> items, BatchBinder<T> binder) {
    if (items.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      for (T item : items) {
        binder.bind(ps, item);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("batch failed: " + sql, e);
    }
  }

  @FunctionalInterface
  interface BatchBinder<T> {
    void bind(PreparedStatement ps, T item) throws SQLException;
  }
}
