package io.contrivance.api;

import io.contrivance.core.type.ColumnTypeProvider;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column type a plugin adds.
 *
 * @param provider creates the type from its settings; its id is the type's id
 * @param label the type's name for people, e.g. "Duration"
 * @param settings the settings the type accepts (its provider refuses others)
 * @param editor how the UI edits a cell: one of {@link #EDITORS}
 */
public record ColumnTypeSpec(ColumnTypeProvider provider, String label, List<Setting> settings, String editor) {

  /** The editors the bundled UI has. */
  public static final List<String> EDITORS = List.of("text", "number", "stars", "duration", "choice", "date", "checkbox");

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{1,39}");

  public ColumnTypeSpec {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(label, "label");
    settings = List.copyOf(settings);
    if (!ID.matcher(provider.id()).matches()) {
      throw new IllegalArgumentException("a column type id is 2 to 40 lower-case letters, digits or _, starting with a letter: " + provider.id());
    }
    if (!EDITORS.contains(editor)) {
      throw new IllegalArgumentException("editor must be one of " + EDITORS + ", was " + editor);
    }
  }

  /** The type's id. */
  public String id() {
    return provider.id();
  }

  /**
   * A setting a column of the type may carry.
   *
   * @param name as it stands in the column's type settings
   * @param kind {@code string}, {@code integer}, {@code boolean} or {@code strings}
   * @param description for people configuring a column
   * @param defaultValue the value when the setting is absent (null: none)
   */
  public record Setting(String name, String kind, String description, Object defaultValue) {
    private static final List<String> KINDS = List.of("string", "integer", "boolean", "strings");

    public Setting {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      if (!KINDS.contains(kind)) {
        throw new IllegalArgumentException("a setting's kind is one of " + KINDS + ", was " + kind);
      }
    }
  }
}
