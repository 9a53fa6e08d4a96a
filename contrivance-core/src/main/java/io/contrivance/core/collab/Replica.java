package io.contrivance.core.collab;

import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.CellValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's copy of a sheet: a snapshot at some revision, brought forward by the sheet's events in
 * revision order, with the client's own edits shown before the server confirms them.
 *
 * <p>The confirmed state changes only through {@link #apply}; it is always exactly the sheet at
 * {@link #revision()}. Local edits ({@link #propose}) sit on top until {@link #settle} is called for
 * them (acknowledged, rejected or in conflict); the acknowledged result then arrives as an event like
 * everyone else's. This is how the browser's grid model works too (see docs/realtime.md).
 *
 * <p>Not thread-safe: a client applies events on one thread.
 */
public final class Replica {

  /** What {@link #apply} did with an event. */
  public enum Applied {
    /** The event was the next revision and is now part of the state. */
    APPLIED,
    /** The event's revision was already applied; nothing changed. */
    ALREADY_SEEN,
    /** Events are missing before this one: ask for a replay from {@link #revision()}. */
    GAP
  }

  private static final Comparator<Row> ORDER = Comparator.comparingLong(Row::position).thenComparing(r -> r.id().value());

  private SheetSchema schema;
  private long revision;
  private final Map<RowId, Row> rows = new HashMap<>();
  private final Map<String, Proposal> proposals = new LinkedHashMap<>();

  private record Proposal(RowId row, ColumnId column, CellValue value) {}

  /** A replica from a snapshot. */
  public Replica(SheetSchema schema, long revision, List<Row> snapshot) {
    reset(schema, revision, snapshot);
  }

  /** Replaces the state with a snapshot (after a gap the server could not replay). Proposals are kept. */
  public void reset(SheetSchema newSchema, long newRevision, List<Row> snapshot) {
    this.schema = Objects.requireNonNull(newSchema, "schema");
    this.revision = newRevision;
    rows.clear();
    for (Row row : snapshot) {
      rows.put(row.id(), row);
    }
  }

  public SheetSchema schema() {
    return schema;
  }

  /** The revision of the confirmed state. */
  public long revision() {
    return revision;
  }

  /** Applies the sheet's next event. */
  public Applied apply(SheetEvent event) {
    if (event.revision() <= revision) {
      return Applied.ALREADY_SEEN;
    }
    if (event.revision() != revision + 1) {
      return Applied.GAP;
    }
    if (event instanceof SheetEvent.RowsAdded added) {
      added.rows().forEach(r -> rows.put(r.id(), r));
      added.shifted().forEach(r -> rows.put(r.id(), r));
    } else if (event instanceof SheetEvent.RowUpdated updated) {
      rows.put(updated.after().id(), updated.after());
    } else if (event instanceof SheetEvent.RowsUpdated many) {
      many.updates().forEach(u -> rows.put(u.after().id(), u.after()));
    } else if (event instanceof SheetEvent.RowsDeleted deleted) {
      deleted.rows().forEach(r -> rows.remove(r.id()));
    } else if (event instanceof SheetEvent.RowMoved moved) {
      rows.put(moved.after().id(), moved.after());
      moved.shifted().forEach(r -> rows.put(r.id(), r));
    } else if (event instanceof SheetEvent.SchemaChanged changed) {
      schema = changed.after();
      changed.rewrittenRows().forEach(r -> rows.put(r.id(), r));
    }
    revision = event.revision();
    return Applied.APPLIED;
  }

  /** The confirmed rows in order. */
  public List<Row> rows() {
    var ordered = new ArrayList<>(rows.values());
    ordered.sort(ORDER);
    return ordered;
  }

  /** The confirmed row. */
  public Optional<Row> row(RowId id) {
    return Optional.ofNullable(rows.get(id));
  }

  /** Shows a local cell edit until it is settled. */
  public void propose(String opId, RowId row, ColumnId column, CellValue value) {
    proposals.put(Objects.requireNonNull(opId, "opId"), new Proposal(row, column, value));
  }

  /** Forgets a local edit: the server answered it. */
  public void settle(String opId) {
    proposals.remove(opId);
  }

  /** How many local edits await an answer. */
  public int unsettled() {
    return proposals.size();
  }

  /** The row as the user sees it: confirmed, with their unsettled edits on top (empty if it is gone). */
  public Optional<Row> visible(RowId id) {
    Row row = rows.get(id);
    if (row == null) {
      return Optional.empty();
    }
    for (Proposal proposal : proposals.values()) {
      if (proposal.row.equals(id) && schema.column(proposal.column).isPresent()) {
        row = row.with(proposal.column, proposal.value);
      }
    }
    return Optional.of(row);
  }
}
