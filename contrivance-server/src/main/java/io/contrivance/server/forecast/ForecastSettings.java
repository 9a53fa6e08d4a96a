package io.contrivance.server.forecast;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.forecast.DealMapping;
import io.contrivance.core.forecast.ForecastCategory;
import io.contrivance.core.forecast.Stage;
import io.contrivance.core.forecast.StageModel;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.ValueKind;
import io.contrivance.server.web.Checks;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Month;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How a sheet is forecast: its stage model, which columns hold the deal's fields, the currency, the
 * fiscal year's first month and when a deal goes stale. Sheets that never saved settings get {@link
 * #defaults(SheetSchema)}: the Sales pipeline template's stages and the columns found by id, type and
 * name.
 *
 * @param label the column that names a deal on cards and in explanations (e.g. Company), if any
 * @param stored whether these were saved for the sheet (else they are the defaults)
 */
record ForecastSettings(StageModel stages, Optional<DealMapping> mapping, Optional<ColumnId> label, Currency currency, Month fiscalYearStart, int staleAfterDays, boolean stored) {

  static final int DEFAULT_STALE_AFTER_DAYS = 30;

  /** The settings a sheet gets until someone saves its own. */
  static ForecastSettings defaults(SheetSchema schema) {
    Optional<Column> amount = find(schema, "deal_value", c -> c.type().kind() == ValueKind.MONEY, "amount", "deal value", "value");
    Optional<Column> stage = find(schema, "stage", c -> c.type().kind() == ValueKind.CHOICE && c.name().toLowerCase(Locale.ROOT).contains("stage"), "stage");
    Optional<Column> close = find(schema, "expected_close", c -> c.type().kind() == ValueKind.DATE && c.name().toLowerCase(Locale.ROOT).contains("close"), "expected close", "close date");
    Optional<Column> owner = find(schema, "owner", c -> false, "owner");
    Optional<Column> probability = find(schema, "probability", c -> false, "probability");
    Optional<Column> label = find(schema, "company", c -> c.type().kind() == ValueKind.TEXT, "company", "account", "name");
    Currency currency = amount.flatMap(ForecastSettings::currencyOf).orElse(Currency.getInstance("USD"));
    Optional<DealMapping> mapping = Optional.empty();
    if (amount.isPresent() && stage.isPresent() && close.isPresent()) {
      mapping =
          Optional.of(
              new DealMapping(
                  amount.get().id(), stage.get().id(), close.get().id(), owner.map(Column::id), probability.map(Column::id), Optional.empty(), Optional.empty(), Optional.empty()));
    }
    return new ForecastSettings(StageModel.salesPipeline(), mapping, label.map(Column::id), currency, Month.JANUARY, DEFAULT_STALE_AFTER_DAYS, false);
  }

  private static Optional<Column> find(SheetSchema schema, String id, Predicate<Column> byType, String... names) {
    Optional<Column> byId = schema.column(ColumnId.of(id));
    if (byId.isPresent()) {
      return byId;
    }
    for (String name : names) {
      for (Column column : schema.columns()) {
        if (column.name().equalsIgnoreCase(name)) {
          return Optional.of(column);
        }
      }
    }
    return schema.columns().stream().filter(byType).findFirst();
  }

  private static Optional<Currency> currencyOf(Column column) {
    Object code = column.type().settings().get("currency");
    return code instanceof String text ? Optional.of(Currency.getInstance(text)) : Optional.empty();
  }

  /** The columns the forecast reads. */
  List<ColumnId> columns() {
    var columns = new ArrayList<ColumnId>();
    mapping.ifPresent(
        m -> {
          columns.add(m.amount());
          columns.add(m.stage());
          columns.add(m.expectedClose());
          m.owner().ifPresent(columns::add);
          m.probability().ifPresent(columns::add);
          m.category().ifPresent(columns::add);
          m.created().ifPresent(columns::add);
        });
    label.ifPresent(columns::add);
    return columns;
  }

  // ------------------------------------------------------------------ JSON

  JsonObject toJson() {
    var stageArray = JSON.createArrayBuilder();
    for (Stage stage : stages.stages()) {
      stageArray.add(
          JSON.createObjectBuilder()
              .add("name", stage.name())
              .add("probability", stage.probability())
              .add("outcome", stage.outcome().name().toLowerCase(Locale.ROOT))
              .add("category", stage.category().name().toLowerCase(Locale.ROOT)));
    }
    JsonObjectBuilder mappingJson = JSON.createObjectBuilder();
    if (mapping.isPresent()) {
      DealMapping m = mapping.get();
      mappingJson.add("amount", m.amount().value()).add("stage", m.stage().value()).add("expected_close", m.expectedClose().value());
      optional(mappingJson, "owner", m.owner());
      optional(mappingJson, "probability", m.probability());
      optional(mappingJson, "category", m.category());
      optional(mappingJson, "created", m.created());
    } else {
      mappingJson.addNull("amount").addNull("stage").addNull("expected_close").addNull("owner").addNull("probability").addNull("category").addNull("created");
    }
    optional(mappingJson, "label", label);
    return JSON.createObjectBuilder()
        .add("stages", stageArray)
        .add("mapping", mappingJson)
        .add("currency", currency.getCurrencyCode())
        .add("fiscal_year_start", fiscalYearStart.getValue())
        .add("stale_after_days", staleAfterDays)
        .add("stored", stored)
        .build();
  }

  private static void optional(JsonObjectBuilder builder, String name, Optional<ColumnId> column) {
    if (column.isPresent()) {
      builder.add(name, column.get().value());
    } else {
      builder.addNull(name);
    }
  }

