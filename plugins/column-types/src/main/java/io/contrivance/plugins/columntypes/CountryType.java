package io.contrivance.plugins.columntypes;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.core.type.ValueKind;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A country as its ISO 3166-1 alpha-2 code ({@code DE}), typed as the code in any case or as the
 * country's English name ({@code Germany}); shown as the code, which the UI shows with its name.
 */
record CountryType() implements ColumnType {

  static final String ID = "country";

  private static final Set<String> CODES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
  private static final Map<String, String> BY_NAME = byName();

  private static Map<String, String> byName() {
    Map<String, String> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String code : CODES) {
      names.put(new Locale("", code).getDisplayCountry(Locale.ENGLISH), code);
    }
    return names;
  }

  /** The English name of a code, for showing it. */
  static String name(String code) {
    return new Locale("", code).getDisplayCountry(Locale.ENGLISH);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ValueKind kind() {
    return ValueKind.TEXT;
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of();
  }

  @Override
  public ParseResult parse(String text, TextFormat format) {
    String t = text.strip();
    if (t.isEmpty()) {
      return ParseResult.valid(CellValue.BLANK);
    }
    String code = t.toUpperCase(Locale.ROOT);
    if (CODES.contains(code)) {
      return ParseResult.valid(CellValue.text(code));
    }
    String byName = BY_NAME.get(t);
    if (byName != null) {
      return ParseResult.valid(CellValue.text(byName));
    }
    return ParseResult.invalid("not_a_country", "'" + text + "' is not an ISO 3166-1 country code or an English country name");
  }

  @Override
  public String format(CellValue value, TextFormat format) {
    return value instanceof CellValue.Text t ? t.value() : "";
  }

  @Override
  public ParseResult accept(CellValue value) {
    if (value.isBlank()) {
      return ParseResult.valid(value);
    }
    if (value instanceof CellValue.Text t) {
      return parse(t.value(), TextFormat.ISO);
    }
    return ParseResult.invalid("type_mismatch", "a country is a two-letter ISO 3166-1 code such as DE");
  }
}
