package io.contrivance.api;

import java.util.Map;
import java.util.Optional;

/** A plugin's configuration as the admin set it, defaults filled in; immutable. */
public record PluginConfig(Map<String, String> values) {

  public PluginConfig {
    values = Map.copyOf(values);
  }

  public static PluginConfig empty() {
    return new PluginConfig(Map.of());
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
  }

  /** The value; throws if it is not set (the application refuses to enable a plugin without its required values). */
  public String require(String name) {
    return get(name).orElseThrow(() -> new IllegalStateException("the configuration value '" + name + "' is not set"));
  }

  public int integer(String name, int otherwise) {
    return get(name).map(v -> Integer.parseInt(v.strip())).orElse(otherwise);
  }

  public boolean flag(String name, boolean otherwise) {
    return get(name).map(Boolean::parseBoolean).orElse(otherwise);
  }

  /** Never prints the values: some are secrets. */
  @Override
  public String toString() {
    return "PluginConfig" + values.keySet();
  }
}
