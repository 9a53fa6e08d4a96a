package io.contrivance.core.sheet;

/** The stable identifier of a row: 1 to 128 characters without control characters or outer spaces. */
public record RowId(String value) {

  public RowId {
    Ids.check(value, "row id");
  }

  public static RowId of(String value) {
    return new RowId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
