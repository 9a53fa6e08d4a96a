package io.contrivance.core.sheet;

import io.contrivance.core.type.ColumnType;
import java.util.List;

/**
 * What changing a column's type does to the rows: which cells convert, which do not (with the old
 * value's text and the reason), and which of the column's rules no longer fit the new type.
 *
 * @param column the column being changed
 * @param from the old type
 * @param to the new type
 * @param converted how many non-blank cells convert
 * @param failures every cell that does not convert; nothing is dropped silently
 * @param droppedRules the column's rules that do not apply to the new type
 * @param applied whether the change was made (false for a preview, or when the policy refused it)
 */
public record TypeChange(
    ColumnId column,
    ColumnType from,
    ColumnType to,
    long converted,
    List<Failure> failures,
    List<Rule> droppedRules,
    boolean applied) {

  public TypeChange {
    failures = List.copyOf(failures);
    droppedRules = List.copyOf(droppedRules);
  }

  /** Whether every non-blank cell converts. */
  public boolean isLossless() {
    return failures.isEmpty();
  }

  /**
   * A cell that does not convert.
   *
   * @param row the row
   * @param oldText the old value as text, so that it can be shown or kept elsewhere
   * @param code why, as a stable code
   * @param message why, for people
   */
  public record Failure(RowId row, String oldText, String code, String message) {}

  /** What to do with cells that do not convert. */
  public enum Policy {
    /** Change nothing if any cell does not convert (the default). */
    REJECT_IF_LOSSY,
    /** Change the type and clear the cells that do not convert; the report lists them with their old text. */
    CLEAR_UNCONVERTIBLE
  }
}
