package io.contrivance.core.sheet;

/** The stable identifier of a column: 1 to 128 characters without control characters or outer spaces. */
public record ColumnId(String value) {

  public ColumnId {
    Ids.check(value, "column id");
  }

  public static ColumnId of(String value) {
    return new ColumnId(value);
  }

  /** A readable id made from a column name: {@code Deal Value} gives {@code deal_value}. */
  public static ColumnId fromName(String name) {
    return new ColumnId(Column.slug(name));
  }

  @Override
  public String toString() {
    return value;
  }
}
