package io.contrivance.core.sheet;

import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.InvalidDefinitionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A column of a sheet: a stable id, a name (unique within the sheet regardless of case), a type,
 * whether a value is required, validation rules and display options (opaque to the core, e.g. width).
 *
 * <p>Rules are checked against the type when the column is made: a rule that does not fit the type,
 * a minimum above the maximum or an invalid pattern throws {@link InvalidDefinitionException} listing
 * every problem. Rules that refer to other columns are checked by {@link SheetSchema}.
 */
public record Column(
    ColumnId id,
    String name,
    ColumnType type,
    boolean required,
    List<Rule> rules,
    Map<String, String> display,
    ConcurrentEdits concurrentEdits) {

  /** Longest column name. */
  public static final int MAX_NAME_LENGTH = 100;

  public Column {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(concurrentEdits, "concurrentEdits");
    name = checkName(name);
    rules = List.copyOf(rules);
    display = Map.copyOf(display);
    List<String> problems = new ArrayList<>(ColumnRules.problems(name, id, type, rules));
    if (!concurrentEdits.fits(type)) {
      problems.add(name + ": " + concurrentEdits + " does not fit a " + type.id() + " column");
    }
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionException(problems);
    }
  }

  /** A column that resolves concurrent edits the default way for its type. */
  public Column(ColumnId id, String name, ColumnType type, boolean required, List<Rule> rules, Map<String, String> display) {
    this(id, name, type, required, rules, display, ConcurrentEdits.defaultFor(type));
  }

  /** Starts a column; its id defaults to a slug of the name ({@code Deal Value} → {@code deal_value}). */
  public static Builder builder(String name, ColumnType type) {
    return new Builder(name, type);
  }

  public Column withName(String newName) {
    return new Column(id, newName, type, required, rules, display, concurrentEdits);
  }

  public Column withRequired(boolean newRequired) {
    return new Column(id, name, type, newRequired, rules, display, concurrentEdits);
  }

  public Column withRules(List<Rule> newRules) {
    return new Column(id, name, type, required, newRules, display, concurrentEdits);
  }

  /** A copy with another type and the rules that go with it. */
  public Column withType(ColumnType newType, List<Rule> newRules) {
    ConcurrentEdits policy = concurrentEdits.fits(newType) ? concurrentEdits : ConcurrentEdits.defaultFor(newType);
    return new Column(id, name, newType, required, newRules, display, policy);
  }

  /** A copy that resolves concurrent edits of one cell with another policy. */
  public Column withConcurrentEdits(ConcurrentEdits policy) {
    return new Column(id, name, type, required, rules, display, policy);
  }

  public Column withDisplay(Map<String, String> newDisplay) {
    return new Column(id, name, type, required, rules, newDisplay, concurrentEdits);
  }


  /** The key under which names are compared for uniqueness. */
  static String nameKey(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /** A readable id made from a name: lower case, letters and digits, words joined by underscores. */
  static String slug(String name) {
    String slug = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
    if (slug.length() > 64) {
      slug = slug.substring(0, 64);
    }
    return slug.isEmpty() ? "column" : slug;
  }

  private static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    String stripped = name.strip();
    if (stripped.isEmpty()) {
      throw new InvalidDefinitionException("a column needs a name");
    }
    if (stripped.length() > MAX_NAME_LENGTH) {
      throw new InvalidDefinitionException(
          "column name '" + stripped.substring(0, 20) + "...' is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidDefinitionException("column name '" + stripped + "' has control characters");
    }
    return stripped;
  }

  /** Builds a {@link Column}; fails fast when built if the definition is invalid. */
  public static final class Builder {
    private final String name;
    private final ColumnType type;
    private String id;
    private boolean required;
    private ConcurrentEdits concurrentEdits;
    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, String> display = new LinkedHashMap<>();

    private Builder(String name, ColumnType type) {
      this.name = Objects.requireNonNull(name, "name");
      this.type = Objects.requireNonNull(type, "type");
    }

    public Builder id(String value) {
      if (id != null) {
        throw new IllegalStateException("id was already set to " + id);
      }
      this.id = Objects.requireNonNull(value, "id");
      return this;
    }

    public Builder required() {
      this.required = true;
      return this;
    }

    public Builder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder display(String key, String value) {
      display.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** How concurrent edits of one cell are resolved; default {@link ConcurrentEdits#defaultFor}. */
    public Builder concurrentEdits(ConcurrentEdits policy) {
      this.concurrentEdits = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Column build() {
      ColumnId columnId = id != null ? ColumnId.of(id) : ColumnId.fromName(name);
      return new Column(columnId, name, type, required, rules, display, concurrentEdits != null ? concurrentEdits : ConcurrentEdits.defaultFor(type));
    }
  }
}
