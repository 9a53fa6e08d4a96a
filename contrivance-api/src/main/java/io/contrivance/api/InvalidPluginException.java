package io.contrivance.api;

/** A plugin jar that cannot be installed, with the part of it at fault. */
public final class InvalidPluginException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field what is wrong: {@code file}, {@code Plugin-Id}, {@code Plugin-Version}, {@code
   *     Plugin-Requires} or {@code entries}
   */
  public InvalidPluginException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
