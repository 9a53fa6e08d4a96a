package io.contrivance.core.type;

import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Money: an exact amount and an ISO 4217 currency. Text may carry a symbol ({@code $1,234.50},
 * {@code €5}) or a code before or after the amount ({@code USD 5}, {@code 5 eur}); a plain number is
 * an amount in the column's currency, and so is {@code $} when the column's currency is a dollar.
 * Amounts are kept exactly as entered (never rounded) and shown with at least the currency's usual
 * number of fraction digits.
 */
final class CurrencyType extends AbstractColumnType {

  /** Symbols that name one currency without doubt. {@code $} is handled apart: many currencies use it. */
  private static final Map<String, String> SYMBOLS =
      Map.ofEntries(
          Map.entry("US$", "USD"),
          Map.entry("C$", "CAD"),
          Map.entry("CA$", "CAD"),
          Map.entry("A$", "AUD"),
          Map.entry("AU$", "AUD"),
          Map.entry("NZ$", "NZD"),
          Map.entry("HK$", "HKD"),
          Map.entry("S$", "SGD"),
          Map.entry("R$", "BRL"),
          Map.entry("€", "EUR"),
          Map.entry("£", "GBP"),
          Map.entry("¥", "JPY"),
          Map.entry("₹", "INR"),
          Map.entry("₩", "KRW"),
          Map.entry("₺", "TRY"),
          Map.entry("₽", "RUB"),
          Map.entry("₪", "ILS"),
          Map.entry("₫", "VND"),
          Map.entry("₱", "PHP"),
          Map.entry("₦", "NGN"),
          Map.entry("zł", "PLN"));

  /** The symbol each currency is shown with: its shortest unambiguous symbol ("C$" rather than "CA$"). */
  private static final Map<String, String> SYMBOL_OF = shortestSymbols();

  private static final Set<String> DOLLARS =
      Set.of("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD", "CLP", "COP", "ARS");

  private final Currency currency;
  private final Currency dollar;

  CurrencyType(Currency currency) {
    super("currency", ValueKind.MONEY);
    this.currency = currency;
    this.dollar = DOLLARS.contains(currency.getCurrencyCode()) ? currency : Currency.getInstance("USD");
  }

  Currency currency() {
    return currency;
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("currency", currency.getCurrencyCode());
  }

  @Override
  protected ParseResult parseNonBlank(String text, TextFormat format) {
    if (text.length() > NumberText.MAX_INPUT_LENGTH) {
      return notMoney(text);
    }
    String s = text;
    boolean parenthesized = s.length() >= 2 && s.charAt(0) == '(' && s.charAt(s.length() - 1) == ')';
    if (parenthesized) {
      s = s.substring(1, s.length() - 1).strip();
    }
    String sign = "";
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '\u2212' || s.charAt(0) == '+')) {
      sign = s.substring(0, 1);
      s = s.substring(1).strip();
    }
    String marker = currencyAt(s, true);
    if (marker != null) {
      s = s.substring(marker.length()).strip();
    } else {
      marker = currencyAt(s, false);
      if (marker != null) {
        s = s.substring(0, s.length() - marker.length()).strip();
      }
    }
    if (s.isEmpty() || (marker == null && !startsLikeNumber(s))) {
      return notMoney(text);
    }
    Currency found = marker == null ? currency : resolve(marker);
    if (found == null) {
      return ParseResult.invalid(
          ErrorCodes.TYPE_MISMATCH,
          "'" + NumberText.shorten(text) + "': " + marker.toUpperCase(Locale.ROOT) + " is not a known currency");
    }
    String number = (parenthesized ? "(" : "") + sign + s + (parenthesized ? ")" : "");
    NumberText.Outcome outcome = NumberText.parse(number, format);
    if (!outcome.ok()) {
      return outcome.code().equals(ErrorCodes.OUT_OF_RANGE)
          ? ParseResult.invalid(outcome.code(), outcome.error())
          : notMoney(text);
    }
    return ParseResult.valid(new CellValue.Money(outcome.number(), found));
  }

  @Override
  protected String formatNonBlank(CellValue value, TextFormat format) {
    CellValue.Money money = (CellValue.Money) value;
    String code = money.currency().getCurrencyCode();
    int digits = Math.max(money.currency().getDefaultFractionDigits(), 0);
    String amount = NumberText.format(money.amount().abs(), digits, format);
    String minus = money.amount().signum() < 0 ? "-" : "";
    String symbol = money.currency().equals(dollar) ? "$" : SYMBOL_OF.get(code);
    return symbol != null ? minus + symbol + amount : minus + amount + " " + code;
  }

  @Override
  protected ParseResult acceptNonBlank(CellValue value) {
    if (value instanceof CellValue.Money money) {
      return limits(money);
    }
    if (value instanceof CellValue.Decimal number) {
      return limits(new CellValue.Money(number.value(), currency));
    }
    return wrongKind(value);
  }

  private static ParseResult limits(CellValue.Money money) {
    if (NumberText.fits(money.amount())) {
      return ParseResult.valid(money);
    }
    NumberText.Outcome outcome = NumberText.withinLimits(money.amount(), money.amount().toPlainString());
    return outcome.ok() ? ParseResult.valid(money) : ParseResult.invalid(outcome.code(), outcome.error());
  }

  @Override
  public ParseResult convert(CellValue value, ColumnType from) {
    if (value instanceof CellValue.Decimal || value instanceof CellValue.Money) {
      return accept(value);
    }
    return super.convert(value, from);
  }

  /** The currency marker (symbol or three-letter code) at the start or end of the text, or null. */
  private static String currencyAt(String s, boolean atStart) {
    // Longest symbols first, so that "US$" wins over "$".
    String best = null;
    for (String symbol : SYMBOLS.keySet()) {
      if ((atStart ? s.startsWith(symbol) : s.endsWith(symbol)) && (best == null || symbol.length() > best.length())) {
        best = symbol;
      }
    }
    if (best != null) {
      return best;
    }
    if (atStart ? s.startsWith("$") : s.endsWith("$")) {
      return "$";
    }
    if (s.length() >= 3) {
      String code = atStart ? s.substring(0, 3) : s.substring(s.length() - 3);
      boolean separated = s.length() == 3 || !Character.isLetter(atStart ? s.charAt(3) : s.charAt(s.length() - 4));
      if (separated && code.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return code;
      }
    }
    return null;
  }

  private Currency resolve(String marker) {
    if (marker.equals("$")) {
      return dollar;
    }
    String code = SYMBOLS.getOrDefault(marker, marker.toUpperCase(Locale.ROOT));
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Map<String, String> shortestSymbols() {
    var shortest = new HashMap<String, String>();
    SYMBOLS.forEach((symbol, code) -> shortest.merge(code, symbol, (a, b) -> a.length() <= b.length() ? a : b));
    return Map.copyOf(shortest);
  }

  private static boolean startsLikeNumber(String s) {
    char c = s.charAt(0);
    return Character.isDigit(c) || c == '.' || c == ',' || c == '-' || c == '\u2212' || c == '+' || c == '(';
  }

  private static ParseResult notMoney(String text) {
    return ParseResult.invalid(
        ErrorCodes.TYPE_MISMATCH, "'" + NumberText.shorten(text) + "' is not an amount of money");
  }
}
