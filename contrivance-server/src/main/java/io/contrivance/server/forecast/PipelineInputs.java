package io.contrivance.server.forecast;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.forecast.Deal;
import io.contrivance.core.forecast.DealHistory;
import io.contrivance.core.forecast.DealMapping;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.CellValue;
import io.contrivance.server.bootstrap.Database;
import io.contrivance.server.sheet.JdbcSheetStore;
import io.contrivance.server.sheet.RowTimeline;
import io.contrivance.server.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the forecast reads from a sheet: its settings, its deals now and each deal's history rebuilt
 * from the audit log. Inputs are kept per sheet until its revision or settings change, so figures
 * always match the sheet's latest stored state while repeated reads of an unchanged sheet are
 * cheap. Days are UTC days.
 */
@ApplicationScoped
public class PipelineInputs {

  @Inject JdbcSheetStore store;

  @Inject Database db;
  @Inject RowTimeline timeline;
  @Inject Clock clock;

  /** A sheet's deals at one revision, with their histories and names. */
  record Inputs(long revision, ForecastSettings settings, List<Deal> deals, List<DealHistory> histories, Map<String, String> labels) {}

  private static final int CACHED_SHEETS = 64;
  private final Map<String, Inputs> cache = new ConcurrentHashMap<>();

  /** The sheet's settings: saved ones, or the defaults when none were saved (or they no longer fit the sheet). */
  ForecastSettings settings(SheetSchema schema) {
    List<String> saved = db.read("select settings::text from forecast_settings where sheet_id = ?", ps -> ps.setString(1, schema.id().value()), rs -> rs.getString(1));
    if (saved.isEmpty()) {
      return ForecastSettings.defaults(schema);
    }
    try (JsonReader reader = JSON.createReader(new StringReader(saved.get(0)))) {
      return ForecastSettings.parse(reader.readObject(), schema);
    } catch (ApiException e) {
      return ForecastSettings.defaults(schema); // a mapped column was deleted since: start over from the defaults
    }
  }

  void save(SheetId sheet, ForecastSettings settings) {
    JsonObject json = settings.toJson();
    Timestamp now = Timestamp.from(clock.instant());
    db.write(
        "insert into forecast_settings (sheet_id, settings, updated_at) values (?, ?::jsonb, ?) "
            + "on conflict (sheet_id) do update set settings = excluded.settings, updated_at = excluded.updated_at",
        ps -> {
          ps.setString(1, sheet.value());
          ps.setString(2, json.toString());
          ps.setTimestamp(3, now);
        });
    cache.remove(sheet.value());
  }

  /** Today, as the forecast counts days. */
  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** The sheet's deals and histories now; 409 when its columns are not mapped yet. */
  Inputs inputs(SheetSchema schema, ForecastSettings settings) {
    if (settings.mapping().isEmpty()) {
      throw ApiException.conflict(
          "forecast_not_configured", "Say which columns hold each deal's amount, stage and expected close first (PUT /api/spreadsheets/" + schema.id().value() + "/forecast/settings)");
    }
    long revision = store.revision(schema.id());
    Inputs cached = cache.get(schema.id().value());
    if (cached != null && cached.revision() == revision && cached.settings().equals(settings)) {
      return cached;
    }
    Inputs inputs = load(schema, settings, revision);
    if (cache.size() >= CACHED_SHEETS) {
      cache.clear();
    }
    cache.put(schema.id().value(), inputs);
    return inputs;
  }

  private Inputs load(SheetSchema schema, ForecastSettings settings, long revision) {
    DealMapping mapping = settings.mapping().orElseThrow();
    List<ColumnId> columns = settings.columns();
    Map<String, String> labels = new HashMap<>();
    // Histories from the audit log, oldest change first.
    Map<String, List<DealHistory.Version>> versions = new LinkedHashMap<>();
    Map<String, Map<ColumnId, CellValue>> state = new HashMap<>();
    Map<String, LocalDate> created = new HashMap<>();
    for (RowTimeline.RowChange change : timeline.changes(schema, columns)) {
      String id = change.row().value();
      LocalDate on = day(change.at());
      Optional<Deal> deal;
      if (change.kind() == RowTimeline.Kind.DELETED) {
        state.remove(id);
        deal = Optional.empty();
      } else {
        Map<ColumnId, CellValue> cells = change.kind() == RowTimeline.Kind.CREATED ? new HashMap<>() : state.computeIfAbsent(id, k -> new HashMap<>());
        if (change.kind() == RowTimeline.Kind.CREATED) {
          state.put(id, cells);
          created.putIfAbsent(id, on);
        }
        cells.putAll(change.cells());
        Row row = Row.of(RowId.of(id), 0, cells);
        deal = Optional.of(mapping.read(row, Optional.ofNullable(created.get(id))));
        settings.label().ifPresent(l -> label(row.cell(l)).ifPresent(text -> labels.put(id, text)));
      }
      versions.computeIfAbsent(id, k -> new ArrayList<>()).add(new DealHistory.Version(on, deal));
    }
    // The rows now: the source of truth for each deal's current state.
    var deals = new ArrayList<Deal>();
    for (RowTimeline.DatedRow dated : timeline.rows(schema, columns)) {
      String id = dated.row().id().value();
      Deal deal = mapping.read(dated.row(), Optional.of(day(dated.createdAt())));
      deals.add(deal);
      settings.label().ifPresent(l -> label(dated.row().cell(l)).ifPresent(text -> labels.put(id, text)));
      List<DealHistory.Version> history = versions.computeIfAbsent(id, k -> new ArrayList<>());
      if (history.isEmpty()) {
        history.add(new DealHistory.Version(day(dated.createdAt()), Optional.of(deal)));
      } else if (!history.get(history.size() - 1).deal().equals(Optional.of(deal))) {
        // Changes the audit log does not itemize (a column's type changed) end in the row as it is.
        DealHistory.Version last = history.get(history.size() - 1);
        history.set(history.size() - 1, new DealHistory.Version(last.on(), Optional.of(deal)));
      }
    }
    var histories = new ArrayList<DealHistory>(versions.size());
    versions.forEach((id, list) -> histories.add(new DealHistory(id, list)));
    return new Inputs(revision, settings, List.copyOf(deals), List.copyOf(histories), Map.copyOf(labels));
  }

  private static Optional<String> label(CellValue cell) {
    if (cell instanceof CellValue.Text text) {
      return Optional.of(text.value());
    }
    if (cell instanceof CellValue.Choice choice) {
      return Optional.of(choice.option());
    }
    return Optional.empty();
  }

  private static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }
}
