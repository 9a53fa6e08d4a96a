package io.contrivance.core.sheet;

import java.util.Objects;

/** The shared rule for identifiers: 1 to 128 characters, no control characters, no outer spaces. */
final class Ids {

  static final int MAX_LENGTH = 128;

  private Ids() {}

  static String check(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(what + " must have 1 to " + MAX_LENGTH + " characters, got '" + value + "'");
    }
    if (!value.strip().equals(value) || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(what + " cannot have control characters or outer spaces, got '" + value + "'");
    }
    return value;
  }
}
