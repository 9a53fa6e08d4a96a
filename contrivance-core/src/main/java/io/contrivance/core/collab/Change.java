package io.contrivance.core.collab;

import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetSchema;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What an edit wants to store, or the result it ends with without storing anything. */
record Change<T>(
    EditResult<T> refusal,
    Optional<SheetSchema> schema,
    List<Row> upserts,
    List<RowId> deletes,
    T result,
    EventFactory event,
    SheetEvent undoes) {

  /** Makes an event for a committed change: its revision, time and origin are known only then. */
  @FunctionalInterface
  interface EventFactory {
    SheetEvent create(long revision, Instant at, Origin origin);
  }

  static <T> Change<T> refused(EditResult<T> result) {
    return new Change<>(result, Optional.empty(), List.of(), List.of(), null, null, null);
  }

  static <T> Change<T> rows(List<Row> upserts, List<RowId> deletes, T result, EventFactory event) {
    return new Change<>(null, Optional.empty(), upserts, deletes, result, event, null);
  }

  static <T> Change<T> schema(SheetSchema schema, List<Row> upserts, T result, EventFactory event) {
    return new Change<>(null, Optional.of(schema), upserts, List.of(), result, event, null);
  }

  /** The same change, marked as reversing an earlier event (for the undo history). */
  Change<T> reversing(SheetEvent event) {
    return new Change<>(refusal, schema, upserts, deletes, result, this.event, event);
  }
}
