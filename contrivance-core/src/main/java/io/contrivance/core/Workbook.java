package io.contrivance.core;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.SheetValidator;
import io.contrivance.core.sheet.Templates;
import io.contrivance.core.store.SheetStore;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.core.type.TextFormat;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The entry point for embedders: creates, opens and deletes sheets kept in a {@link SheetStore}.
 *
 * <pre>{@code
 * Workbook workbook = Workbook.inMemory();
 * Sheet deals = workbook.createFromTemplate(Templates.SALES_PIPELINE, "Q3 deals");
 * EditResult<Row> added = deals.addRow(Map.of("Company", "Acme", "Stage", "Lead", "Deal Value", "$12,000"));
 * }</pre>
 *
 * <p>Thread-safe. Edits of one sheet are put in order by the sheet's sequencer, which commits edits
 * that arrive together in one store commit; edits of different sheets run in parallel. Several
 * workbooks may share one store: a commit made against a stale revision is decided again against
 * the new one.
 */
public final class Workbook {

  private final SheetStore store;
  private final IdSource ids;
  private final Clock clock;
  private final Map<SheetId, Sequencer> sequencers = new ConcurrentHashMap<>();
  /** Undo histories of the authors most recently active, least recently used dropped first. */
  private final Map<HistoryKey, UndoHistory> histories =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<HistoryKey, UndoHistory> eldest) {
              return size() > HISTORIES;
            }
          });
  private final Map<SheetId, List<Consumer<SheetEvent>>> listeners = new ConcurrentHashMap<>();
  private final Map<SheetId, SheetValidator> validators = new ConcurrentHashMap<>();

  private Workbook(Builder builder) {
    this.store = builder.store;
    this.ids = builder.ids;
    this.clock = builder.clock;
  }

  /** A workbook keeping its sheets in memory, with random ids and the system clock. */
  public static Workbook inMemory() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates an empty sheet.
   *
   * @throws InvalidDefinitionException if the name or columns are invalid (every problem listed)
   */
  public Sheet create(String name, String description, List<Column> columns, TextFormat format) {
    SheetSchema schema = new SheetSchema(SheetId.of(ids.next()), name, description, columns, format);
    store.create(schema, List.of());
    return new Sheet(this, schema.id());
  }

  /** Creates an empty sheet with no description, in the ISO text format. */
  public Sheet create(String name, List<Column> columns) {
    return create(name, "", columns, TextFormat.ISO);
  }

  /**
   * Creates an empty sheet from a built-in template.
   *
   * @param template a template id, such as {@link Templates#SALES_PIPELINE}
   * @throws InvalidDefinitionException for an unknown template
   */
  public Sheet createFromTemplate(String template, String name) {
    if (!Templates.SALES_PIPELINE.equals(template)) {
      throw new InvalidDefinitionException("unknown template '" + template + "' (known: " + Templates.SALES_PIPELINE + ")");
    }
    return create(name, "", Templates.salesPipeline(), TextFormat.ISO);
  }

  /** The sheet with this id, if it exists. */
  public Optional<Sheet> open(SheetId id) {
    // Loads (or briefly trusts) the sheet's state, so that reading its schema next costs nothing.
    return sequencer(id).refresh() ? Optional.of(new Sheet(this, id)) : Optional.empty();
  }

  /** The ids of every sheet. */
  public List<SheetId> sheetIds() {
    return store.sheetIds();
  }

  /** Deletes a sheet and its rows. Listeners of the sheet are dropped. */
  public void delete(SheetId id) {
    Sequencer sequencer = sequencers.remove(id);
    if (sequencer != null) {
      sequencer.invalidate();
    }
    store.delete(id);
    listeners.remove(id);
    validators.remove(id);
    synchronized (histories) {
      histories.keySet().removeIf(key -> key.sheet().equals(id));
    }
  }

  SheetStore store() {
    return store;
  }

  IdSource ids() {
    return ids;
  }

  Clock clock() {
    return clock;
  }

  /** Most (sheet, author) undo histories kept; each holds up to {@link UndoHistory#DEPTH} events. */
  static final int HISTORIES = 2_000;

  /** Most sheets whose sequencer (with its cached rows) is kept; idle ones beyond are dropped. */
  static final int SEQUENCERS = 256;

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
    if (author != null) {
      history(id, author).record(kind, event, undoes);
    }
  }

  /** The validator of the schema, compiled once per schema. */
  SheetValidator validator(SheetSchema schema) {
    SheetValidator cached = validators.get(schema.id());
    if (cached != null && cached.schema() == schema) {
      return cached;
    }
    SheetValidator fresh = SheetValidator.of(schema);
    validators.put(schema.id(), fresh);
    return fresh;
  }

  List<Consumer<SheetEvent>> listeners(SheetId id) {
    return listeners.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>());
  }

  /** Configures a {@link Workbook}. Every setting has a default. */
  public static final class Builder {
    private SheetStore store;
    private IdSource ids;
    private Clock clock;

    private Builder() {}

    /** Where sheets are kept; default {@link SheetStore#inMemory()}. */
    public Builder store(SheetStore value) {
      if (store != null) {
        throw new IllegalStateException("store was already set to " + store);
      }
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /** Where new sheet and row ids come from; default {@link IdSource#uuids()}. */
    public Builder ids(IdSource value) {
      if (ids != null) {
        throw new IllegalStateException("ids were already set to " + ids);
      }
      this.ids = Objects.requireNonNull(value, "ids");
      return this;
    }

    /** The clock that stamps events; default the system UTC clock. */
    public Builder clock(Clock value) {
      if (clock != null) {
        throw new IllegalStateException("clock was already set to " + clock);
      }
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Workbook build() {
      if (store == null) {
        store = SheetStore.inMemory();
      }
      if (ids == null) {
        ids = IdSource.uuids();
      }
      if (clock == null) {
        clock = Clock.systemUTC();
      }
      return new Workbook(this);
    }
  }
}
