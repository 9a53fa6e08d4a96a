package io.contrivance.plugins.columntypes;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextColumnType;
import io.contrivance.core.type.TextFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A country as its ISO 3166-1 alpha-2 code ({@code DE}), typed as the code in any case or as the
 * country's English name ({@code Germany}); shown as the code, which the UI shows with its name.
 */
final class CountryType extends TextColumnType {

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

  CountryType() {
    super(ID);
  }

  @Override
  protected ParseResult parseNonBlank(String t, TextFormat format) {
    String code = t.toUpperCase(Locale.ROOT);
    if (CODES.contains(code)) {
      return ParseResult.valid(CellValue.text(code));
    }
    String byName = BY_NAME.get(t);
    if (byName != null) {
      return ParseResult.valid(CellValue.text(byName));
    }
    return ParseResult.invalid("not_a_country", "'" + t + "' is not an ISO 3166-1 country code or an English country name");
  }

}
