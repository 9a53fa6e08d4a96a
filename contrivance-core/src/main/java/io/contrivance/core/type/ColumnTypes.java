package io.contrivance.core.type;

import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/** Factories for the built-in column types. Each returns an immutable, thread-safe type. */
public final class ColumnTypes {

  private static final ColumnType TEXT = new TextType("text", TextType.TEXT_MAX_LENGTH);
  private static final ColumnType LONG_TEXT = new TextType("long_text", TextType.LONG_TEXT_MAX_LENGTH);
  private static final ColumnType NUMBER = new NumberType(NumberType.ANY_DECIMALS, false);
  private static final ColumnType INTEGER = new NumberType(0, true);
  private static final ColumnType PERCENT = new PercentType();
  private static final ColumnType DATE = new DateType();
  private static final ColumnType BOOLEAN = new BooleanType();
  private static final ColumnType EMAIL = new ContactTextType(ContactTextType.Shape.EMAIL);
  private static final ColumnType URL = new ContactTextType(ContactTextType.Shape.URL);
  private static final ColumnType PHONE = new ContactTextType(ContactTextType.Shape.PHONE);

  private ColumnTypes() {}

  /** Single-line text up to 1,000 characters. */
  public static ColumnType text() {
    return TEXT;
  }

  /** Text up to 100,000 characters, line breaks kept. */
  public static ColumnType longText() {
    return LONG_TEXT;
  }

  /** Any decimal number, shown with the digits it has. */
  public static ColumnType number() {
    return NUMBER;
  }

  /** Decimal numbers rounded half-up to, and shown with, the given number of fraction digits (0 to 20). */
  public static ColumnType number(int decimals) {
    if (decimals < 0) {
      throw new InvalidDefinitionException("decimals must be between 0 and 20, was " + decimals);
    }
    return new NumberType(decimals, false);
  }

  /** Whole numbers; fractions are rejected with {@code not_an_integer}. */
  public static ColumnType integer() {
    return INTEGER;
  }

  /** Money with the given default ISO 4217 currency, e.g. {@code currency("USD")}. */
  public static ColumnType currency(String currencyCode) {
    Objects.requireNonNull(currencyCode, "currencyCode");
    try {
      return new CurrencyType(Currency.getInstance(currencyCode));
    } catch (IllegalArgumentException e) {
      throw new InvalidDefinitionException("'" + currencyCode + "' is not an ISO 4217 currency code");
    }
  }

  /** Percentages, typed in points ({@code 50} or {@code 50%}). */
  public static ColumnType percent() {
    return PERCENT;
  }

  /** Calendar dates. */
  public static ColumnType date() {
    return DATE;
  }

  /** Date and time; text without a zone is read in the given zone. */
  public static ColumnType dateTime(ZoneId zone) {
    return new DateTimeType(Objects.requireNonNull(zone, "zone"));
  }

  /** Yes or no. */
  public static ColumnType bool() {
    return BOOLEAN;
  }

  /** One of the given options, in the given order. */
  public static ColumnType select(List<String> options) {
    return new SelectType(Objects.requireNonNull(options, "options"));
  }

  /** One of the given options, in the given order. */
  public static ColumnType select(String... options) {
    return select(List.of(options));
  }

  /** Any set of the given options. */
  public static ColumnType multiSelect(List<String> options) {
    return new MultiSelectType(Objects.requireNonNull(options, "options"));
  }

  /** Any set of the given options. */
  public static ColumnType multiSelect(String... options) {
    return multiSelect(List.of(options));
  }

  /** Email addresses. */
  public static ColumnType email() {
    return EMAIL;
  }

  /** Web (http and https) addresses. */
  public static ColumnType url() {
    return URL;
  }

  /** Phone numbers (3 to 15 digits, formatting and an extension allowed). */
  public static ColumnType phone() {
    return PHONE;
  }
}
