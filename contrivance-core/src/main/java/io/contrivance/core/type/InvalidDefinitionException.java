package io.contrivance.core.type;

import java.util.List;

/**
 * A column, type, rule or sheet definition that cannot work (a minimum above the maximum, an invalid
 * regular expression, an empty option list, two columns with one name). This is a mistake in a
 * definition, not in user data: user data never causes exceptions, it causes violations.
 */
public final class InvalidDefinitionException extends IllegalArgumentException {

  private final List<String> problems;

  public InvalidDefinitionException(List<String> problems) {
    super(String.join("; ", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid definition needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public InvalidDefinitionException(String problem) {
    this(List.of(problem));
  }

  /** Every problem found, one sentence each. */
  public List<String> problems() {
    return problems;
  }
}
