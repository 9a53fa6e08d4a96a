package io.contrivance.server.sheet;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.ConcurrentEdits;
import io.contrivance.core.sheet.Condition;
import io.contrivance.core.sheet.Rule;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ColumnTypeRegistry;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.server.web.ApiError;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
 * A select's options may be given as {@code "options": [...]} beside the type.
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
    JsonObjectBuilder rules = JSON.createObjectBuilder();
    for (Rule rule : column.rules()) {
      if (rule instanceof Rule.Min min) {
        rules.add("min", CellJson.write(min.bound()));
      } else if (rule instanceof Rule.Max max) {
        rules.add("max", CellJson.write(max.bound()));
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
    column.display().forEach(display::add);
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

  /**
   * Reads a column; problems are added with field names under {@code prefix}, and null returned.
   *
   * @param id the id to give it (a new column) or its existing id
   * @param columnsByName other columns of the sheet by lower-case name and by id, for required_when
   */
  static Column read(JsonObject json, ColumnId id, ColumnTypeRegistry registry, Map<String, ColumnId> columnsByName, String prefix, Problems problems) {
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
        object.forEach((key, value) -> settings.put(key, settingValue(value)));
      }
      if (json.get("options") instanceof JsonArray options) {
        settings.put("options", settingValue(options));
      }
      try {
        type = registry.create(typeId.strip().toLowerCase(Locale.ROOT), settings);
      } catch (IllegalArgumentException e) {
        problems.add(prefix + "column_type", e.getMessage());
      }
    }
    boolean required = json.getBoolean("is_required", false);
    Map<String, String> display = new LinkedHashMap<>();
    if (json.get("display_options") instanceof JsonObject options) {
      options.forEach((key, value) -> display.put(key, value instanceof JsonString s ? s.getString() : value.toString()));
    }
    List<Rule> rules = new ArrayList<>();
    if (type != null && json.get("validation_rules") instanceof JsonObject ruleJson) {
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

  private static void readRules(JsonObject json, ColumnType type, Map<String, ColumnId> columns, String prefix, Problems problems, List<Rule> rules) {
    for (Map.Entry<String, JsonValue> entry : json.entrySet()) {
      String key = entry.getKey();
      JsonValue value = entry.getValue();
      if (value.getValueType() == JsonValue.ValueType.NULL) {
        continue;
      }
      switch (key) {
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
