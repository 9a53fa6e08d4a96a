package io.contrivance.core.sheet;

/** The stable identifier of a sheet: 1 to 128 characters without control characters or outer spaces. */
public record SheetId(String value) {

  public SheetId {
    Ids.check(value, "sheet id");
  }

  public static SheetId of(String value) {
    return new SheetId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
