package io.contrivance.core.type;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A column type's configuration as read from storage or an API request, with typed accessors that
 * fail with an {@link InvalidDefinitionException} naming the key and the bad value.
 */
public final class TypeSettings {

  private final Map<String, Object> values;

  private TypeSettings(Map<String, Object> values) {
    this.values = values;
  }

  public static TypeSettings of(Map<String, ?> values) {
    Objects.requireNonNull(values, "values");
    var copy = new LinkedHashMap<String, Object>();
    values.forEach(
        (key, value) -> {
          if (value != null) {
            copy.put(key, value);
          }
        });
    return new TypeSettings(copy);
  }

  public static TypeSettings empty() {
    return new TypeSettings(Map.of());
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** A string setting, or the default when absent. */
  public String string(String key, String defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof String s) {
      return s;
    }
    throw new InvalidDefinitionException(
        "setting '" + key + "' must be text, was " + value);
  }

  /** A whole-number setting within bounds, or the default when absent. */
  public int integer(String key, int defaultValue, int min, int max) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    int result;
    try {
      result =
          value instanceof Number n
              ? new BigDecimal(n.toString()).intValueExact()
              : Integer.parseInt(value.toString().strip());
    } catch (ArithmeticException | NumberFormatException e) {
      throw new InvalidDefinitionException("setting '" + key + "' must be a whole number, was " + value);
    }
    if (result < min || result > max) {
      throw new InvalidDefinitionException(
          "setting '" + key + "' must be between " + min + " and " + max + ", was " + result);
    }
    return result;
  }

  /** A boolean setting, or the default when absent. */
  public boolean bool(String key, boolean defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.parseBoolean((String) value);
    }
    throw new InvalidDefinitionException("setting '" + key + "' must be true or false, was " + value);
  }

  /** A list-of-strings setting, or an empty list when absent. */
  public List<String> strings(String key) {
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new InvalidDefinitionException("setting '" + key + "' must be a list of text, was " + value);
    }
    var result = new ArrayList<String>(list.size());
    for (Object element : list) {
      if (!(element instanceof String s)) {
        throw new InvalidDefinitionException(
            "setting '" + key + "' must be a list of text, had " + element);
      }
      result.add(s);
    }
    return List.copyOf(result);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
