package io.contrivance.core.type;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The column types known to an application, by id. Immutable; {@link #with} returns a new registry.
 * Stores use it to rebuild a column's type from its id and settings.
 */
public final class ColumnTypeRegistry {

  private static final ColumnTypeRegistry STANDARD = buildStandard();

  private final Map<String, ColumnTypeProvider> providers;

  private ColumnTypeRegistry(Map<String, ColumnTypeProvider> providers) {
    this.providers = Collections.unmodifiableMap(providers);
  }

  /** The built-in types: text, long_text, number, currency, percent, date, datetime, boolean, select, multi_select, email, url, phone. */
  public static ColumnTypeRegistry standard() {
    return STANDARD;
  }

  /**
   * This registry plus the given provider.
   *
   * @throws InvalidDefinitionException if a provider with that id is already registered
   */
  public ColumnTypeRegistry with(ColumnTypeProvider provider) {
    Objects.requireNonNull(provider, "provider");
    if (providers.containsKey(provider.id())) {
      throw new InvalidDefinitionException("a column type with id '" + provider.id() + "' is already registered");
    }
    var copy = new LinkedHashMap<>(providers);
    copy.put(provider.id(), provider);
    return new ColumnTypeRegistry(copy);
  }

  /** The ids of every registered type. */
  public Set<String> ids() {
    return providers.keySet();
  }

  /**
   * Creates a type from its id and settings.
   *
   * @throws InvalidDefinitionException for an unknown id or invalid settings
   */
  public ColumnType create(String id, Map<String, ?> settings) {
    ColumnTypeProvider provider = providers.get(id);
    if (provider == null) {
      throw new InvalidDefinitionException("unknown column type '" + id + "' (known: " + String.join(", ", providers.keySet()) + ")");
    }
    return provider.create(TypeSettings.of(settings));
  }

  private static ColumnTypeRegistry buildStandard() {
    var map = new LinkedHashMap<String, ColumnTypeProvider>();
    put(map, "text", s -> ColumnTypes.text());
    put(map, "long_text", s -> ColumnTypes.longText());
    put(
        map,
        "number",
        s ->
            s.bool("integer", false)
                ? ColumnTypes.integer()
                : s.has("decimals") ? ColumnTypes.number(s.integer("decimals", 0, 0, NumberText.MAX_FRACTION_DIGITS)) : ColumnTypes.number());
    put(map, "currency", s -> ColumnTypes.currency(s.string("currency", "USD")));
    put(map, "percent", s -> ColumnTypes.percent());
    put(map, "date", s -> ColumnTypes.date());
    put(map, "datetime", s -> ColumnTypes.dateTime(zone(s.string("zone", "UTC"))));
    put(map, "boolean", s -> ColumnTypes.bool());
    put(map, "select", s -> ColumnTypes.select(s.strings("options")));
    put(map, "multi_select", s -> ColumnTypes.multiSelect(s.strings("options")));
    put(map, "email", s -> ColumnTypes.email());
    put(map, "url", s -> ColumnTypes.url());
    put(map, "phone", s -> ColumnTypes.phone());
    return new ColumnTypeRegistry(map);
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new InvalidDefinitionException("'" + id + "' is not a time zone");
    }
  }

  private static void put(Map<String, ColumnTypeProvider> map, String id, Function<TypeSettings, ColumnType> factory) {
    map.put(id, ColumnTypeProvider.of(id, factory));
  }
}
