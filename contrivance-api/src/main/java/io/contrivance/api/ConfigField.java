package io.contrivance.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One value an admin configures for a plugin ({@code PUT /api/admin/plugins/{id}/config}).
 *
 * @param name the key, e.g. {@code smtp.host}
 * @param kind {@code string}, {@code integer}, {@code boolean} or {@code secret} (a string that is
 *     written, never read back: the application shows only whether it is set)
 * @param required whether the plugin can work without it (a plugin cannot be enabled while a
 *     required value is missing)
 * @param defaultValue used when no value is set (null: none)
 * @param description for the admin
 */
public record ConfigField(String name, String kind, boolean required, String defaultValue, String description) {

  public static final List<String> KINDS = List.of("string", "integer", "boolean", "secret");

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]{0,99}");

  public ConfigField {
    Objects.requireNonNull(description, "description");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a config field's name is lower-case letters, digits, '_' or '.', starting with a letter: " + name);
    }
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("a config field's kind is one of " + KINDS + ", was " + kind);
    }
  }

  public boolean secret() {
    return kind.equals("secret");
  }

  /** Why the text is not a value of this field, or null if it is. */
  public String problem(String value) {
    if (value == null) {
      return required ? "is required" : null;
    }
    return switch (kind) {
      case "integer" -> value.strip().matches("-?\\d{1,18}") ? null : "must be a whole number";
      case "boolean" -> value.equals("true") || value.equals("false") ? null : "must be true or false";
      default -> value.length() <= 10_000 ? null : "must be at most 10,000 characters";
    };
  }
}
