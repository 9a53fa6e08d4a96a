package io.contrivance.server.sheet;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.ConcurrentEdits;
import io.contrivance.core.sheet.Condition;
import io.contrivance.core.sheet.Rule;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ColumnTypeRegistry;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.server.web.ApiError;
import io.contrivance.server.web.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Column definitions as JSON, on the wire and in storage:
 *
 * <pre>{@code
 * {"id": "deal_value", "name": "Deal Value", "column_type": "currency", "type_settings": {"currency": "USD"},
 *  "is_required": false, "validation_rules": {"min": 0}, "display_options": {"width": "120"}}
 * }</pre>
 *
 * {@code validation_rules} keys: {@code min}, {@code max} (values of the column's type),
 * {@code min_length}, {@code max_length}, {@code pattern}, {@code unique} (true) and {@code
 * required_when} ({@code {"column": "<id or name>", "operator": "at_least", "values": ["Proposal"]}}).
 * {@code validation_rules} also holds a select's {@code options}, as in the seed's request body;
 * they may be given there, in {@code type_settings} or as {@code "options": [...]} beside the type,
 * and are written in both {@code validation_rules} and {@code type_settings}.
 */
public final class ColumnJson {

  private ColumnJson() {}

  /** A problem with one field of the request, e.g. {@code columns[2].validation_rules.min}. */
  static final class Problems {
    final List<ApiError.Detail> details = new ArrayList<>();

    void add(String field, String message) {
      details.add(ApiError.Detail.of(field, message));
    }
  }

  public static JsonObject write(Column column) {
    if (column.type() instanceof UnavailableType unavailable) {
      return unavailable.stored();
    }
    JsonObjectBuilder rules = JSON.createObjectBuilder();
    if (column.type().settings().get("options") instanceof List<?> options) {
      // Where the seed's request body gives them; type_settings holds them too.
      rules.add("options", JSON.createArrayBuilder(options));
    }
    for (Rule rule : column.rules()) {
      if (rule instanceof Rule.Min min) {
        rules.add("min", bound(min.bound(), column.type()));
      } else if (rule instanceof Rule.Max max) {
        rules.add("max", bound(max.bound(), column.type()));
      } else if (rule instanceof Rule.MinLength r) {
        rules.add("min_length", r.length());
      } else if (rule instanceof Rule.MaxLength r) {
        rules.add("max_length", r.length());
      } else if (rule instanceof Rule.Pattern r) {
        rules.add("pattern", r.regex());
      } else if (rule instanceof Rule.Unique) {
        rules.add("unique", true);
      } else if (rule instanceof Rule.RequiredWhen r) {
        rules.add(
            "required_when",
            JSON.createObjectBuilder()
                .add("column", r.condition().column().value())
                .add("operator", r.condition().operator().name().toLowerCase(Locale.ROOT))
                .add("values", JSON.createArrayBuilder(r.condition().values())));
      }
    }
    JsonObjectBuilder settings = JSON.createObjectBuilder();
    column.type().settings().forEach((key, value) -> settings.add(key, settingJson(value)));
    JsonObjectBuilder display = JSON.createObjectBuilder();
    column.display().forEach((key, value) -> display.add(key, displayJson(value)));
    return JSON.createObjectBuilder()
        .add("id", column.id().value())
        .add("name", column.name())
        .add("column_type", column.type().id())
        .add("type_settings", settings)
        .add("is_required", column.required())
        .add("validation_rules", rules)
        .add("display_options", display)
        .add("concurrent_edits", column.concurrentEdits().name().toLowerCase(Locale.ROOT))
        .build();
  }

  /** A bound as it is given: an amount in the column's own currency as a plain number ({@code "min": 0}). */
  private static JsonValue bound(CellValue bound, ColumnType type) {
    if (bound instanceof CellValue.Money money && money.currency().getCurrencyCode().equals(type.settings().get("currency"))) {
      return Jsons.decimal(money.amount());
    }
    return CellJson.write(bound);
  }

  /**
   * Reads a column; problems are added with field names under {@code prefix}, and null returned.
   *
   * @param id the id to give it (a new column) or its existing id
   * @param columnsByName other columns of the sheet by lower-case name and by id, for required_when
   */
  static Column read(JsonObject json, ColumnId id, ColumnTypeRegistry registry, Map<String, ColumnId> columnsByName, String prefix, Problems problems) {
    return read(json, id, registry, columnsByName, prefix, problems, false);
  }

  /**
   * Reads a column as the store kept it: one whose type no plugin provides now reads with an {@link
   * UnavailableType}, keeping its values, instead of failing the whole sheet.
   */
  static Column readStored(JsonObject json, ColumnId id, ColumnTypeRegistry registry, Map<String, ColumnId> columnsByName, Problems problems) {
    return read(json, id, registry, columnsByName, "", problems, true);
  }

  private static Column read(JsonObject json, ColumnId id, ColumnTypeRegistry registry, Map<String, ColumnId> columnsByName, String prefix, Problems problems, boolean stored) {
    int before = problems.details.size();
    String name = string(json, "name");
    if (name == null || name.isBlank()) {
      problems.add(prefix + "name", "is required");
    }
    String typeId = string(json, "column_type");
    if (typeId == null) {
      typeId = string(json, "type");
    }
    ColumnType type = null;
    if (typeId == null) {
      problems.add(prefix + "column_type", "is required");
    } else {
      Map<String, Object> settings = new LinkedHashMap<>();
      JsonValue rawSettings = json.get("type_settings");
      if (rawSettings instanceof JsonObject object) {
        object.forEach((key, value) -> {
          if (!key.equals("options")) {
            settings.put(key, settingValue(value));
          }
        });
      }
      Object options = options(json, prefix, problems);
      if (options != null) {
        settings.put("options", options);
      }
      String typeKey = typeId.strip().toLowerCase(Locale.ROOT);
      try {
        type = stored && !registry.ids().contains(typeKey) ? new UnavailableType(typeKey, settings, json) : registry.create(typeKey, settings);
      } catch (IllegalArgumentException e) {
        problems.add(prefix + "column_type", e.getMessage());
      }
    }
    boolean required = json.getBoolean("is_required", false) && !(type instanceof UnavailableType);
    Map<String, String> display = new LinkedHashMap<>();
    if (json.get("display_options") instanceof JsonObject options) {
      options.forEach((key, value) -> display.put(key, displayText(value)));
    }
    List<Rule> rules = new ArrayList<>();
    if (type != null && !(type instanceof UnavailableType) && json.get("validation_rules") instanceof JsonObject ruleJson) {
      readRules(ruleJson, type, columnsByName, prefix + "validation_rules.", problems, rules);
    }
    ConcurrentEdits concurrentEdits = type == null ? null : ConcurrentEdits.defaultFor(type);
    String policy = string(json, "concurrent_edits");
    if (policy != null) {
      try {
        concurrentEdits = ConcurrentEdits.valueOf(policy.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(prefix + "concurrent_edits", "must be last_writer_wins, merge_sets (multi-select only) or flag_conflict");
      }
    }
    if (problems.details.size() > before) {
      return null;
    }
    try {
      return new Column(id, name, type, required, rules, display, concurrentEdits);
    } catch (InvalidDefinitionException e) {
      e.problems().forEach(p -> problems.add(prefix.isEmpty() ? "column" : prefix.substring(0, prefix.length() - 1), p));
      return null;
    }
  }

  /** Where a select's options may be given: the seed's shape, beside the type, and the type's settings. */
  private static final List<String> OPTION_PLACES = List.of("validation_rules.options", "options", "type_settings.options");

  /**
   * A select's options from wherever they were given, or null. Given in more than one place, they
   * must agree: a client that edits one copy of what it read and sends both back would otherwise
   * have one of its edits silently ignored.
   */
  private static Object options(JsonObject json, String prefix, Problems problems) {
    Object found = null;
    String foundAt = null;
    for (String place : OPTION_PLACES) {
      JsonValue value = optionsAt(json, place);
      if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
        continue;
      }
      if (!(value instanceof JsonArray array)) {
        problems.add(prefix + place, "must be an array of option names");
        continue;
      }
      Object options = settingValue(array);
      if (found == null) {
        found = options;
        foundAt = place;
      } else if (!found.equals(options)) {
        problems.add(prefix + place, "differs from " + foundAt + "; give the options once");
      }
    }
    return found;
  }

  /** Whether a column body gives a select's options, in any of the places they may be. */
  static boolean givesOptions(JsonObject json) {
    return OPTION_PLACES.stream().anyMatch(place -> optionsAt(json, place) != null);
  }

  /** What stands at one of {@link #OPTION_PLACES} ({@code options} or {@code <object>.options}), or null. */
  private static JsonValue optionsAt(JsonObject json, String place) {
    int dot = place.indexOf('.');
    if (dot < 0) {
      return json.get(place);
    }
    return json.get(place.substring(0, dot)) instanceof JsonObject parent ? parent.get("options") : null;
  }

  private static void readRules(JsonObject json, ColumnType type, Map<String, ColumnId> columns, String prefix, Problems problems, List<Rule> rules) {
    for (Map.Entry<String, JsonValue> entry : json.entrySet()) {
      String key = entry.getKey();
      JsonValue value = entry.getValue();
      if (value.getValueType() == JsonValue.ValueType.NULL) {
        continue;
      }
      switch (key) {
        case "options" -> {
          // Read with the type's settings; only a column with options may have them.
          if (!type.settings().containsKey("options")) {
            problems.add(prefix + key, "only select and multi-select columns have options");
          }
        }
        case "min", "max" -> {
          ParseResult bound = CellJson.read(value, type, TextFormat.ISO);
          if (bound instanceof ParseResult.Valid valid && !valid.value().isBlank()) {
            rules.add(key.equals("min") ? Rule.min(valid.value()) : Rule.max(valid.value()));
          } else {
            problems.add(prefix + key, bound instanceof ParseResult.Invalid invalid ? invalid.message() : "cannot be empty");
          }
        }
        case "min_length", "max_length" -> {
          if (value instanceof JsonNumber n && n.isIntegral()) {
            rules.add(key.equals("min_length") ? Rule.minLength(n.intValue()) : Rule.maxLength(n.intValue()));
          } else {
            problems.add(prefix + key, "must be a whole number");
          }
        }
        case "pattern" -> {
          if (value instanceof JsonString s) {
            rules.add(Rule.pattern(s.getString()));
          } else {
            problems.add(prefix + key, "must be a regular expression as a string");
          }
        }
        case "unique" -> {
          if (value == JsonValue.TRUE) {
            rules.add(Rule.unique());
          } else if (value != JsonValue.FALSE) {
            problems.add(prefix + key, "must be true or false");
          }
        }
        case "required_when" -> {
          Condition condition = condition(value, columns, prefix + key, problems);
          if (condition != null) {
            rules.add(Rule.requiredWhen(condition));
          }
        }
        default -> problems.add(prefix + key, "is not a known rule (min, max, min_length, max_length, pattern, unique, required_when)");
      }
    }
  }

  private static Condition condition(JsonValue value, Map<String, ColumnId> columns, String field, Problems problems) {
    if (!(value instanceof JsonObject json)) {
      problems.add(field, "must be an object with column, operator and values");
      return null;
    }
    String columnRef = string(json, "column");
    ColumnId column = columnRef == null ? null : columns.getOrDefault(columnRef, columns.get(columnRef.strip().toLowerCase(Locale.ROOT)));
    if (column == null) {
      problems.add(field + ".column", "must name a column of the sheet");
      return null;
    }
    Condition.Operator operator;
    try {
      operator = Condition.Operator.valueOf(String.valueOf(string(json, "operator")).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(field + ".operator", "must be one of blank, not_blank, in, not_in, at_least, at_most, above, below");
      return null;
    }
    List<String> values = new ArrayList<>();
    if (json.get("values") instanceof JsonArray array) {
      for (JsonValue v : array) {
        values.add(v instanceof JsonString s ? s.getString() : v.toString());
      }
    } else if (json.get("value") != null) {
      JsonValue v = json.get("value");
      values.add(v instanceof JsonString s ? s.getString() : v.toString());
    }
    try {
      return new Condition(column, operator, values);
    } catch (IllegalArgumentException e) {
      problems.add(field + ".values", e.getMessage());
      return null;
    }
  }

  /**
   * A display option as the core keeps it (text): a string as itself, unless it reads as JSON
   * ({@code "120"}, {@code "true"}), which is kept quoted; any other value as its JSON text. So that
   * {@code {"width": 200, "align": "left", "label": "120"}} comes back exactly as it was sent.
   */
  private static String displayText(JsonValue value) {
    if (value instanceof JsonString s) {
      return parseJson(s.getString()) == null ? s.getString() : value.toString();
    }
    return value.toString();
  }

  private static JsonValue displayJson(String text) {
    JsonValue parsed = parseJson(text);
    return parsed == null ? JSON.createValue(text) : parsed;
  }

  private static JsonValue parseJson(String text) {
    try (JsonReader reader = JSON.createReader(new StringReader(text))) {
      return reader.readValue();
    } catch (JsonException | IllegalStateException e) {
      return null;
    }
  }

  static String string(JsonObject json, String key) {
    return json.get(key) instanceof JsonString s ? s.getString() : null;
  }

  private static Object settingValue(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NUMBER -> ((JsonNumber) value).bigDecimalValue();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case ARRAY -> ((JsonArray) value).stream().map(v -> v instanceof JsonString s ? s.getString() : v.toString()).toList();
      default -> value.toString();
    };
  }

  private static JsonValue settingJson(Object value) {
    if (value instanceof String s) {
      return JSON.createValue(s);
    }
    if (value instanceof Integer i) {
      return JSON.createValue(i);
    }
    if (value instanceof Boolean b) {
      return b ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (value instanceof List<?> list) {
      return JSON.createArrayBuilder(list).build();
    }
    return JSON.createValue(String.valueOf(value));
  }
}
