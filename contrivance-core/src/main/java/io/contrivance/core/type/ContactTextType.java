package io.contrivance.core.type;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text with a shape: email addresses, web addresses and phone numbers. Values are text, checked and
 * lightly normalized (the domain of an email in lower case, a scheme added to a bare web address).
 */
final class ContactTextType extends TextColumnType {

  enum Shape {
    EMAIL("email", ErrorCodes.INVALID_EMAIL),
    URL("url", ErrorCodes.INVALID_URL),
    PHONE("phone", ErrorCodes.INVALID_PHONE);

    final String id;
    final String code;

    Shape(String id, String code) {
      this.id = id;
      this.code = code;
    }
  }

  private static final int MAX_EMAIL = 254;
  private static final int MAX_URL = 2_000;
  private static final Pattern PHONE =
      Pattern.compile("\\+?[0-9 ().\\-/]{4,30}(?: ?(?:x|ext\\.?|extension) ?[0-9]{1,6})?", Pattern.CASE_INSENSITIVE);

  private static final Pattern EXTENSION = Pattern.compile("(?i) ?(x|ext\\.?|extension) ?(?=[0-9])");
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
  private static final Pattern USER_INFO = Pattern.compile("^[^@]*@");
  private static final Pattern PORT = Pattern.compile(":\\d{1,5}$");

  private final Shape shape;

  ContactTextType(Shape shape) {
    super(shape.id);
    this.shape = shape;
  }

  @Override
  protected ParseResult parseNonBlank(String text, TextFormat format) {
    return switch (shape) {
      case EMAIL -> email(text);
      case URL -> url(text);
      case PHONE -> phone(text);
    };
  }

  @Override
  protected ParseResult acceptNonBlank(CellValue value) {
    if (shape == Shape.EMAIL && value instanceof CellValue.Text text && isCanonicalEmail(text.value())) {
      return ParseResult.valid(value); // already canonical: no need to read it again
    }
    return super.acceptNonBlank(value);
  }

  private ParseResult email(String text) {
    String s = text.regionMatches(true, 0, "mailto:", 0, 7) ? text.substring(7).strip() : text;
    int at = s.lastIndexOf('@');
    if (s.length() > MAX_EMAIL || at <= 0 || at == s.length() - 1) {
      return invalid(text, "is not an email address");
    }
    String local = s.substring(0, at);
    if (!isLocalPart(local)) {
      return invalid(text, "is not an email address");
    }
    String domain = asciiDomain(s.substring(at + 1));
    if (domain == null || !domain.contains(".")) {
      return invalid(text, "is not an email address: the part after @ must be a domain such as example.com");
    }
    return ParseResult.valid(new CellValue.Text(local + "@" + s.substring(at + 1).toLowerCase(Locale.ROOT)));
  }

  private ParseResult url(String text) {
    if (text.length() > MAX_URL || text.chars().anyMatch(Character::isWhitespace)) {
      return invalid(text, "is not a web address");
    }
    String s = text;
    if (!s.contains("://")) {
      s = "https://" + s;
    }
    try {
      URI uri = new URI(s);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return invalid(text, "is not a web address: only http and https links are allowed");
      }
      String authority = uri.getRawAuthority();
      if (authority == null) {
        return invalid(text, "is not a web address");
      }
      String host = PORT.matcher(USER_INFO.matcher(authority).replaceFirst("")).replaceFirst("");
      if (!host.equalsIgnoreCase("localhost") && (asciiDomain(host) == null || !host.contains("."))) {
        return invalid(text, "is not a web address: '" + NumberText.shorten(host) + "' is not a host name");
      }
    } catch (URISyntaxException e) {
      return invalid(text, "is not a web address");
    }
    return ParseResult.valid(new CellValue.Text(s));
  }

  private ParseResult phone(String text) {
    if (!PHONE.matcher(text).matches()) {
      return invalid(text, "is not a phone number");
    }
    String main = EXTENSION.split(text, 2)[0];
    long digits = main.chars().filter(c -> c >= '0' && c <= '9').count();
    if (digits < 3 || digits > 15) {
      return invalid(text, "is not a phone number: it must have between 3 and 15 digits");
    }
    return ParseResult.valid(new CellValue.Text(WHITE_SPACE.matcher(text).replaceAll(" ")));
  }

  /**
   * Whether the text is an email address exactly as {@link #email} would store it, checked without
   * allocating: the common case when validating stored rows.
   */
  private static boolean isCanonicalEmail(String s) {
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1 || s.length() > MAX_EMAIL || !isLocalPart(s, 0, at)) {
      return false;
    }
    int labelStart = at + 1;
    boolean dotted = false;
    for (int i = labelStart; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        if (!isLabel(s, labelStart, i)) {
          return false;
        }
        dotted |= i < s.length();
        labelStart = i + 1;
      } else if (s.charAt(i) >= 'A' && s.charAt(i) <= 'Z') {
        return false;
      }
    }
    return dotted && s.length() - at - 1 <= 253;
  }

  private static boolean isLocalPart(String local) {
    return isLocalPart(local, 0, local.length());
  }

  /** 1 to 64 characters, no spaces or specials, dots only between other characters. */
  private static boolean isLocalPart(String s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 64 || s.charAt(from) == '.' || s.charAt(to - 1) == '.') {
      return false;
    }
    char previous = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || "@\"(),:;<>[\\]".indexOf(c) >= 0 || (c == '.' && previous == '.')) {
        return false;
      }
      previous = c;
    }
    return true;
  }

  /** The domain in ASCII (international names converted), or null if it is not a valid domain. */
  private static String asciiDomain(String domain) {
    String ascii = domain;
    if (!isAscii(domain)) {
      try {
        ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if (ascii.isEmpty() || ascii.length() > 253) {
      return null;
    }
    int labelStart = 0;
    for (int i = 0; i <= ascii.length(); i++) {
      if (i == ascii.length() || ascii.charAt(i) == '.') {
        if (!isLabel(ascii, labelStart, i)) {
          return null;
        }
        labelStart = i + 1;
      }
    }
    return ascii.toLowerCase(Locale.ROOT);
  }

  /** A DNS label: 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen. */
  private static boolean isLabel(String s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 63 || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private ParseResult invalid(String text, String why) {
    return ParseResult.invalid(shape.code, "'" + NumberText.shorten(text) + "' " + why);
  }
}
