package io.contrivance.core.type;

import java.math.BigDecimal;

/** The natural order of ordered value kinds. */
final class ValueOrder {

  private ValueOrder() {}

  static int compare(CellValue a, CellValue b) {
    BigDecimal x = magnitude(a);
    BigDecimal y = magnitude(b);
    if (x != null && y != null && a.getClass() == b.getClass()) {
      return x.compareTo(y);
    }
    if (x != null && y != null && (a instanceof CellValue.Money || b instanceof CellValue.Money)) {
      // A plain number bound on a currency column is an amount.
      return x.compareTo(y);
    }
    if (a instanceof CellValue.Date da && b instanceof CellValue.Date db) {
      return da.value().compareTo(db.value());
    }
    if (a instanceof CellValue.DateTime ta && b instanceof CellValue.DateTime tb) {
      return ta.value().toInstant().compareTo(tb.value().toInstant());
    }
    throw new IllegalArgumentException("cannot order " + a + " and " + b);
  }

  private static BigDecimal magnitude(CellValue value) {
    if (value instanceof CellValue.Decimal d) {
      return d.value();
    }
    if (value instanceof CellValue.Money m) {
      return m.amount();
    }
    if (value instanceof CellValue.Percent p) {
      return p.fraction();
    }
    return null;
  }
}
