package io.contrivance.core.type;

import java.util.Objects;
import java.util.function.Function;

/**
 * Creates column types of one id from their settings. The built-in types have providers in {@link
 * ColumnTypeRegistry#standard()}; a plugin contributes a provider to add a type.
 */
public interface ColumnTypeProvider {

  /** The id of the types this provider creates; unique within a registry. */
  String id();

  /**
   * Creates a type from its settings, as returned by {@link ColumnType#settings()}.
   *
   * @throws InvalidDefinitionException if the settings are invalid
   */
  ColumnType create(TypeSettings settings);

  /** A provider of the given id that creates its types with the given function. */
  static ColumnTypeProvider of(String id, Function<TypeSettings, ColumnType> create) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(create, "create");
    return new ColumnTypeProvider() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public ColumnType create(TypeSettings settings) {
        return create.apply(settings);
      }
    };
  }
}
