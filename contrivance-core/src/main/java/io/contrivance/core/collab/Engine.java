package io.contrivance.core.collab;

import io.contrivance.core.sheet.IdSource;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.SheetValidator;
import io.contrivance.core.store.SheetStore;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The collaboration engine of one workbook: a sequencer per sheet (see {@link Sequencer} for how
 * edits are ordered and group-committed), the authors' undo histories, the sheets' listeners and
 * their compiled validators. {@code Workbook} and {@code Sheet} are its only callers; embedders use
 * those.
 *
 * <p>Thread-safe.
 */
public final class Engine {

  /** Most (sheet, author) undo histories kept; each holds up to {@link UndoHistory#DEPTH} events. */
  static final int HISTORIES = 2_000;

  /** Most sheets whose sequencer (with its cached rows) is kept; idle ones beyond are dropped. */
  static final int SEQUENCERS = 256;

  private final SheetStore store;
  private final IdSource ids;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Map<SheetId, Sequencer> sequencers = new ConcurrentHashMap<>();
  /** Undo histories of the authors most recently active, least recently used dropped first. */
  private final Map<HistoryKey, UndoHistory> histories =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<HistoryKey, UndoHistory> eldest) {
              return size() > HISTORIES;
            }
          });
  private final Map<SheetId, List<Consumer<SheetEvent>>> listeners = new ConcurrentHashMap<>();
  private final Map<SheetId, SheetValidator> validators = new ConcurrentHashMap<>();

  private Engine(SheetStore store, IdSource ids, Clock clock, LongSupplier nanoTime) {
    this.store = Objects.requireNonNull(store, "store");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** An engine over a store; the clock stamps events, the system's nanosecond timer ages cached schemas. */
  public static Engine of(SheetStore store, IdSource ids, Clock clock) {
    return new Engine(store, ids, clock, System::nanoTime);
  }

  /** The same with the timer given (for tests: how long a cached schema is trusted). */
  static Engine of(SheetStore store, IdSource ids, Clock clock, LongSupplier nanoTime) {
    return new Engine(store, ids, clock, nanoTime);
  }

  public SheetStore store() {
    return store;
  }

  public IdSource ids() {
    return ids;
  }

  /** The edits of one sheet made with an origin. */
  public SheetEditor editor(SheetId id, Origin origin) {
    return new SheetEditor(this, id, origin, true);
  }

  /** An editor whose edits stay off the author's undo history (see {@code Sheet.withoutUndo()}). */
  public SheetEditor untrackedEditor(SheetId id, Origin origin) {
    return new SheetEditor(this, id, origin, false);
  }

  /** Loads (or briefly trusts) a sheet's state; false if the sheet does not exist. */
  public boolean refresh(SheetId id) {
    return sequencer(id).refresh();
  }

  /** The sheet's schema if this engine committed to or read it within the last two seconds. */
  public Optional<SheetSchema> freshSchema(SheetId id) {
    return sequencer(id).freshSchema();
  }

  /** Calls the listener with every change of the sheet from now on, until the returned handle runs. */
  public Runnable subscribe(SheetId id, Consumer<SheetEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    List<Consumer<SheetEvent>> list = listeners.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>());
    list.add(listener);
    return () -> list.remove(listener);
  }

  /** Asks the store again, before the next use of each sheet, whether its schema is still the one known. */
  public void expireSchemas() {
    sequencers.values().forEach(Sequencer::expire);
  }

  /** Forgets everything kept about a sheet that was deleted: its sequencer, listeners, validator and histories. */
  public void forget(SheetId id) {
    Sequencer sequencer = sequencers.remove(id);
    if (sequencer != null) {
      sequencer.invalidate();
    }
    listeners.remove(id);
    validators.remove(id);
    synchronized (histories) {
      histories.keySet().removeIf(key -> key.sheet().equals(id));
    }
  }

  /** The validator of the schema, compiled once per schema. */
  public SheetValidator validator(SheetSchema schema) {
    SheetValidator cached = validators.get(schema.id());
    if (cached != null && cached.schema() == schema) {
      return cached;
    }
    SheetValidator fresh = SheetValidator.of(schema);
    validators.put(schema.id(), fresh);
    return fresh;
  }

  Clock clock() {
    return clock;
  }

  long nanoTime() {
    return nanoTime.getAsLong();
  }

  Sequencer sequencer(SheetId id) {
    Sequencer sequencer = sequencers.get(id);
    if (sequencer != null) {
      return sequencer;
    }
    if (sequencers.size() >= SEQUENCERS) {
      // Dropping a sequencer only costs its caches: a second one for the same sheet stays correct,
      // because the store refuses commits against a stale revision.
      sequencers.entrySet().removeIf(entry -> entry.getValue().idle());
    }
    return sequencers.computeIfAbsent(id, key -> new Sequencer(this, key));
  }

  void publish(SheetId id, SheetEvent event) {
    List<Consumer<SheetEvent>> list = listeners.get(id);
    if (list != null) {
      Sequencer.publish(list, event);
    }
  }

  private record HistoryKey(SheetId sheet, String author) {}

  /** The author's undo history on a sheet. */
  UndoHistory history(SheetId id, String author) {
    return histories.computeIfAbsent(new HistoryKey(id, author), key -> new UndoHistory());
  }

  /** Puts a committed event on its author's history (the application's own edits have none). */
  void remember(SheetId id, Sequencer.Kind kind, SheetEvent event, SheetEvent undoes) {
    String author = event.origin().author();
    if (author != null && kind != Sequencer.Kind.UNTRACKED) {
      history(id, author).record(kind, event, undoes);
    }
  }
}