  /**
   * Reads settings sent by a client, checking them against the sheet; every problem is reported
   * with its field (422) and nothing is saved.
   */
  static ForecastSettings parse(JsonObject body, SheetSchema schema) {
    Checks checks = new Checks();
    StageModel model = parseStages(body.get("stages"), checks);
    JsonValue mappingValue = body.get("mapping");
    Optional<DealMapping> mapping = Optional.empty();
    Optional<ColumnId> label = Optional.empty();
    Currency currency = Currency.getInstance("USD");
    JsonValue currencyValue = body.get("currency");
    if (currencyValue instanceof JsonString code) {
      try {
        currency = Currency.getInstance(code.getString().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        checks.add("currency", "'" + code.getString() + "' is not an ISO 4217 currency code");
      }
    } else {
      checks.add("currency", "an ISO 4217 currency code such as \"USD\" is required");
    }
    if (mappingValue instanceof JsonObject m) {
      Optional<ColumnId> amount = column(m, "amount", schema, true, checks);
      Optional<ColumnId> stage = column(m, "stage", schema, true, checks);
      Optional<ColumnId> close = column(m, "expected_close", schema, true, checks);
      Optional<ColumnId> owner = column(m, "owner", schema, false, checks);
      Optional<ColumnId> probability = column(m, "probability", schema, false, checks);
      Optional<ColumnId> category = column(m, "category", schema, false, checks);
      Optional<ColumnId> created = column(m, "created", schema, false, checks);
      label = column(m, "label", schema, false, checks);
      if (amount.isPresent() && stage.isPresent() && close.isPresent()) {
        mapping = Optional.of(new DealMapping(amount.get(), stage.get(), close.get(), owner, probability, category, created, Optional.of(currency)));
      }
    } else {
      checks.add("mapping", "an object naming the columns of amount, stage and expected_close is required");
    }
    int fiscal = integer(body, "fiscal_year_start", 1, 1, 12, checks);
    int stale = integer(body, "stale_after_days", DEFAULT_STALE_AFTER_DAYS, 1, 3650, checks);
    checks.orThrow("The forecast settings are not valid");
    return new ForecastSettings(model, mapping, label, currency, Month.of(fiscal), stale, true);
  }

  private static StageModel parseStages(JsonValue value, Checks checks) {
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      checks.add("stages", "a list of at least one stage is required");
      return StageModel.salesPipeline();
    }
    var stages = new ArrayList<Stage>();
    var names = new HashSet<String>();
    boolean won = false;
    for (int i = 0; i < array.size(); i++) {
      String field = "stages[" + i + "]";
      if (!(array.get(i) instanceof JsonObject s)) {
        checks.add(field, "each stage is an object with name, probability, outcome and category");
        continue;
      }
      String name = s.get("name") instanceof JsonString n ? n.getString().strip() : "";
      if (name.isEmpty() || name.length() > 100) {
        checks.add(field + ".name", "a name of 1 to 100 characters is required");
      } else if (!names.add(name.toLowerCase(Locale.ROOT))) {
        checks.add(field + ".name", "another stage is already named '" + name + "'");
      }
      BigDecimal probability = s.get("probability") instanceof JsonNumber p ? p.bigDecimalValue() : null;
      if (probability == null || probability.signum() < 0 || probability.compareTo(BigDecimal.ONE) > 0) {
        checks.add(field + ".probability", "a number from 0 to 1 is required (0.25 is 25 %)");
      }
      Optional<Stage.Outcome> outcome = named(s, "outcome", Stage.Outcome.class);
      if (outcome.isEmpty()) {
        checks.add(field + ".outcome", "one of open, won, lost");
      }
      Optional<ForecastCategory> category = named(s, "category", ForecastCategory.class);
      if (category.isEmpty()) {
        checks.add(field + ".category", "one of pipeline, best_case, commit, closed, omitted");
      }
      if (!name.isEmpty() && name.length() <= 100 && probability != null && probability.signum() >= 0 && probability.compareTo(BigDecimal.ONE) <= 0 && outcome.isPresent() && category.isPresent()) {
        stages.add(new Stage(name, probability, outcome.get(), category.get()));
        won |= outcome.get() == Stage.Outcome.WON;
      }
    }
    if (!won && stages.size() == array.size()) {
      checks.add("stages", "at least one stage must have the outcome won");
    }
    try {
      return new StageModel(stages);
    } catch (IllegalArgumentException e) {
      return StageModel.salesPipeline(); // duplicate names, already reported
    }
  }

  private static <E extends Enum<E>> Optional<E> named(JsonObject object, String field, Class<E> type) {
    if (!(object.get(field) instanceof JsonString text)) {
      return Optional.empty();
    }
    String key = text.getString().strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(key)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }

  private static Optional<ColumnId> column(JsonObject mapping, String field, SheetSchema schema, boolean required, Checks checks) {
    JsonValue value = mapping.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        checks.add("mapping." + field, "the column holding the deal's " + field.replace('_', ' ') + " is required");
      }
      return Optional.empty();
    }
    if (!(value instanceof JsonString text)) {
      checks.add("mapping." + field, "a column id or name");
      return Optional.empty();
    }
    Optional<Column> column = schema.resolve(text.getString());
    if (column.isEmpty()) {
      checks.add("mapping." + field, "the sheet has no column '" + text.getString() + "'");
      return Optional.empty();
    }
    return Optional.of(column.get().id());
  }

  private static int integer(JsonObject body, String field, int fallback, int min, int max, Checks checks) {
    JsonValue value = body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return fallback;
    }
    if (value instanceof JsonNumber number && number.isIntegral() && number.longValue() >= min && number.longValue() <= max) {
      return number.intValue();
    }
    checks.add(field, "a whole number from " + min + " to " + max);
    return fallback;
  }
}
