package io.contrivance.server.sheet;

import io.contrivance.core.IdSource;
import io.contrivance.core.Sheet;
import io.contrivance.core.SheetEvent;
import io.contrivance.core.Workbook;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.server.auth.CurrentUser;
import io.contrivance.server.web.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's workbook: the core engine over {@link JdbcSheetStore}, plus who may touch which
 * sheet and the audit log. Every accepted change is written to {@code activity} by a listener that
 * runs in the editing transaction, so a change and its audit entry commit together or not at all.
 */
@ApplicationScoped
public class Sheets {

  @Inject JdbcSheetStore store;
  @Inject CurrentUser currentUser;
  @Inject Clock clock;

  private Workbook workbook;
  private final Set<SheetId> audited = ConcurrentHashMap.newKeySet();

  @PostConstruct
  void init() {
    workbook = Workbook.builder().store(store).ids(IdSource.uuids()).clock(clock).build();
  }

  public Workbook workbook() {
    return workbook;
  }

  /**
   * The sheet, if the current user may see it with at least the given role. A sheet the user may
   * not see at all is reported as not found, so that its existence does not leak.
   */
  public Sheet open(String id, SheetRole needed) {
    return access(id, needed).sheet();
  }

  /** A sheet together with the caller's role on it, checked as in {@link #open}. */
  public record Access(Sheet sheet, SheetRole role) {}

  /** As {@link #open}, also telling the caller's role (one lookup for both). */
  public Access access(String id, SheetRole needed) {
    SheetRole role = roleOf(id).orElseThrow(() -> ApiException.notFound("The spreadsheet"));
    if (!role.atLeast(needed)) {
      throw ApiException.forbidden("forbidden", "You are a " + role.wire() + " of this spreadsheet and may not do this");
    }
    Sheet sheet = workbook.open(SheetId.of(id)).orElseThrow(() -> ApiException.notFound("The spreadsheet"));
    if (audited.add(sheet.id())) {
      sheet.onChange(this::audit);
    }
    return new Access(sheet, role);
  }

  /** The current user's role on a sheet, if any. */
  private java.util.Optional<SheetRole> roleOf(String id) {
    if (id == null || id.length() > 36) {
      return java.util.Optional.empty();
    }
    List<String> roles =
        store.query(
            "select case when s.owner_id = ? then 'OWNER' else c.role end from spreadsheets s "
                + "left join collaborators c on c.sheet_id = s.id and c.user_id = ? where s.id = ?",
            ps -> {
              ps.setString(1, currentUser.id());
              ps.setString(2, currentUser.id());
              ps.setString(3, id);
            },
            rs -> rs.getString(1));
    return roles.stream().filter(Objects::nonNull).findFirst().map(r -> SheetRole.valueOf(r.toUpperCase(java.util.Locale.ROOT)));
  }

  private record Entry(String action, String row, String column, JsonValue oldValue, JsonValue newValue) {}

  /** Records an accepted change in the audit log (same transaction as the change), in one batch. */
  void audit(SheetEvent event) {
    List<Entry> entries = new java.util.ArrayList<>();
    collect(event, entries);
    String user = currentUser.isPresent() ? currentUser.id() : null;
    Timestamp at = Timestamp.from(event.at());
    store.batch(
        "insert into activity (sheet_id, user_id, at, revision, action, row_id, column_id, old_value, new_value) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)",
        entries,
        (ps, e) -> {
          ps.setString(1, event.sheet().value());
          ps.setString(2, user);
          ps.setTimestamp(3, at);
          ps.setLong(4, event.revision());
          ps.setString(5, e.action());
          ps.setString(6, e.row());
          ps.setString(7, e.column());
          ps.setString(8, e.oldValue() == null ? null : e.oldValue().toString());
          ps.setString(9, e.newValue() == null ? null : e.newValue().toString());
        });
  }

  private static void collect(SheetEvent event, List<Entry> entries) {
    if (event instanceof SheetEvent.RowsAdded added) {
      for (Row row : added.rows()) {
        entries.add(new Entry("row_created", row.id().value(), null, null, json(row.cells())));
      }
    } else if (event instanceof SheetEvent.RowUpdated updated) {
      Set<io.contrivance.core.sheet.ColumnId> columns = new java.util.LinkedHashSet<>(updated.before().cells().keySet());
      columns.addAll(updated.after().cells().keySet());
      for (var column : columns) {
        var before = updated.before().cell(column);
        var after = updated.after().cell(column);
        if (!before.equals(after)) {
          entries.add(new Entry("cell_updated", updated.after().id().value(), column.value(), CellJson.write(before), CellJson.write(after)));
        }
      }
    } else if (event instanceof SheetEvent.RowsDeleted deleted) {
      for (Row row : deleted.rows()) {
        entries.add(new Entry("row_deleted", row.id().value(), null, json(row.cells()), null));
      }
    } else if (event instanceof SheetEvent.RowMoved moved) {
      entries.add(new Entry("row_moved", moved.after().id().value(), null, Json.createValue(moved.before().position()), Json.createValue(moved.after().position())));
    } else if (event instanceof SheetEvent.SchemaChanged changed) {
      entries.add(new Entry("schema_changed", null, null, schemaJson(changed.before()), schemaJson(changed.after())));
    }
  }

  private static JsonValue json(Map<io.contrivance.core.sheet.ColumnId, io.contrivance.core.type.CellValue> cells) {
    JsonObjectBuilder builder = Json.createObjectBuilder();
    cells.forEach((c, v) -> builder.add(c.value(), CellJson.write(v)));
    return builder.build();
  }

  private static JsonValue schemaJson(io.contrivance.core.sheet.SheetSchema schema) {
    var columns = Json.createArrayBuilder();
    schema.columns().forEach(c -> columns.add(ColumnJson.write(c)));
    return Json.createObjectBuilder().add("name", schema.name()).add("description", schema.description()).add("columns", columns).build();
  }
}
