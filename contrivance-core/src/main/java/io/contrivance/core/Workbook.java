package io.contrivance.core;

import io.contrivance.core.collab.Engine;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.IdSource;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.Templates;
import io.contrivance.core.store.SheetStore;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.core.type.TextFormat;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
  private final Engine engine;

  private Workbook(Builder builder) {
    this.store = builder.store;
    this.ids = builder.ids;
    this.engine = Engine.of(builder.store, builder.ids, builder.clock);
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
    return create(name, description, columns, format, Origin.SYSTEM);
  }

  /**
   * Creates an empty sheet on behalf of someone: the store records the creator's author (a server
   * makes them the sheet's owner).
   *
   * @throws InvalidDefinitionException if the name or columns are invalid (every problem listed)
   */
  public Sheet create(String name, String description, List<Column> columns, TextFormat format, Origin creator) {
    SheetSchema schema = new SheetSchema(SheetId.of(ids.next()), name, description, columns, format);
    store.create(schema, List.of(), Objects.requireNonNull(creator, "creator"));
    return new Sheet(engine, schema.id());
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
    return engine.refresh(id) ? Optional.of(new Sheet(engine, id)) : Optional.empty();
  }

  /** The ids of every sheet. */
  public List<SheetId> sheetIds() {
    return store.sheetIds();
  }

  /**
   * Tells the workbook that the store now builds schemas differently (the column types available
   * changed, e.g. a plugin was enabled or disabled): each sheet's schema is read from the store again
   * before its next use, instead of at the end of the usual two-second freshness window.
   */
  public void reloadSchemas() {
    engine.expireSchemas();
  }

  /** Deletes a sheet and its rows. Listeners of the sheet are dropped. */
  public void delete(SheetId id) {
    engine.forget(id);
    store.delete(id);
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
