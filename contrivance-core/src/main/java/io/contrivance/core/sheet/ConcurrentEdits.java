package io.contrivance.core.sheet;

import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ValueKind;

/**
 * What happens when two people change the same cell at once, that is, when an edit arrives made
 * against a revision older than the cell's last change by someone else.
 */
public enum ConcurrentEdits {
  /**
   * The later edit in the sheet's order wins; the author of the value it replaced is told (the
   * {@link io.contrivance.core.sheet.SheetEvent.RowUpdated} names them). The default for every type but
   * multi-select.
   */
  LAST_WRITER_WINS,
  /**
   * Both edits survive as set operations: the options the later author added are added and those they
   * removed are removed, against whatever the cell holds now. Multi-select only; its default.
   */
  MERGE_SETS,
  /**
   * The later edit is refused as a conflict with the current row, so that its author decides. Meant
   * for amounts (number, currency, percent), where silently replacing a figure is costly.
   */
  FLAG_CONFLICT;

  /** The default for a type. */
  public static ConcurrentEdits defaultFor(ColumnType type) {
    return type.kind() == ValueKind.CHOICES ? MERGE_SETS : LAST_WRITER_WINS;
  }

  /** Whether columns of the type may use this policy. */
  public boolean fits(ColumnType type) {
    return this != MERGE_SETS || type.kind() == ValueKind.CHOICES;
  }
}
