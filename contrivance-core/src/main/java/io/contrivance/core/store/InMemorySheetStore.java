package io.contrivance.core.store;

import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Sheets in memory, with the last {@value #LOG_SIZE} events of each. Each sheet is guarded by its own monitor; reads return copies. */
final class InMemorySheetStore implements SheetStore {

  /** Rows are ordered by position, then id; a null id sorts first, which makes a probe for "after position p". */
  private record Key(long position, String id) {}

  private static final Comparator<Key> ORDER =
      Comparator.comparingLong(Key::position).thenComparing(Key::id, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** Events kept per sheet for clients catching up; older ones are dropped (such clients take a snapshot). */
  static final int LOG_SIZE = 10_000;

  private final Map<SheetId, State> sheets = new ConcurrentHashMap<>();

  private static final class State {
    SheetSchema schema;
    long revision;
    final Map<RowId, Row> byId = new HashMap<>();
    final TreeMap<Key, Row> ordered = new TreeMap<>(ORDER);
    final ArrayDeque<SheetEvent> log = new ArrayDeque<>();

    void put(Row row) {
      Row old = byId.put(row.id(), row);
      if (old != null) {
        ordered.remove(key(old));
      }
      ordered.put(key(row), row);
    }

    void remove(RowId id) {
      Row old = byId.remove(id);
      if (old != null) {
        ordered.remove(key(old));
      }
    }

    private static Key key(Row row) {
      return new Key(row.position(), row.id().value());
    }
  }

  @Override
  public List<SheetId> sheetIds() {
    return List.copyOf(sheets.keySet());
  }

  @Override
  public Optional<SheetSchema> schema(SheetId sheet) {
    State state = sheets.get(sheet);
    if (state == null) {
      return Optional.empty();
    }
    synchronized (state) {
      return Optional.of(state.schema);
    }
  }

  @Override
  public long revision(SheetId sheet) {
    State state = existing(sheet);
    synchronized (state) {
      return state.revision;
    }
  }

  @Override
  public Optional<Row> row(SheetId sheet, RowId row) {
    State state = existing(sheet);
    synchronized (state) {
      return Optional.ofNullable(state.byId.get(row));
    }
  }

  @Override
  public List<Row> rows(SheetId sheet) {
    State state = existing(sheet);
    synchronized (state) {
      return List.copyOf(state.ordered.values());
    }
  }

  @Override
  public List<Row> rows(SheetId sheet, long afterPosition, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit cannot be negative, was " + limit);
    }
    State state = existing(sheet);
    synchronized (state) {
      var window = new ArrayList<Row>(Math.min(limit, state.byId.size()));
      if (afterPosition == Long.MAX_VALUE) {
        return window;
      }
      for (Row row : state.ordered.tailMap(new Key(afterPosition + 1, null), true).values()) {
        if (window.size() >= limit) {
          break;
        }
        window.add(row);
      }
      return window;
    }
  }

  @Override
  public long maxPosition(SheetId sheet) {
    State state = existing(sheet);
    synchronized (state) {
      return state.ordered.isEmpty() ? Long.MIN_VALUE : state.ordered.lastKey().position();
    }
  }

  @Override
  public long rowCount(SheetId sheet) {
    State state = existing(sheet);
    synchronized (state) {
      return state.byId.size();
    }
  }

  @Override
  public void create(SheetSchema schema, List<Row> rows, Origin creator) {
    State state = new State();
    state.schema = schema;
    rows.forEach(state::put);
    if (sheets.putIfAbsent(schema.id(), state) != null) {
      throw new IllegalStateException("sheet " + schema.id() + " exists already");
    }
  }

  @Override
  public void commit(SheetId sheet, Commit commit) {
    State state = existing(sheet);
    synchronized (state) {
      if (state.revision != commit.baseRevision()) {
        throw new StaleRevisionException(sheet, commit.baseRevision(), state.revision);
      }
      commit.schema().ifPresent(schema -> state.schema = schema);
      commit.deletes().forEach(state::remove);
      commit.upserts().forEach(state::put);
      state.revision = commit.revision();
      for (SheetEvent event : commit.events()) {
        if (state.log.size() == LOG_SIZE) {
          state.log.removeFirst();
        }
        state.log.addLast(event);
      }
    }
  }

  @Override
  public Optional<List<SheetEvent>> eventsSince(SheetId sheet, long revision) {
    State state = existing(sheet);
    synchronized (state) {
      if (revision == state.revision) {
        return Optional.of(List.of());
      }
      if (revision > state.revision || state.log.isEmpty() || state.log.peekFirst().revision() > revision + 1) {
        return Optional.empty();
      }
      var since = new ArrayList<SheetEvent>();
      for (SheetEvent event : state.log) {
        if (event.revision() > revision) {
          since.add(event);
        }
      }
      return Optional.of(since);
    }
  }

  @Override
  public void delete(SheetId sheet) {
    sheets.remove(sheet);
  }

  private State existing(SheetId sheet) {
    State state = sheets.get(sheet);
    if (state == null) {
      throw new IllegalStateException("no sheet " + sheet);
    }
    return state;
  }
}
