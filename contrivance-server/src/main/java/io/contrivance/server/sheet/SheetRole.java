package io.contrivance.server.sheet;

import java.util.Locale;

/** What a user may do with one sheet. Ordered: each role can do what the ones before it can. */
public enum SheetRole {
  VIEWER,
  EDITOR,
  OWNER;

  public boolean atLeast(SheetRole other) {
    return compareTo(other) >= 0;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
