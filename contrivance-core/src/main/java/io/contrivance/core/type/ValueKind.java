package io.contrivance.core.type;

/**
 * The kind of {@link CellValue} a column type stores. Validation rules apply by kind: minimum and
 * maximum to ordered kinds, length and pattern to text.
 */
public enum ValueKind {
  TEXT(CellValue.Text.class),
  DECIMAL(CellValue.Decimal.class),
  MONEY(CellValue.Money.class),
  PERCENT(CellValue.Percent.class),
  DATE(CellValue.Date.class),
  DATE_TIME(CellValue.DateTime.class),
  BOOLEAN(CellValue.Bool.class),
  CHOICE(CellValue.Choice.class),
  CHOICES(CellValue.Choices.class);

  private final Class<? extends CellValue> valueClass;

  ValueKind(Class<? extends CellValue> valueClass) {
    this.valueClass = valueClass;
  }

  /** Whether the value is of this kind (blank is of no kind). */
  public boolean holds(CellValue value) {
    return valueClass.isInstance(value);
  }

  /** Whether values of this kind have an order, so that minimum and maximum apply. */
  public boolean isOrdered() {
    return this == DECIMAL || this == MONEY || this == PERCENT || this == DATE || this == DATE_TIME;
  }

  /** Whether values of this kind are text, so that length and pattern apply. */
  public boolean isText() {
    return this == TEXT;
  }

  /** The kind of a value, or {@code null} for blank. */
  static ValueKind of(CellValue value) {
    for (ValueKind kind : values()) {
      if (kind.valueClass.isInstance(value)) {
        return kind;
      }
    }
    return null;
  }
}
