package io.contrivance.core.sheet;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Where an edit comes from: who made it, which operation of their client it is, and which revision
 * of the sheet they were looking at when they made it.
 *
 * <p>The base revision is what lets the sheet resolve concurrent edits: an edit made against an
 * older revision is checked against everything that happened since (see {@link
 * io.contrivance.core.sheet.ConcurrentEdits}). Without one, the edit is taken as made against the
 * current revision.
 *
 * @param author the user's id, or null for the application itself
 * @param opId the client's id for the operation (echoed in events so that the client can match its
 *     acknowledgement), or null
 * @param baseRevision the revision the author last saw, if known
 */
public record Origin(String author, String opId, OptionalLong baseRevision) {

  /** Edits made by the embedding application itself, against the current revision. */
  public static final Origin SYSTEM = new Origin(null, null, OptionalLong.empty());

  public Origin {
    Objects.requireNonNull(baseRevision, "baseRevision");
    if (baseRevision.isPresent() && baseRevision.getAsLong() < 0) {
      throw new IllegalArgumentException("a revision is never negative: " + baseRevision.getAsLong());
    }
  }

  /** Edits by a user against the current revision. */
  public static Origin user(String author) {
    return new Origin(Objects.requireNonNull(author, "author"), null, OptionalLong.empty());
  }

  /** The same author, for one client operation made against a known revision. */
  public Origin op(String newOpId, long revision) {
    return new Origin(author, newOpId, OptionalLong.of(revision));
  }

  /** Whether the edit was made by someone other than {@code user} (the application counts as someone else). */
  public boolean isOther(String user) {
    return !Objects.equals(author, user);
  }
}
