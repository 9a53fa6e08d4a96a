package io.contrivance.server.sheet;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.server.bootstrap.Database;
import io.contrivance.server.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Saved views of a sheet: a name and how the grid shows the sheet (sort, filters, quick search,
 * hidden columns). Stored as the view's JSON; columns deleted since a view was saved are left out
 * when it is read, so a view never refers to a column the sheet no longer has.
 */
@ApplicationScoped
public class SavedViews {

  @Inject Database db;
  @Inject Clock clock;

  /** A view's settings, as checked against the sheet's columns. */
  record Settings(String sort, List<String> filters, String search, List<String> hidden) {

    JsonObject toJson() {
      var json = JSON.createObjectBuilder();
      if (sort == null) {
        json.addNull("sort");
      } else {
        json.add("sort", sort);
      }
      json.add("filters", JSON.createArrayBuilder(filters));
      if (search == null) {
        json.addNull("q");
      } else {
        json.add("q", search);
      }
      return json.add("hidden", JSON.createArrayBuilder(hidden)).build();
    }

    /** These settings without what refers to a column the sheet no longer has. */
    Settings within(SheetSchema schema) {
      String keptSort = sort != null && schema.resolve(sort.split(":", 2)[0]).isPresent() ? sort : null;
      List<String> keptFilters = filters.stream().filter(f -> schema.resolve(f.split(":", 2)[0]).isPresent()).toList();
      // Hidden ids were checked against the sheet's columns when the view was saved.
      List<String> keptHidden = hidden.stream().filter(id -> schema.column(ColumnId.of(id)).isPresent()).toList();
      return new Settings(keptSort, keptFilters, search, keptHidden);
    }
  }

  record SavedView(String id, String name, Settings settings, String createdBy, Instant updatedAt) {
    JsonObject toJson() {
      var json = JSON.createObjectBuilder().add("id", id).add("name", name);
      settings.toJson().forEach(json::add);
      if (createdBy == null) {
        json.addNull("created_by");
      } else {
        json.add("created_by", createdBy);
      }
      return json.add("updated_at", updatedAt.toString()).build();
    }
  }

  private static final String COLUMNS = "select id, name, view::text, created_by, updated_at from saved_views ";

  List<SavedView> list(SheetSchema schema) {
    return db.read(COLUMNS + "where sheet_id = ? order by lower(name)", ps -> ps.setString(1, schema.id().value()), rs -> view(rs, schema));
  }

  Optional<SavedView> find(SheetSchema schema, String id) {
    return db.read(COLUMNS + "where sheet_id = ? and id = ?", ps -> {
          ps.setString(1, schema.id().value());
          ps.setString(2, id);
        }, rs -> view(rs, schema)).stream().findFirst();
  }

  SavedView create(SheetId sheet, String name, Settings settings, String userId) {
    String id = UUID.randomUUID().toString();
    Timestamp now = Timestamp.from(clock.instant());
    try {
      db.write("insert into saved_views (id, sheet_id, name, view, created_by, created_at, updated_at) values (?, ?, ?, ?::jsonb, ?, ?, ?)", ps -> {
        ps.setString(1, id);
        ps.setString(2, sheet.value());
        ps.setString(3, name);
        ps.setString(4, settings.toJson().toString());
        ps.setString(5, userId);
        ps.setTimestamp(6, now);
        ps.setTimestamp(7, now);
      });
    } catch (Database.DuplicateKeyException e) {
      throw taken(name);
    }
    return new SavedView(id, name, settings, userId, now.toInstant());
  }

  /** Changes a view: the view as it is now, or empty if there is none by that id. */
  Optional<SavedView> update(SheetSchema schema, String id, String name, Settings settings) {
    int changed;
    try {
      changed = db.write("update saved_views set name = ?, view = ?::jsonb, updated_at = ? where sheet_id = ? and id = ?", ps -> {
            ps.setString(1, name);
            ps.setString(2, settings.toJson().toString());
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            ps.setString(4, schema.id().value());
            ps.setString(5, id);
          });
    } catch (Database.DuplicateKeyException e) {
      throw taken(name);
    }
    return changed == 1 ? find(schema, id) : Optional.empty();
  }

  boolean delete(SheetId sheet, String id) {
    return db.write("delete from saved_views where sheet_id = ? and id = ?", Database.params(sheet.value(), id)) == 1;
  }

  private static ApiException taken(String name) {
    return ApiException.conflict("view_exists", "The sheet already has a view named \"" + name + "\"");
  }

  private static SavedView view(ResultSet rs, SheetSchema schema) throws SQLException {
    JsonObject json;
    try (JsonReader reader = JSON.createReader(new StringReader(rs.getString(3)))) {
      json = reader.readObject();
    }
    Settings settings = new Settings(
        json.get("sort") instanceof JsonString s ? s.getString() : null,
        strings(json.getJsonArray("filters")),
        json.get("q") instanceof JsonString q ? q.getString() : null,
        strings(json.getJsonArray("hidden")));
    return new SavedView(rs.getString(1), rs.getString(2), settings.within(schema), rs.getString(4), rs.getTimestamp(5).toInstant());
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }
}
