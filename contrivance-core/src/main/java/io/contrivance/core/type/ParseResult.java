package io.contrivance.core.type;

import java.util.Objects;

/**
 * The outcome of reading user input into a typed value: either the value, or a machine-readable
 * code and a human message saying what is wrong. Parsing never throws on bad input.
 */
public sealed interface ParseResult permits ParseResult.Valid, ParseResult.Invalid {

  static ParseResult valid(CellValue value) {
    return new Valid(value);
  }

  static ParseResult invalid(String code, String message) {
    return new Invalid(code, message);
  }

  /** Whether a value was read. */
  default boolean isValid() {
    return this instanceof Valid;
  }

  /** The value read; throws {@link IllegalStateException} with the message if the input was invalid. */
  default CellValue orElseThrow() {
    if (this instanceof Valid valid) {
      return valid.value();
    }
    Invalid invalid = (Invalid) this;
    throw new IllegalStateException(invalid.code() + ": " + invalid.message());
  }

  /** A value that was read successfully. */
  record Valid(CellValue value) implements ParseResult {
    public Valid {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Input that could not be read.
   *
   * @param code a stable code such as {@code type_mismatch} or {@code not_an_option}
   * @param message a sentence for people, naming the offending input
   */
  record Invalid(String code, String message) implements ParseResult {
    public Invalid {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
