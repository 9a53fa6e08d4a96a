package io.contrivance.core.type;

import java.text.DecimalFormatSymbols;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How numbers and dates are written as text: the decimal and grouping separators and the order of
 * day, month and year. Passed explicitly wherever text is parsed or formatted, so that results never
 * depend on the machine's default locale.
 *
 * <p>ISO dates ({@code 2026-03-31}) are always accepted, whatever the date order.
 *
 * @param decimalSeparator the character before the fraction digits, {@code '.'} or {@code ','}
 * @param groupingSeparator the character between groups of three digits; must differ from the
 *     decimal separator. A space also accepts the no-break spaces that locales print.
 * @param dateOrder the order in which numeric dates are read and written
 */
public record TextFormat(char decimalSeparator, char groupingSeparator, DateOrder dateOrder) {

  /** Order of the parts of a numeric date. */
  public enum DateOrder {
    /** Year, month, day: {@code 2026-03-31}. */
    YMD,
    /** Month, day, year: {@code 3/31/2026}. */
    MDY,
    /** Day, month, year: {@code 31/03/2026}. */
    DMY
  }

  /** Point for decimals, comma for groups, ISO dates. The default of a new sheet. */
  public static final TextFormat ISO = new TextFormat('.', ',', DateOrder.YMD);

  /** United States: {@code 1,234.50} and {@code 3/31/2026}. */
  public static final TextFormat US = new TextFormat('.', ',', DateOrder.MDY);

  /** United Kingdom: {@code 1,234.50} and {@code 31/03/2026}. */
  public static final TextFormat UK = new TextFormat('.', ',', DateOrder.DMY);

  /** Continental Europe (Germany and others): {@code 1.234,50} and {@code 31.03.2026}. */
  public static final TextFormat EUROPE = new TextFormat(',', '.', DateOrder.DMY);

  private static final Map<String, TextFormat> NAMED = Map.of("ISO", ISO, "US", US, "UK", UK, "EUROPE", EUROPE);

  public TextFormat {
    Objects.requireNonNull(dateOrder, "dateOrder");
    if (decimalSeparator == groupingSeparator) {
      throw new IllegalArgumentException(
          "decimal and grouping separator must differ, both were '" + decimalSeparator + "'");
    }
    if (Character.isDigit(decimalSeparator) || Character.isDigit(groupingSeparator)) {
      throw new IllegalArgumentException("separators cannot be digits");
    }
  }

  /** One of the named formats ({@code ISO}, {@code US}, {@code UK}, {@code EUROPE}), in any letter case. */
  public static Optional<TextFormat> named(String name) {
    return Optional.ofNullable(name).map(n -> NAMED.get(n.strip().toUpperCase(Locale.ROOT)));
  }

  /** The name of this format if it is one of the named ones, for storing it; empty otherwise. */
  public Optional<String> name() {
    return NAMED.entrySet().stream().filter(e -> e.getValue().equals(this)).map(Map.Entry::getKey).findFirst();
  }

  /** The conventions of the given locale (separators and short-date order), read explicitly. */
  public static TextFormat of(Locale locale) {
    Objects.requireNonNull(locale, "locale");
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
    String pattern =
        DateTimeFormatterBuilder.getLocalizedDateTimePattern(
            FormatStyle.SHORT, null, IsoChronology.INSTANCE, locale);
    int y = pattern.indexOf('y');
    int m = pattern.indexOf('M');
    int d = pattern.indexOf('d');
    DateOrder order =
        (y >= 0 && y < m && y < d) ? DateOrder.YMD : (m >= 0 && m < d) ? DateOrder.MDY : DateOrder.DMY;
    char grouping = symbols.getGroupingSeparator();
    if (Character.isSpaceChar(grouping)) {
      grouping = ' ';
    }
    return new TextFormat(symbols.getDecimalSeparator(), grouping, order);
  }
}
