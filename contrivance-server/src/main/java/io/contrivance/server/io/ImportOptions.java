package io.contrivance.server.io;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.TextFormat;
import io.contrivance.server.web.Checks;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How to import a file, as the client asked (query parameters or multipart fields), checked and
 * stored with the import so that a resumed import reads the file the same way.
 *
 * @param mapping file header → column id or name; a header mapped to "" or null is skipped; headers
 *     not listed go to the column of the same name (or id), if any
 * @param locale a BCP 47 tag ({@code de-DE}) or a named format ({@code ISO}, {@code US}, {@code UK},
 *     {@code EUROPE}); null: the sheet's own
 */
record ImportOptions(
    String mode, String key, Map<String, String> mapping, String locale, String onError, boolean dryRun, String kind, String encoding, String delimiter, String worksheet, String name) {

  static final String APPEND = "append";
  static final String UPSERT = "upsert";
  static final String REPLACE = "replace";

  boolean skipBadRows() {
    return "skip".equals(onError);
  }

  /** Reads and checks the options; every problem is named in one 422. */
  static ImportOptions parse(Map<String, String> given) {
    Checks checks = new Checks();
    String mode = lower(given.get("mode"), APPEND);
    checks.require(mode.equals(APPEND) || mode.equals(UPSERT) || mode.equals(REPLACE), "mode", "must be append, upsert or replace");
    String key = blankToNull(given.get("key"));
    checks.require(!mode.equals(UPSERT) || key != null, "key", "is required for mode=upsert: the column whose value matches a file row to a sheet row");
    String onError = lower(given.get("on_error"), "abort");
    checks.require(onError.equals("skip") || onError.equals("abort"), "on_error", "must be skip (import the good rows) or abort (import nothing if a row is refused)");
    String dry = lower(given.get("dry_run"), "false");
    checks.require(dry.equals("true") || dry.equals("false"), "dry_run", "must be true or false");
    Map<String, String> mapping = new LinkedHashMap<>();
    String mappingText = blankToNull(given.get("mapping"));
    if (mappingText != null) {
      try (JsonReader reader = JSON.createReader(new StringReader(mappingText))) {
        JsonValue value = reader.readValue();
        if (!(value instanceof JsonObject object)) {
          checks.add("mapping", "must be a JSON object of file header to column id or name");
        } else {
          for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            if (entry.getValue() instanceof JsonString s) {
              mapping.put(entry.getKey(), s.getString());
            } else if (entry.getValue().getValueType() == JsonValue.ValueType.NULL) {
              mapping.put(entry.getKey(), "");
            } else {
              checks.add("mapping." + entry.getKey(), "must be a column id or name, or null to skip the file's column");
            }
          }
        }
      } catch (JsonParsingException e) {
        checks.add("mapping", "is not valid JSON: " + e.getMessage());
      }
    }
    String locale = blankToNull(given.get("locale"));
    if (locale != null && format(locale).isEmpty()) {
      checks.add("locale", "must be a language tag such as de-DE or en-US, or ISO, US, UK or EUROPE");
    }
    String kind = blankToNull(given.get("format")) == null ? null : lower(given.get("format"), null);
    checks.require(kind == null || kind.equals("csv") || kind.equals("xlsx"), "format", "must be csv or xlsx (detected when left out)");
    String encoding = blankToNull(given.get("encoding"));
    if (encoding != null) {
      try {
        Charset.forName(encoding);
      } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
        checks.add("encoding", "is not an encoding this server knows (utf-8, utf-16, windows-1252, iso-8859-1, …)");
      }
    }
    String delimiter = given.get("delimiter");
    if (delimiter != null && !delimiter.isEmpty()) {
      delimiter = delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
      checks.require(delimiter.length() == 1 && delimiter.charAt(0) != '"' && delimiter.charAt(0) != '\n' && delimiter.charAt(0) != '\r', "delimiter", "must be one character (\\t for a tab), not a quote or line break");
    } else {
      delimiter = null;
    }
    String name = blankToNull(given.get("name"));
    checks.require(name == null || name.length() <= 200, "name", "must be at most 200 characters");
    checks.orThrow("The import has invalid options");
    return new ImportOptions(mode, key, Map.copyOf(mapping), locale, onError, dry.equals("true"), kind, encoding, delimiter, blankToNull(given.get("worksheet")), name);
  }

  /** Checks the options that name columns against the sheet. */
  void checkAgainst(SheetSchema schema) {
    Checks checks = new Checks();
    if (key != null) {
      checks.require(schema.resolve(key).isPresent(), "key", "'" + key + "' is not a column of this sheet");
    }
    mapping.forEach((header, column) -> checks.require(column.isEmpty() || schema.resolve(column).isPresent(), "mapping." + header, "'" + column + "' is not a column of this sheet"));
    checks.orThrow("The import names columns the sheet does not have");
  }

  /** How numbers and dates in the file are written. */
  TextFormat textFormat(SheetSchema schema) {
    return locale == null ? schema.format() : format(locale).orElse(schema.format());
  }

  static Optional<TextFormat> format(String locale) {
    Optional<TextFormat> named = TextFormat.named(locale);
    if (named.isPresent()) {
      return named;
    }
    try {
      Locale parsed = new Locale.Builder().setLanguageTag(locale.replace('_', '-')).build();
      return parsed.getLanguage().isEmpty() ? Optional.empty() : Optional.of(TextFormat.of(parsed));
    } catch (IllformedLocaleException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  Optional<Column> keyColumn(SheetSchema schema) {
    return key == null ? Optional.empty() : schema.resolve(key);
  }

  TabularFile.Format fileFormat() {
    return new TabularFile.Format(kind, encoding == null ? null : Charset.forName(encoding), delimiter == null ? null : delimiter.charAt(0), worksheet);
  }

  String json() {
    JsonObjectBuilder map = JSON.createObjectBuilder();
    mapping.forEach(map::add);
    JsonObjectBuilder json = JSON.createObjectBuilder().add("mode", mode).add("on_error", onError).add("dry_run", dryRun).add("mapping", map);
    put(json, "key", key);
    put(json, "locale", locale);
    put(json, "format", kind);
    put(json, "encoding", encoding);
    put(json, "delimiter", delimiter);
    put(json, "worksheet", worksheet);
    put(json, "name", name);
    return json.build().toString();
  }

  static ImportOptions fromJson(String text) {
    try (JsonReader reader = JSON.createReader(new StringReader(text))) {
      JsonObject json = reader.readObject();
      Map<String, String> mapping = new LinkedHashMap<>();
      json.getJsonObject("mapping").forEach((k, v) -> mapping.put(k, ((JsonString) v).getString()));
      return new ImportOptions(
          json.getString("mode"), json.getString("key", null), Map.copyOf(mapping), json.getString("locale", null), json.getString("on_error"), json.getBoolean("dry_run"),
          json.getString("format", null), json.getString("encoding", null), json.getString("delimiter", null), json.getString("worksheet", null), json.getString("name", null));
    }
  }

  private static void put(JsonObjectBuilder json, String key, String value) {
    if (value != null) {
      json.add(key, value);
    }
  }

  private static String lower(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value.strip().toLowerCase(Locale.ROOT);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
