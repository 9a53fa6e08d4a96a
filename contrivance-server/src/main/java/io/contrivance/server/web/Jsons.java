package io.contrivance.server.web;

import jakarta.json.JsonNumber;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * The JSON-P provider, looked up once, and the one way numbers are written. {@code
 * jakarta.json.Json}'s static factory methods look the provider up through the service loader on
 * every call; on the write path (cells, events, audit entries) that lookup was the largest single
 * cost of an edit.
 */
public final class Jsons {

  public static final JsonProvider JSON = JsonProvider.provider();

  private Jsons() {}

  /**
   * A decimal as a plain JSON number ({@code 30000}, never {@code 3E+4}). JSON-P writes a
   * BigDecimal with {@code toString()}, which uses an exponent for a negative scale (what {@code
   * stripTrailingZeros} makes of round amounts), which clients reading money do not expect. (It
   * also does for magnitudes below 10⁻⁶, which no amount or rate of the product reaches.)
   */
  public static JsonNumber decimal(BigDecimal value) {
    return JSON.createValue(plain(value));
  }

  /** An amount of money in its currency's scale: {@code 105500.00} for USD, {@code 12000} for JPY. */
  public static JsonNumber money(BigDecimal amount, Currency currency) {
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    return JSON.createValue(amount.setScale(digits, RoundingMode.HALF_EVEN));
  }

  static BigDecimal plain(BigDecimal value) {
    if (value.scale() < 0) {
      return value.setScale(0);
    }
    return value;
  }
}
