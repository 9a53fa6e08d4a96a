package io.contrivance.core.sheet;

/** The stable identifier of a column: 1 to 128 characters without control characters or outer spaces. */
public record ColumnId(String value) {

  public ColumnId {
    Ids.check(value, "column id");
  }

  public static ColumnId of(String value) {
    return new ColumnId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
