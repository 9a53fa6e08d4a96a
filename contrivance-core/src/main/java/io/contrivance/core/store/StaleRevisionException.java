package io.contrivance.core.store;

import io.contrivance.core.sheet.SheetId;

/** A commit was made against a revision of the sheet that is no longer the current one. */
public final class StaleRevisionException extends RuntimeException {

  private final SheetId sheet;
  private final long expected;
  private final long actual;

  public StaleRevisionException(SheetId sheet, long expected, long actual) {
    super("sheet " + sheet + " is at revision " + actual + ", the change was made against " + expected);
    this.sheet = sheet;
    this.expected = expected;
    this.actual = actual;
  }

  public SheetId sheet() {
    return sheet;
  }

  public long expected() {
    return expected;
  }

  public long actual() {
    return actual;
  }
}
