package io.contrivance.core.collab;

import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.SheetValidator;
import io.contrivance.core.store.SheetStore;
import io.contrivance.core.store.StaleRevisionException;
import io.contrivance.core.type.CellValue;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Puts the edits of one sheet in order and commits them.
 *
 * <h2>How edits are ordered</h2>
 *
 * <p>The sheet's revision is the order: every accepted edit gets the next revision, and the store
 * refuses a commit made against a revision that is no longer current. Whoever commits first wins
 * the revision; there is no other arbiter, so several sequencers (several server instances sharing a
 * database) may work on one sheet and stay consistent.
 *
 * <p>An edit is <em>decided</em> under this sequencer's lock against the <em>tentative</em> state:
 * the committed state plus every edit decided but not yet committed (the overlay). Deciding is pure
 * computation on rows that are usually cached, so it takes microseconds. Committing takes a round
 * trip to the store, which for a database is a transaction and a disk flush; doing one per edit
 * would cap a sheet at a few hundred edits per second. So edits are <em>group-committed</em>: while
 * one thread commits, others decide their edits against the overlay and queue them; when the commit
 * ends, the first waiting thread takes everything queued and commits it as one store commit, then
 * returns. Each caller returns only once its own edit is stored (an edit is never acknowledged before
 * it is durable), and no caller commits more than the one batch that holds its own edit.
 *
 * <p>If the store says the revision moved (another instance committed), the batch and everything
 * queued behind it are decided again from the store's new state by their own threads, up to a few
 * times. If the store fails otherwise, every edit of the batch and the queue fails with that error
 * and the sequencer forgets its state, to reload it on the next edit: the store kept nothing of them.
 *
 * <h2>Reading during a decision</h2>
 *
 * <p>Deciding reads through a {@link View}: the overlay first, then a small cache of committed rows,
 * then the store. A few questions cannot be answered exactly with edits in flight (say, a unique
 * value whose only stored holder is being changed in the overlay); the view then asks for a
 * <em>barrier</em>, and the edit is decided again once nothing is in flight. Edits that must see
 * every row (moving a row to an index, deleting or retyping a column) always run as barriers.
 *
 * <p>Listeners are called by the thread that committed, after the commit, in revision order, before
 * any later batch is committed. They must not edit the sheet themselves.
 */
final class Sequencer {

  /** Most edits stored in one commit; bounds the size of a transaction. */
  static final int MAX_BATCH = 256;
  /** Committed rows kept per sheet for deciding edits without a read. */
  static final int CACHED_ROWS = 512;
  /**
   * Committed events kept per sheet for resolving concurrent edits without a read (older ones are
   * read from the store's log). An edit is rarely more than a few events behind; with 1,024, a busy
   * sheet's events lived for tens of seconds, long enough to be copied by every young collection of
   * a server's heap and then promoted (young pauses of 16-23 ms instead of 8-10 on two cores).
   */
  static final int RECENT_EVENTS = 128;
  /**
   * Most rows carried by the committed events kept: bulk edits (an import writes a thousand rows an
   * event) would otherwise keep 128,000 rows per sheet alive for nothing, their readers being rare.
   */
  static final int RECENT_ROWS = 4_096;
  /**
   * How long the committed schema may be served without asking the store: another instance's
   * schema change shows up here within this time (or at once, when this instance commits).
   */
  static final long FRESH_NANOS = 2_000_000_000L;
  /** How often an edit is decided again when other writers keep moving the revision. */
  static final int MAX_ATTEMPTS = 16;

  private static final System.Logger LOG = System.getLogger(Sequencer.class.getName());

  /** Decides an edit against the tentative state; pure apart from reads through the view. */
  @FunctionalInterface
  interface Edit<T> {
    Change<T> decide(View view);
  }

  /** Whether a committed edit goes on its author's undo history, and how. */
  enum Kind {
    EDIT,
    /** An edit kept off its author's history: it is taken back by other means (an import's own undo). */
    UNTRACKED,
    UNDO,
    REDO
  }

