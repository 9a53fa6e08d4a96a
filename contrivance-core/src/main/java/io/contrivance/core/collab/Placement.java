package io.contrivance.core.collab;

import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a placed row goes, and the other rows given new positions to make room. Rows are ordered by
 * a sparse position; a row placed between two neighbours takes the middle of the gap, and only when
 * no gap is left is the sheet renumbered (which needs every row, so it runs as a barrier).
 */
record Placement(long position, List<Row> shifted) {

  /** Space between the positions of rows added at the end, so that moves rarely renumber. */
  static final long GAP = 1L << 16;

  /**
   * Where a row placed after {@code after} (null: at the top) goes, or empty if the anchor is
   * unknown. {@code moving} is the row being moved, if any: it does not count as a neighbour.
   */
  static Optional<Placement> after(View view, Origin origin, RowId after, RowId moving) {
    long anchor;
    if (after == null) {
      anchor = Long.MIN_VALUE;
    } else {
      Optional<Row> row = view.row(after);
      if (row.isPresent()) {
        anchor = row.get().position();
      } else {
        OptionalLong gone = Concurrency.deletedPosition(view, origin, after);
        if (gone.isEmpty()) {
          return Optional.empty();
        }
        anchor = gone.getAsLong();
      }
    }
    Optional<Row> next = view.nextAfter(anchor, moving);
    OptionalLong free;
    if (next.isEmpty()) {
      free = anchor == Long.MIN_VALUE ? OptionalLong.of(GAP) : between(anchor, Long.MAX_VALUE);
    } else {
      free = between(anchor, next.get().position());
    }
    if (free.isPresent()) {
      return Optional.of(new Placement(free.getAsLong(), List.of()));
    }
    // No room between the neighbours: renumber the sheet, which needs every row.
    view.requireBarrier();
    var shifted = new ArrayList<Row>();
    long position = GAP;
    long placed = Long.MIN_VALUE;
    boolean done = false;
    for (Row row : view.rows()) {
      if (row.id().equals(moving)) {
        continue;
      }
      if (!done && row.position() > anchor) {
        placed = position;
        position += GAP;
        done = true;
      }
      if (row.position() != position) {
        shifted.add(row.atPosition(position));
      }
      position += GAP;
    }
    return Optional.of(new Placement(done ? placed : position, shifted));
  }

  /** A free position strictly between two (exclusive), leaving room on both sides, if any. */
  private static OptionalLong between(long low, long high) {
    if (low == Long.MIN_VALUE) {
      return high > Long.MIN_VALUE + GAP ? OptionalLong.of(high - GAP) : OptionalLong.empty();
    }
    if (high == Long.MAX_VALUE) {
      return low < Long.MAX_VALUE - GAP ? OptionalLong.of(low + GAP) : OptionalLong.empty();
    }
    long gap = high - low;
    return gap >= 2 ? OptionalLong.of(low + gap / 2) : OptionalLong.empty();
  }
}
