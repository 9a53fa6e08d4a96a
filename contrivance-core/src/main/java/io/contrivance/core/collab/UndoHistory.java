package io.contrivance.core.collab;

import io.contrivance.core.sheet.SheetEvent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * One author's undo and redo stacks on one sheet: their own committed events, newest first. Undoing
 * is a new edit that reverses an event (see {@code Sheet.undo()}); its own event goes on the redo
 * stack, and redoing reverses that in turn.
 */
final class UndoHistory {

  /** Events remembered per author and sheet. */
  static final int DEPTH = 100;

  private final ArrayDeque<SheetEvent> undo = new ArrayDeque<>();
  private final ArrayDeque<SheetEvent> redo = new ArrayDeque<>();

  synchronized Optional<SheetEvent> nextUndo() {
    return Optional.ofNullable(undo.peekFirst());
  }

  synchronized Optional<SheetEvent> nextRedo() {
    return Optional.ofNullable(redo.peekFirst());
  }

  /** Records a committed event of the author's; {@code undoes} is the event an undo or redo reversed. */
  synchronized void record(Sequencer.Kind kind, SheetEvent event, SheetEvent undoes) {
    event = lightweight(event);
    switch (kind) {
      case UNTRACKED -> {
        return;
      }
      case EDIT -> {
        push(undo, event);
        redo.clear();
      }
      case UNDO -> {
        undo.removeFirstOccurrence(undoes);
        push(redo, event);
      }
      case REDO -> {
        redo.removeFirstOccurrence(undoes);
        push(undo, event);
      }
    }
  }

  /** Forgets an event that can no longer be reversed. */
  synchronized void drop(SheetEvent event) {
    undo.removeFirstOccurrence(event);
    redo.removeFirstOccurrence(event);
  }

  /**
   * What the history keeps of an event: schema changes cannot be undone, so the rows they rewrote
   * (possibly every row of the sheet) are not kept with them.
   */
  static SheetEvent lightweight(SheetEvent event) {
    if (event instanceof SheetEvent.SchemaChanged changed && !changed.rewrittenRows().isEmpty()) {
      return new SheetEvent.SchemaChanged(changed.sheet(), changed.revision(), changed.at(), changed.origin(), changed.before(), changed.after(), List.of());
    }
    return event;
  }

  private static void push(ArrayDeque<SheetEvent> stack, SheetEvent event) {
    stack.addFirst(event);
    if (stack.size() > DEPTH) {
      stack.removeLast();
    }
  }
}
