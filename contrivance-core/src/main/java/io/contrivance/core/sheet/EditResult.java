package io.contrivance.core.sheet;

import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.Violation;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The outcome of an edit: applied (with the sheet's new revision), rejected because the data is
 * invalid (with every violation), in conflict with a newer version of the row, or aimed at a row
 * that does not exist, or refused for another reason given by a code. An edit that is not applied
 * changes nothing.
 *
 * @param <T> what an applied edit returns, such as the new row
 */
public sealed interface EditResult<T>
    permits EditResult.Applied, EditResult.Rejected, EditResult.Conflict, EditResult.NotFound, EditResult.Refused {

  /** Whether the edit was applied. */
  default boolean isApplied() {
    return this instanceof Applied;
  }

  /**
   * What the applied edit returned.
   *
   * @throws NoSuchElementException if it was not applied, with the reason
   */
  default T value() {
    if (this instanceof Applied<T> applied) {
      return applied.result();
    }
    throw new NoSuchElementException("the edit was not applied: " + this);
  }

  /** The violations of a rejected edit; empty otherwise. */
  default List<Violation> violations() {
    return this instanceof Rejected<T> rejected ? rejected.problems() : List.of();
  }

  /** The edit was applied; the sheet is now at {@code revision}. */
  record Applied<T>(T result, long revision) implements EditResult<T> {}

  /** The data breaks the sheet's types or rules; nothing changed. */
  record Rejected<T>(List<Violation> problems) implements EditResult<T> {
    public Rejected {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one violation");
      }
    }
  }

  /** The row changed since the version the edit expected; {@code current} is how it is now. */
  record Conflict<T>(Row current) implements EditResult<T> {
    public Conflict {
      Objects.requireNonNull(current, "current");
    }
  }

  /** There is no such row (it may have been deleted). */
  record NotFound<T>(RowId row) implements EditResult<T> {
    public NotFound {
      Objects.requireNonNull(row, "row");
    }
  }

  /**
   * The edit cannot be made for a reason other than the data: nothing to undo, a change someone has
   * since overwritten, and the like.
   *
   * @param code a stable, machine-readable reason (see {@link EditResult#NOTHING_TO_UNDO} and the
   *     other constants)
   * @param message the reason for people
   */
  record Refused<T>(String code, String message) implements EditResult<T> {
    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  /** {@link Refused} code: the author has nothing to undo (or redo). */
  String NOTHING_TO_UNDO = "nothing_to_undo";
  /** {@link Refused} code: someone else changed what the undo would restore. */
  String CHANGED_SINCE = "changed_since";
  /** {@link Refused} code: the kind of change cannot be undone (schema changes). */
  String NOT_UNDOABLE = "not_undoable";
  /** {@link Refused} code: the row the edit was placed against, or restores, is gone or taken. */
  String ROW_GONE = "row_gone";
}
