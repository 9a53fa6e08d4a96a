package io.contrivance.core.type;

/**
 * The stable, machine-readable codes that parsing and validation report. Clients may rely on them;
 * new codes may be added, existing ones are never renamed.
 */
public final class ErrorCodes {

  /** Text that cannot be read as the column's type, or a value of the wrong kind. */
  public static final String TYPE_MISMATCH = "type_mismatch";
  /** A select value that is not one of the column's options. */
  public static final String NOT_AN_OPTION = "not_an_option";
  /** A number with a fraction in an integer-only column. */
  public static final String NOT_AN_INTEGER = "not_an_integer";
  /** A number too large or too precise to store. */
  public static final String OUT_OF_RANGE = "out_of_range";
  /** Text longer than the column's type allows. */
  public static final String TOO_LONG = "too_long";
  /** Text that is not an email address. */
  public static final String INVALID_EMAIL = "invalid_email";
  /** Text that is not a web address. */
  public static final String INVALID_URL = "invalid_url";
  /** Text that is not a phone number. */
  public static final String INVALID_PHONE = "invalid_phone";
  /** A required cell that is blank (also from a "required when" rule). */
  public static final String REQUIRED = "required";
  /** A value below the column's minimum. */
  public static final String MIN = "min";
  /** A value above the column's maximum. */
  public static final String MAX = "max";
  /** Text shorter than the column's minimum length. */
  public static final String MIN_LENGTH = "min_length";
  /** Text longer than the column's maximum length. */
  public static final String MAX_LENGTH = "max_length";
  /** Text that does not match (or could not be checked against) the column's pattern. */
  public static final String PATTERN = "pattern";
  /** A value that another row of the column already holds. */
  public static final String UNIQUE = "unique";
  /** A row that breaks a cross-field rule. */
  public static final String CROSS_FIELD = "cross_field";
  /** Input naming a column the sheet does not have. */
  public static final String UNKNOWN_COLUMN = "unknown_column";

  private ErrorCodes() {}
}
