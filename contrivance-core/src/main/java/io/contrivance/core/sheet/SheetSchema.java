package io.contrivance.core.sheet;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.core.type.ValueKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a sheet is, without its rows: id, name, description, ordered columns and the text format its
 * cells are typed and shown in. Immutable; the {@code with…} methods return changed copies, checked
 * as a whole (column names unique regardless of case, ids unique, cross-field rules pointing at
 * existing columns with values of their types).
 */
public record SheetSchema(SheetId id, String name, String description, List<Column> columns, TextFormat format) {

  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_DESCRIPTION_LENGTH = 10_000;
  public static final int MAX_COLUMNS = 500;

  public SheetSchema {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(format, "format");
    description = description == null ? "" : description.strip();
    columns = List.copyOf(columns);
    List<String> problems = new ArrayList<>();
    name = name == null ? "" : name.strip();
    if (name.isEmpty()) {
      problems.add("a sheet needs a name");
    } else if (name.length() > MAX_NAME_LENGTH) {
      problems.add("the sheet name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (description.length() > MAX_DESCRIPTION_LENGTH) {
      problems.add("the description is longer than " + MAX_DESCRIPTION_LENGTH + " characters");
    }
    if (columns.size() > MAX_COLUMNS) {
      problems.add("a sheet can have at most " + MAX_COLUMNS + " columns, got " + columns.size());
    }
    checkColumns(columns, problems);
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionException(problems);
    }
  }

  /** A sheet with the given columns, no description and ISO text format. */
  public static SheetSchema of(SheetId id, String name, List<Column> columns) {
    return new SheetSchema(id, name, "", columns, TextFormat.ISO);
  }

  /** The column with this id. */
  public Optional<Column> column(ColumnId columnId) {
    for (Column column : columns) {
      if (column.id().equals(columnId)) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }

  /** The column with this id or, failing that, this name (regardless of case). */
  public Optional<Column> resolve(String idOrName) {
    for (Column column : columns) {
      if (column.id().value().equals(idOrName)) {
        return Optional.of(column);
      }
    }
    for (Column column : columns) {
      if (column.name().equals(idOrName)) {
        return Optional.of(column);
      }
    }
    // Only keys in another letter case (or with outer spaces) get here and pay for lower-casing.
    String key = Column.nameKey(idOrName);
    for (Column column : columns) {
      if (Column.nameKey(column.name()).equals(key)) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }

  /** The position of the column, or -1. */
  public int indexOf(ColumnId columnId) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).id().equals(columnId)) {
        return i;
      }
    }
    return -1;
  }

  public SheetSchema withName(String newName) {
    return new SheetSchema(id, newName, description, columns, format);
  }

  public SheetSchema withDescription(String newDescription) {
    return new SheetSchema(id, name, newDescription, columns, format);
  }

  public SheetSchema withFormat(TextFormat newFormat) {
    return new SheetSchema(id, name, description, columns, newFormat);
  }

  public SheetSchema withColumns(List<Column> newColumns) {
    return new SheetSchema(id, name, description, newColumns, format);
  }

  /** A copy with the column of the same id replaced. */
  public SheetSchema withColumn(Column changed) {
    int at = indexOf(changed.id());
    if (at < 0) {
      throw new IllegalArgumentException("no column " + changed.id());
    }
    var copy = new ArrayList<>(columns);
    copy.set(at, changed);
    return withColumns(copy);
  }

  /** An id for a new column named {@code name}: its slug, made unique with a numeric suffix. */
  public ColumnId freshColumnId(String name) {
    String base = ColumnId.fromName(name).value();
    String candidate = base;
    for (int n = 2; column(ColumnId.of(candidate)).isPresent(); n++) {
      candidate = base + "_" + n;
    }
    return ColumnId.of(candidate);
  }

  private static void checkColumns(List<Column> columns, List<String> problems) {
    Set<ColumnId> ids = new HashSet<>();
    Map<String, String> names = new HashMap<>();
    Map<ColumnId, Column> byId = new HashMap<>();
    for (Column column : columns) {
      Objects.requireNonNull(column, "column");
      if (!ids.add(column.id())) {
        problems.add("column id '" + column.id() + "' is used twice; give one of the columns another id");
      }
      String previous = names.putIfAbsent(Column.nameKey(column.name()), column.name());
      if (previous != null) {
        problems.add("two columns are named '" + column.name() + "'" + (previous.equals(column.name()) ? "" : " (and '" + previous + "')"));
      }
      byId.put(column.id(), column);
    }
    for (Column column : columns) {
      for (Rule rule : column.rules()) {
        if (rule instanceof Rule.RequiredWhen when) {
          checkCondition(column, when.condition(), byId, problems);
        }
      }
    }
  }

  private static void checkCondition(Column owner, Condition condition, Map<ColumnId, Column> byId, List<String> problems) {
    Column tested = byId.get(condition.column());
    if (tested == null) {
      problems.add(owner.name() + ": the rule tests column '" + condition.column() + "', which the sheet does not have");
      return;
    }
    for (String value : condition.values()) {
      ParseResult parsed = tested.type().parse(value, TextFormat.ISO);
      if (!(parsed instanceof ParseResult.Valid valid) || valid.value().isBlank()) {
        String why = parsed instanceof ParseResult.Invalid invalid ? invalid.message() : "it is blank";
        problems.add(owner.name() + ": the rule compares " + tested.name() + " with '" + value + "', which does not fit: " + why);
        continue;
      }
      if (condition.operator().isOrdered() && !isOrdered(tested, valid.value())) {
        problems.add(owner.name() + ": " + tested.name() + " has no order, so the rule cannot use " + condition.operator().name().toLowerCase(Locale.ROOT));
      }
    }
  }

  private static boolean isOrdered(Column column, CellValue sample) {
    if (!column.type().kind().isOrdered() && column.type().kind() != ValueKind.CHOICE) {
      return false;
    }
    try {
      column.type().compare(sample, sample);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
