package io.contrivance.core.sheet;

import java.util.Objects;

/**
 * One problem with one cell: where it is, a stable machine-readable code (see {@link
 * io.contrivance.core.type.ErrorCodes}) and a sentence for people.
 */
public record Violation(RowId row, ColumnId column, String code, String message) {

  public Violation {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
