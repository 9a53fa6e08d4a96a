package io.contrivance.core.type;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A base for column types, the built-in ones and a plugin's: blank text and blank values are handled
 * here (subclasses see only non-blank input, already stripped), values of the wrong kind are refused
 * with {@code type_mismatch}, and two types are equal when their id and settings are, as {@link
 * ColumnType} asks.
 */
public abstract class AbstractColumnType implements ColumnType {

  private final String id;
  private final ValueKind kind;

  protected AbstractColumnType(String id, ValueKind kind) {
    this.id = id;
    this.kind = kind;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final ValueKind kind() {
    return kind;
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of();
  }

  @Override
  public final ParseResult parse(String text, TextFormat format) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
    if (text.isBlank()) {
      return ParseResult.valid(CellValue.BLANK);
    }
    return parseNonBlank(text.strip(), format);
  }

  @Override
  public final String format(CellValue value, TextFormat format) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(format, "format");
    if (value.isBlank()) {
      return "";
    }
    return formatNonBlank(value, format);
  }

  @Override
  public final ParseResult accept(CellValue value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      return ParseResult.valid(value);
    }
    return acceptNonBlank(value);
  }

  /** Reads stripped, non-blank text. */
  protected abstract ParseResult parseNonBlank(String text, TextFormat format);

  /** Shows a non-blank value; may assume the value was accepted by this type. */
  protected abstract String formatNonBlank(CellValue value, TextFormat format);

  /** Checks a non-blank typed value; the default accepts values of this type's kind as they are. */
  protected ParseResult acceptNonBlank(CellValue value) {
    return kind.holds(value) ? ParseResult.valid(value) : wrongKind(value);
  }

  protected final ParseResult wrongKind(CellValue value) {
    return ParseResult.invalid(
        ErrorCodes.TYPE_MISMATCH,
        "a " + describe() + " column cannot hold " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " values");
  }

  /** How the type is named in messages ("number", "currency"). */
  protected String describe() {
    return id.replace('_', ' ');
  }

  @Override
  public final boolean equals(Object other) {
    return other instanceof ColumnType that && id.equals(that.id()) && settings().equals(that.settings());
  }

  @Override
  public final int hashCode() {
    return id.hashCode() * 31 + settings().hashCode();
  }

  @Override
  public String toString() {
    Map<String, Object> settings = settings();
    return settings.isEmpty() ? id : id + settings;
  }
}
