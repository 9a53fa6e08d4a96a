package io.contrivance.core.type;

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
}
