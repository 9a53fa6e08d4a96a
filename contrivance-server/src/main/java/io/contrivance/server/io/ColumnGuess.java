package io.contrivance.server.io;

import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ColumnTypes;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column type a file's column most likely holds, from a sample of its cells: the narrowest
 * type that reads every non-blank sample (booleans, whole numbers, numbers, percentages, amounts
 * of money, dates, e-mail addresses, web addresses), a select when a few values repeat, else text.
 */
final class ColumnGuess {

  private ColumnGuess() {}

  /** Most distinct values a column may have to become a select. */
  static final int MOST_OPTIONS = 12;

  private static final Pattern CURRENCY = Pattern.compile("([$€£¥])|\\b([A-Z]{3})\\b");

  static ColumnType guess(List<TabularFile.Cell> samples, TextFormat format) {
    List<TabularFile.Cell> values = samples.stream().filter(c -> !c.isBlank()).toList();
    if (values.isEmpty()) {
      return ColumnTypes.text();
    }
    List<Supplier<ColumnType>> candidates = new ArrayList<>();
    candidates.add(ColumnTypes::bool);
    candidates.add(ColumnTypes::integer);
    candidates.add(ColumnTypes::number);
    if (values.stream().allMatch(c -> c.text().strip().endsWith("%"))) {
      candidates.add(ColumnTypes::percent);
    }
    String currency = currency(values);
    if (currency != null) {
      candidates.add(() -> ColumnTypes.currency(currency));
    }
    candidates.add(ColumnTypes::date);
    candidates.add(ColumnTypes::email);
    candidates.add(ColumnTypes::url);
    for (Supplier<ColumnType> candidate : candidates) {
      ColumnType type = candidate.get();
      if (values.stream().allMatch(c -> ImportValues.read(c, type, format) instanceof ParseResult.Valid) && plausible(type, values)) {
        return type;
      }
    }
    Set<String> distinct = new LinkedHashSet<>();
    values.forEach(c -> distinct.add(c.text().strip()));
    if (distinct.size() <= MOST_OPTIONS && values.size() >= 2 * distinct.size() && distinct.stream().allMatch(v -> v.length() <= 40)) {
      return ColumnTypes.select(List.copyOf(distinct));
    }
    return ColumnTypes.text();
  }

  /** A boolean column needs words, not the 0 and 1 of a count; a URL column needs addresses, not bare words. */
  private static boolean plausible(ColumnType type, List<TabularFile.Cell> values) {
    if (type.id().equals("boolean")) {
      return values.stream().allMatch(c -> c.typed() != null || c.text().strip().matches("(?i)true|false|yes|no|y|n"));
    }
    if (type.id().equals("url")) {
      return values.stream().allMatch(c -> c.text().contains(".") || c.text().contains("://"));
    }
    return true;
  }

  /** The currency the samples are written in, if every one names it by symbol or code. */
  private static String currency(List<TabularFile.Cell> values) {
    String found = null;
    for (TabularFile.Cell cell : values) {
      Matcher m = CURRENCY.matcher(cell.text());
      if (!m.find()) {
        return null;
      }
      String code =
          m.group(1) != null
              ? switch (m.group(1)) {
                case "€" -> "EUR";
                case "£" -> "GBP";
                case "¥" -> "JPY";
                default -> "USD";
              }
              : m.group(2).toUpperCase(Locale.ROOT);
      if (found != null && !found.equals(code)) {
        return null;
      }
      found = code;
    }
    try {
      java.util.Currency.getInstance(found);
      return found;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
