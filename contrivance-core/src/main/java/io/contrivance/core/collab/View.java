package io.contrivance.core.collab;

import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.SheetValidator;
import io.contrivance.core.type.CellValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tentative state of a sheet as seen by an edit its {@link Sequencer} is deciding: the edits
 * decided but not yet committed first, then the sequencer's cache of committed rows, then the store.
 * Used only while the sequencer's lock is held. A question it cannot answer exactly with edits in
 * flight asks for a barrier: the edit is decided again once nothing is in flight.
 */
final class View {
  private final Sequencer sequencer;
  private final boolean barrier;

  View(Sequencer sequencer, boolean barrier) {
    this.sequencer = sequencer;
    this.barrier = barrier;
  }

  SheetId sheet() {
    return sequencer.id;
  }

  SheetSchema schema() {
    return sequencer.schema;
  }

  long revision() {
    return sequencer.revision;
  }

  SheetValidator validator() {
    return sequencer.engine.validator(sequencer.schema);
  }

  Optional<Row> row(RowId row) {
    Optional<Row> tentative = sequencer.overlay.get(row);
    if (tentative != null) {
      return tentative;
    }
    Row cached = sequencer.cache.get(row);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Row> stored = sequencer.engine.store().row(sequencer.id, row);
    stored.ifPresent(r -> sequencer.cache.put(row, r));
    return stored;
  }

  /** Every row in order; only for barrier edits, when the store holds the tentative state. */
  List<Row> rows() {
    requireBarrier();
    return sequencer.engine.store().rows(sequencer.id);
  }

  /** Which of the rows exist. */
  Set<RowId> existing(Collection<RowId> rows) {
    var found = new HashSet<RowId>();
    var ask = new ArrayList<RowId>();
    for (RowId row : rows) {
      Optional<Row> tentative = sequencer.overlay.get(row);
      if (tentative != null) {
        tentative.ifPresent(r -> found.add(row));
      } else if (sequencer.cache.containsKey(row)) {
        found.add(row);
      } else {
        ask.add(row);
      }
    }
    found.addAll(sequencer.engine.store().existing(sequencer.id, ask));
    return found;
  }

  /** The largest position of any row, or {@link Long#MIN_VALUE} when there are none. */
  long maxPosition() {
    if (!sequencer.maxPositionKnown) {
      long max = sequencer.engine.store().maxPosition(sequencer.id);
      for (Optional<Row> row : sequencer.overlay.values()) {
        if (row.isPresent() && row.get().position() > max) {
          max = row.get().position();
        }
      }
      sequencer.maxPosition = max;
      sequencer.maxPositionKnown = true;
    }
    return sequencer.maxPosition;
  }

  /** The first row after a position (in position, then sequencer.id order), other than {@code except}, if any. */
  Optional<Row> nextAfter(long position, RowId except) {
    Row best = null;
    for (Row stored : sequencer.engine.store().rows(sequencer.id, position, sequencer.overlay.size() + 2)) {
      if (!sequencer.overlay.containsKey(stored.id()) && !stored.id().equals(except)) {
        best = stored;
        break;
      }
    }
    for (Optional<Row> tentative : sequencer.overlay.values()) {
      if (tentative.isPresent()
          && !tentative.get().id().equals(except)
          && tentative.get().position() > position
          && (best == null || before(tentative.get(), best))) {
        best = tentative.get();
      }
    }
    return Optional.ofNullable(best);
  }

  /** Another row holding a duplicate of the value in the column, if any. */
  Optional<RowId> findDuplicate(ColumnId column, CellValue value, RowId except) {
    Object key = SheetValidator.uniqueKey(value);
    for (Optional<Row> tentative : sequencer.overlay.values()) {
      if (tentative.isPresent() && !tentative.get().id().equals(except)) {
        CellValue other = tentative.get().cell(column);
        if (!other.isBlank() && SheetValidator.uniqueKey(other).equals(key)) {
          return Optional.of(tentative.get().id());
        }
      }
    }
    Optional<RowId> stored = sequencer.engine.store().findDuplicate(sequencer.id, column, value, except);
    if (stored.isPresent() && sequencer.overlay.containsKey(stored.get())) {
      // The stored holder is changing in flight; there may be another holder behind it.
      throw new Sequencer.NeedsBarrier();
    }
    return stored;
  }

  /** The events after a sequencer.revision, sequencer.committed and tentative, or empty if they are no longer known. */
  Optional<List<SheetEvent>> eventsSince(long base) {
    var since = new ArrayList<SheetEvent>();
    if (base < sequencer.committed) {
      SheetEvent oldest = sequencer.recent.peekFirst();
      if (oldest != null && oldest.revision() <= base + 1) {
        for (SheetEvent event : sequencer.recent) {
          if (event.revision() > base) {
            since.add(event);
          }
        }
      } else {
        Optional<List<SheetEvent>> stored = sequencer.engine.store().eventsSince(sequencer.id, base);
        if (stored.isEmpty()) {
          return Optional.empty();
        }
        since.addAll(stored.get());
      }
    }
    for (Sequencer.Pending<?> p : sequencer.queue) {
      if (p.event.revision() > base) {
        since.add(p.event);
      }
    }
    return Optional.of(since);
  }

  /** Refuses to go on unless nothing is in flight, by asking for a barrier. */
  void requireBarrier() {
    if (!barrier) {
      throw new Sequencer.NeedsBarrier();
    }
  }

  private static boolean before(Row a, Row b) {
    return a.position() < b.position() || (a.position() == b.position() && a.id().value().compareTo(b.id().value()) < 0);
  }
}
