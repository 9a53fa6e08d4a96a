package io.contrivance.core.sheet;

import java.util.List;

/**
 * Every violation found in a sheet, in row order then column order.
 *
 * @param rowsChecked how many rows were checked
 * @param violations the problems found, empty when the sheet is valid
 */
public record ValidationReport(long rowsChecked, List<Violation> violations) {

  public ValidationReport {
    violations = List.copyOf(violations);
  }

  public boolean isValid() {
    return violations.isEmpty();
  }

  /** The violations of one row. */
  public List<Violation> forRow(RowId row) {
    return violations.stream().filter(v -> v.row().equals(row)).toList();
  }
}
