package io.contrivance.core.type;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The typed, immutable content of one cell.
 *
 * <p>The set of value kinds is closed so that every store and every wire format can represent any
 * cell without knowing which column type produced it; column types (which are open) map their
 * meaning onto one of these kinds. An empty cell is {@link #BLANK}, never {@code null}.
 *
 * <p>Numeric kinds are normalized on construction (trailing zeros stripped, negative zero folded to
 * zero), so equal numbers are equal values: {@code decimal("1.50").equals(decimal("1.5"))}.
 */
public sealed interface CellValue
    permits CellValue.Blank,
        CellValue.Text,
        CellValue.Decimal,
        CellValue.Money,
        CellValue.Percent,
        CellValue.Date,
        CellValue.DateTime,
        CellValue.Bool,
        CellValue.Choice,
        CellValue.Choices {

  /** The value of an empty cell. */
  Blank BLANK = new Blank();

  /** Whether this is the empty value. */
  default boolean isBlank() {
    return this instanceof Blank;
  }

  /** Text, or {@link #BLANK} for an empty string. */
  static CellValue text(String value) {
    Objects.requireNonNull(value, "value");
    return value.isEmpty() ? BLANK : new Text(value);
  }

  /** A decimal number. */
  static Decimal decimal(BigDecimal value) {
    return new Decimal(value);
  }

  /** A decimal number from its plain text form ({@code "-12.5"}); throws on anything else. */
  static Decimal decimal(String plain) {
    return new Decimal(new BigDecimal(plain));
  }

  /** An amount of money in the currency with the given ISO 4217 code. */
  static Money money(String amount, String currencyCode) {
    return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
  }

  /** A percentage given in points: {@code percentPoints("12.5")} is 12.5 %. */
  static Percent percentPoints(String points) {
    return new Percent(new BigDecimal(points).movePointLeft(2));
  }

  static Date date(LocalDate value) {
    return new Date(value);
  }

  static Bool bool(boolean value) {
    return value ? Bool.TRUE : Bool.FALSE;
  }

  /** The empty value; use {@link #BLANK}. */
  record Blank() implements CellValue {}

  /** Text (also the kind behind email, URL and phone columns). Never empty: that is {@link #BLANK}. */
  record Text(String value) implements CellValue {
    public Text {
      Objects.requireNonNull(value, "value");
      if (value.isEmpty()) {
        throw new IllegalArgumentException("empty text is CellValue.BLANK");
      }
    }
  }

  /** A decimal number, exact. */
  record Decimal(BigDecimal value) implements CellValue {
    public Decimal {
      value = Numbers.normalize(value);
    }
  }

  /** An exact amount of money in an ISO 4217 currency. */
  record Money(BigDecimal amount, Currency currency) implements CellValue {
    public Money {
      amount = Numbers.normalize(amount);
      Objects.requireNonNull(currency, "currency");
    }
  }

  /** A percentage held as a fraction: 50 % is {@code 0.5}. */
  record Percent(BigDecimal fraction) implements CellValue {
    public Percent {
      fraction = Numbers.normalize(fraction);
    }

    /** The percentage in points: 50 for 50 %. */
    public BigDecimal points() {
      return Numbers.normalize(fraction.movePointRight(2));
    }
  }

  /** A calendar date without time or zone. */
  record Date(LocalDate value) implements CellValue {
    public Date {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A moment in time together with the zone it is shown in. */
  record DateTime(ZonedDateTime value) implements CellValue {
    public DateTime {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A boolean. */
  record Bool(boolean value) implements CellValue {
    public static final Bool TRUE = new Bool(true);
    public static final Bool FALSE = new Bool(false);
  }

  /** One option of a select column, in the option's own spelling. */
  record Choice(String option) implements CellValue {
    public Choice {
      Objects.requireNonNull(option, "option");
      if (option.isBlank()) {
        throw new IllegalArgumentException("a choice needs a non-blank option");
      }
    }
  }

  /** A set of options of a multi-select column, without duplicates, in a stable order. */
  record Choices(List<String> options) implements CellValue {
    public Choices {
      Objects.requireNonNull(options, "options");
      var distinct = new LinkedHashSet<String>(options.size());
      for (String option : options) {
        if (option == null || option.isBlank()) {
          throw new IllegalArgumentException("choices must be non-blank, got " + options);
        }
        distinct.add(option);
      }
      if (distinct.isEmpty()) {
        throw new IllegalArgumentException("no choices is CellValue.BLANK");
      }
      options = List.copyOf(distinct);
    }
  }
}
