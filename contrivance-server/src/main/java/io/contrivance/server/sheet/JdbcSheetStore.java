package io.contrivance.server.sheet;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.store.SheetStore;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypeRegistry;
import io.contrivance.core.type.TextFormat;
import io.contrivance.server.bootstrap.Database;
import io.contrivance.server.plugin.PluginHost;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

  @Inject Database db;
  @Inject Clock clock;
  @Inject ColumnTypes types;
  @Inject Event<SheetChanged> changed;

  /** The column types available now: the core's plus those of started plugins. */
  @ApplicationScoped
  public static class ColumnTypes {
    @Inject PluginHost plugins;

    public ColumnTypeRegistry registry() {
      return plugins.catalog().registry();
    }
  }

  @Override
  public List<SheetId> sheetIds() {
    return db.read("select id from spreadsheets", ps -> {}, rs -> SheetId.of(rs.getString(1)));
  }

  /** The last schema read per sheet with the text it was read from: reused while the text is unchanged. */
  private record CachedSchema(String name, String description, String columns, String format, SheetSchema schema) {}

  private final Map<SheetId, CachedSchema> schemas = new ConcurrentHashMap<>();

  /** Drops the schemas built so far, so that the next reads build them from the types available now. */
  void forgetSchemas() {
    schemas.clear();
  }

  /**
   * The schema as stored now. Reading it is one small query; building it (parsing every column and
   * its rules) happens only when the stored text changed, so the same instance comes back and the
   * workbook keeps its compiled validator.
   */
  @Override
  public Optional<SheetSchema> schema(SheetId sheet) {
    List<SheetSchema> found =
        db.read(
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
  public Set<RowId> existing(SheetId sheet, Collection<RowId> rows) {
    if (rows.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        db.read(
            "select id from spreadsheet_rows where sheet_id = ? and id = any (?)",
            ps -> {
              ps.setString(1, sheet.value());
              ps.setArray(2, ps.getConnection().createArrayOf("varchar", rows.stream().map(RowId::value).toArray()));
            },
            rs -> RowId.of(rs.getString(1))));
  }

  @Override
  public long revision(SheetId sheet) {
    return db.read("select revision from spreadsheets where id = ?", ps -> ps.setString(1, sheet.value()), rs -> rs.getLong(1)).stream()
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no sheet " + sheet));
  }

  @Override
  public Optional<Row> row(SheetId sheet, RowId row) {
    SheetSchema schema = schema(sheet).orElseThrow();
    return db.read(
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
    return db.read(
        "select id, position, version, data::text from spreadsheet_rows where sheet_id = ? order by position, id",
        ps -> ps.setString(1, sheet.value()),
        rs -> row(rs, schema));
  }

  @Override
  public List<Row> rows(SheetId sheet, long afterPosition, int limit) {
    SheetSchema schema = schema(sheet).orElseThrow();
    return db.read(
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
    return db.read(
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
    return db.read("select count(*) from spreadsheet_rows where sheet_id = ?", ps -> ps.setString(1, sheet.value()), rs -> rs.getLong(1)).get(0);
  }

  @Override
  public void create(SheetSchema schema, List<Row> rows, Origin creator) {
    Timestamp now = Timestamp.from(clock.instant());
    String owner = Objects.requireNonNull(creator.author(), "a sheet of the server is created by a user, its owner");
    db.inTransaction(
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
    commits = new SheetCommits(db.direct(), clock);
  }

  /** Written together with other sheets' commits that arrive meanwhile: see {@link SheetCommits}. */
  @Override
  public void commit(SheetId sheet, Commit commit) {
    commits.commit(sheet, commit, schema -> columnsJson(schema.columns()));
    changed.fireAsync(new SheetChanged(sheet, commit.events()));
  }

  /** The row as a commit on this instance just stored it at this version, if still remembered; forgotten as it is taken. */
  Optional<SheetCommits.StoredRow> takeStored(String sheet, String row, long version) {
    return commits.take(sheet, row, version);
  }

  @Override
  public Optional<List<SheetEvent>> eventsSince(SheetId sheet, long revision) {
    SheetSchema schema = schema(sheet).orElseThrow();
    int most = 1_000;
    List<JsonObject> logged =
        db.read(
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
    var events = new ArrayList<SheetEvent>(logged.size());
    for (JsonObject json : logged) {
      Optional<SheetEvent> event = EventJson.read(sheet, json, schema);
      if (event.isEmpty()) {
        return Optional.empty();
      }
      events.add(event.get());
    }
    return Optional.of(events);
  }

  /** The logged events of a sheet after one revision up to another (inclusive), as stored, for replay to clients. */
  public List<String> loggedEvents(SheetId sheet, long after, long upTo) {
    return db.read(
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
    db.inTransaction(
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
      Column column = ColumnJson.readStored(object, ColumnId.of(object.getString("id")), types.registry(), ids, problems);
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
}