  /** Thrown by the view when a question needs a state with nothing in flight. */
  static final class NeedsBarrier extends RuntimeException {
    NeedsBarrier() {
      super(null, null, false, false);
    }
  }

  /** Thrown to the thread of an edit that must be decided again from fresh state. */
  private static final class Redecide extends RuntimeException {
    final StaleRevisionException cause;

    Redecide(StaleRevisionException cause) {
      super(null, null, false, false);
      this.cause = cause;
    }
  }

  final Engine engine;
  final SheetId id;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  // Guarded by lock.
  boolean loaded;
  SheetSchema schema;
  long revision;
  long committed;
  SheetSchema committedSchema;
  /** When the committed state was last known to match the store (loaded, or committed to). */
  long verifiedAt;
  long maxPosition;
  boolean maxPositionKnown;
  boolean committing;
  final Map<RowId, Optional<Row>> overlay = new HashMap<>();
  final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
  final ArrayDeque<SheetEvent> recent = new ArrayDeque<>();
  /** Rows carried by the events in {@link #recent}. */
  private int recentRows;
  final LinkedHashMap<RowId, Row> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RowId, Row> eldest) {
          return size() > CACHED_ROWS;
        }
      };

  Sequencer(Engine engine, SheetId id) {
    this.engine = engine;
    this.id = id;
  }

  /** How many decided edits wait for a commit (for tests). */
  int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Whether nothing is queued or being committed (the workbook may then drop this sequencer). */
  boolean idle() {
    lock.lock();
    try {
      return !committing && queue.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Decides, commits and publishes an edit, returning once it is stored (or refused).
   *
   * @throws RuntimeException what the edit threw while deciding (an invalid definition, say), or the
   *     store's error if the commit failed
   */
  <T> EditResult<T> submit(Origin origin, Kind kind, boolean barrier, Edit<T> edit) {
    for (int attempt = 1; ; attempt++) {
      try {
        return submitOnce(new Pending<>(origin, kind, barrier, edit));
      } catch (Redecide redecide) {
        if (attempt == MAX_ATTEMPTS) {
          throw redecide.cause;
        }
        // Another writer keeps winning the revision: step aside for a random while, longer each time.
        backOff(attempt);
      }
    }
  }

  private static void backOff(int attempt) {
    long bound = Math.min(64, 1L << Math.min(attempt, 6));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying an edit", e);
    }
  }

  private <T> EditResult<T> submitOnce(Pending<T> p) {
    List<Pending<?>> mine = null;
    lock.lock();
    try {
      load();
      decide(p);
      while (!p.done) {
        if (committing) {
          changed.awaitUninterruptibly();
          continue;
        }
        mine = takeBatch();
        committing = true;
        commit(mine);
      }
    } finally {
      lock.unlock();
    }
    return p.outcome();
  }

  /** Decides under the lock; a refused or failed edit is done, an accepted one is queued. */
  private <T> void decide(Pending<T> p) {
    if (p.barrier) {
      awaitQuiet();
      load();
    }
    Change<T> change;
    try {
      change = p.edit.decide(new View(this, p.barrier));
    } catch (NeedsBarrier e) {
      awaitQuiet();
      load();
      try {
        change = p.edit.decide(new View(this, true));
      } catch (RuntimeException inner) {
        p.fail(inner);
        return;
      }
    } catch (RuntimeException e) {
      p.fail(e);
      return;
    }
    if (change.refusal() != null) {
      p.finish(change.refusal());
      return;
    }
    revision++;
    Instant at = engine.clock().instant();
    p.event = change.event().create(revision, at, p.origin);
    p.change = change;
    change.schema().ifPresent(s -> schema = s);
    for (RowId deleted : change.deletes()) {
      overlay.put(deleted, Optional.empty());
    }
    for (Row row : change.upserts()) {
      overlay.put(row.id(), Optional.of(row));
      if (maxPositionKnown && row.position() > maxPosition) {
        maxPosition = row.position();
      }
    }
    queue.addLast(p);
  }

  /** Waits (releasing the lock) until nothing is queued or being committed. */
  private void awaitQuiet() {
    while (committing || !queue.isEmpty()) {
      changed.awaitUninterruptibly();
    }
  }

  private List<Pending<?>> takeBatch() {
    var batch = new ArrayList<Pending<?>>(Math.min(queue.size(), MAX_BATCH));
    while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(queue.removeFirst());
    }
    return batch;
  }

  /** Commits a batch: called with the lock held and {@code committing} set; releases the lock while the store works. */
  private void commit(List<Pending<?>> batch) {
    long base = committed;
    SheetStore.Commit commit = merge(base, batch);
    RuntimeException failure = null;
    lock.unlock();
    try {
      engine.store().commit(id, commit);
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      lock.lock();
    }
    if (failure == null) {
      committed(batch, commit);
      lock.unlock();
      try {
        for (Pending<?> p : batch) {
          engine.publish(id, p.event);
        }
      } finally {
        lock.lock();
      }
      for (Pending<?> p : batch) {
        engine.remember(id, p.kind, p.event, p.change.undoes());
        p.finishApplied();
      }
    } else {
      forget();
      var all = new ArrayList<Pending<?>>(batch);
      all.addAll(queue);
      queue.clear();
      boolean stale = failure instanceof StaleRevisionException;
      if (!stale) {
        LOG.log(System.Logger.Level.WARNING, "could not store " + all.size() + " edits of sheet " + id, failure);
      }
      for (Pending<?> p : all) {
        p.fail(stale ? new Redecide((StaleRevisionException) failure) : failure);
      }
    }
    committing = false;
    changed.signalAll();
  }

  /** Moves a committed batch from the overlay to the committed state. */
  private void committed(List<Pending<?>> batch, SheetStore.Commit commit) {
    committed = commit.revision();
    commit.schema().ifPresent(s -> committedSchema = s);
    verifiedAt = engine.nanoTime();
    for (Pending<?> p : batch) {
      for (RowId deleted : p.change.deletes()) {
        Optional<Row> latest = overlay.get(deleted);
        if (latest != null && latest.isEmpty()) {
          overlay.remove(deleted);
        }
        cache.remove(deleted);
      }
      for (Row row : p.change.upserts()) {
        Optional<Row> latest = overlay.get(row.id());
        if (latest != null && latest.isPresent() && latest.get() == row) {
          overlay.remove(row.id());
        }
        cache.put(row.id(), row);
      }
      // A column change over a large sheet carries every rewritten row; keep its schema only.
      SheetEvent kept = p.event instanceof SheetEvent.SchemaChanged changed && changed.rewrittenRows().size() > 1_000 ? UndoHistory.lightweight(p.event) : p.event;
      recent.addLast(kept);
      recentRows += rowsOf(kept);
      while (recent.size() > RECENT_EVENTS || (recentRows > RECENT_ROWS && recent.size() > 1)) {
        recentRows -= rowsOf(recent.removeFirst());
      }
    }
  }

  /** One store commit for a batch: the last state of each row, the last schema, every event. */
  private SheetStore.Commit merge(long base, List<Pending<?>> batch) {
    Map<RowId, Optional<Row>> rows = new LinkedHashMap<>();
    Optional<SheetSchema> newSchema = Optional.empty();
    var events = new ArrayList<SheetEvent>(batch.size());
    for (Pending<?> p : batch) {
      for (RowId deleted : p.change.deletes()) {
        rows.put(deleted, Optional.empty());
      }
      for (Row row : p.change.upserts()) {
        rows.put(row.id(), Optional.of(row));
      }
      if (p.change.schema().isPresent()) {
        newSchema = p.change.schema();
      }
      events.add(p.event);
    }
    var upserts = new ArrayList<Row>();
    var deletes = new ArrayList<RowId>();
    rows.forEach((rowId, row) -> row.ifPresentOrElse(upserts::add, () -> deletes.add(rowId)));
    return new SheetStore.Commit(base, newSchema, upserts, deletes, events);
  }

  /** Loads the committed schema and revision, if not loaded. */
  private void load() {
    if (loaded) {
      return;
    }
    schema = engine.store().schema(id).orElseThrow(() -> new IllegalStateException("sheet " + id + " was deleted"));
    revision = engine.store().revision(id);
    committed = revision;
    committedSchema = schema;
    verifiedAt = engine.nanoTime();
    maxPositionKnown = false;
    loaded = true;
  }

  /** Makes the committed state count as unverified, so that the next use asks the store whether it is current. */
  void expire() {
    lock.lock();
    try {
      verifiedAt = engine.nanoTime() - FRESH_NANOS - 1;
    } finally {
      lock.unlock();
    }
  }

  /** Drops everything known, so that the next edit reloads from the store. */
  private void forget() {
    loaded = false;
    overlay.clear();
    cache.clear();
    recent.clear();
    recentRows = 0;
  }

  /** How many rows an event carries (its weight in {@link #recent}). */
  static int rowsOf(SheetEvent event) {
    if (event instanceof SheetEvent.RowsAdded added) {
      return added.rows().size() + added.shifted().size();
    } else if (event instanceof SheetEvent.RowsUpdated updated) {
      return 2 * updated.updates().size();
    } else if (event instanceof SheetEvent.RowsDeleted deleted) {
      return deleted.rows().size();
    } else if (event instanceof SheetEvent.RowMoved moved) {
      return 2 + moved.shifted().size();
    } else if (event instanceof SheetEvent.SchemaChanged changed) {
      return 1 + changed.rewrittenRows().size();
    }
    return 2;
  }

  /** The committed schema, if known to be current (see {@link #FRESH_NANOS}); empty means ask the store. */
  Optional<SheetSchema> freshSchema() {
    lock.lock();
    try {
      return loaded && engine.nanoTime() - verifiedAt < FRESH_NANOS ? Optional.of(committedSchema) : Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes sure the committed state is loaded and current (asking the store at most once per {@link
   * #FRESH_NANOS}); false if the sheet does not exist.
   */
  boolean refresh() {
    lock.lock();
    try {
      if (loaded && engine.nanoTime() - verifiedAt < FRESH_NANOS) {
        return true;
      }
      if (loaded && !committing && queue.isEmpty()) {
        Optional<SheetSchema> stored = engine.store().schema(id);
        if (stored.isEmpty()) {
          forget();
          return false;
        }
        if (stored.get().equals(committedSchema) && engine.store().revision(id) == committed) {
          verifiedAt = engine.nanoTime();
          return true;
        }
        forget();
      }
      if (!loaded) {
        Optional<SheetSchema> stored = engine.store().schema(id);
        if (stored.isEmpty()) {
          return false;
        }
        load();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Forgets the cached state after a change made around the sequencer (the sheet was recreated). */
  void invalidate() {
    lock.lock();
    try {
      awaitQuiet();
      forget();
    } finally {
      lock.unlock();
    }
  }

  /** One edit on its way: decided (with its event) or done (with its outcome). */
  static final class Pending<T> {
    final Origin origin;
    final Kind kind;
    final boolean barrier;
    final Edit<T> edit;
    Change<T> change;
    SheetEvent event;
    boolean done;
    EditResult<T> outcome;
    RuntimeException failure;

    Pending(Origin origin, Kind kind, boolean barrier, Edit<T> edit) {
      this.origin = origin;
      this.kind = kind;
      this.barrier = barrier;
      this.edit = edit;
    }

    void finish(EditResult<T> result) {
      outcome = result;
      done = true;
    }

    void finishApplied() {
      finish(new EditResult.Applied<>(change.result(), event.revision()));
    }

    void fail(RuntimeException e) {
      failure = e;
      done = true;
    }

    EditResult<T> outcome() {
      if (failure != null) {
        throw failure;
      }
      return outcome;
    }
  }

  /** Calls listeners; exceptions are logged, never thrown back into the commit. */
  static void publish(List<Consumer<SheetEvent>> listeners, SheetEvent event) {
    for (Consumer<SheetEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a listener of sheet " + event.sheet() + " failed on revision " + event.revision(), e);
      }
    }
  }
}
