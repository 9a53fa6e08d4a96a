package io.contrivance.server.sheet;

import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.store.SheetStore;
import io.contrivance.core.store.StaleRevisionException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Writes the core's commits to PostgreSQL, the commits of every sheet that arrive together in one
 * statement.
 *
 * <p><b>Why.</b> A commit is small (often one cell), and on this kind of machine what it costs is
 * not the SQL but the round trip and the disk flush: each round trip wakes a thread on both sides,
 * and each transaction waits for its own flush of the write-ahead log. The core's sequencer already
 * groups the edits of <em>one</em> sheet that arrive while its previous commit is being written; this
 * class does the same <em>across</em> sheets, so that 32 people typing in 32 sheets cost about what
 * 32 people typing in one sheet cost.
 *
 * <p><b>How.</b> The calling thread first turns its commit into rows of parameters (the rows' JSON,
 * the op-log entries, the audit entries) and queues them. If no statement is being written, it
 * becomes the leader: it takes everything queued (at most one commit per sheet) and writes it as one
 * statement; otherwise it waits, and whoever finds the queue non-empty after the current statement
 * leads the next one. Nobody waits on a timer: a lone commit is written at once.
 *
 * <p><b>The statement.</b> Data-modifying CTEs in one implicit transaction: the revision bump of each
 * sheet guarded by {@code revision = base} (rows locked in id order, so two instances' statements
 * cannot deadlock), then deletes, upserts, op log and audit log, each joined to the sheets whose
 * guard held. It returns those sheets and the rows they stored, with the metadata the database gave
 * them, which {@link #stored} hands to the API's answer. A sheet whose guard failed writes nothing
 * and its caller gets {@link StaleRevisionException} (another instance committed first; the core
 * decides its edits again). If the statement fails as a whole, each of its commits is written again
 * on its own, so that one bad commit cannot fail another sheet's.
 */
final class SheetCommits {

  private static final Logger LOG = Logger.getLogger(SheetCommits.class.getName());

  /** Enough to keep one statement's arrays modest when many sheets are busy at once. */
  static final int MOST_SHEETS = 64;

  private static final String SQL =
      """
      with guard as (
        select * from unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[], ?::text[], ?::text[], ?::varchar[])
          as g (id, base, revision, name, description, columns, format)
      ), locked as (
        select s.id from spreadsheets s join guard on guard.id = s.id and s.revision = guard.base order by s.id for update of s
      ), sheet as (
        update spreadsheets s set revision = guard.revision, updated_at = ?,
          name = coalesce(guard.name, s.name), description = coalesce(guard.description, s.description),
          columns = coalesce(guard.columns::jsonb, s.columns), text_format = coalesce(guard.format, s.text_format)
        from guard join locked on locked.id = guard.id
        where s.id = guard.id and s.revision = guard.base
        returning s.id
      ), deleted as (
        delete from spreadsheet_rows r using sheet, unnest(?::varchar[], ?::varchar[]) as d (sheet_id, id)
        where d.sheet_id = sheet.id and r.sheet_id = d.sheet_id and r.id = d.id
      ), upserted as (
        insert into spreadsheet_rows (sheet_id, id, position, version, data, created_by, updated_by, created_at, updated_at)
        select r.sheet_id, r.id, r.position, r.version, r.data::jsonb, r.author, r.author, ?, ?
        from unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[], string_to_array(?, chr(10), ''), ?::varchar[]) as r (sheet_id, id, position, version, data, author)
        join sheet on sheet.id = r.sheet_id
        on conflict (sheet_id, id) do update set
          position = excluded.position, version = excluded.version, data = excluded.data,
          updated_by = case when spreadsheet_rows.data = excluded.data then spreadsheet_rows.updated_by else excluded.updated_by end,
          updated_at = case when spreadsheet_rows.data = excluded.data then spreadsheet_rows.updated_at else excluded.updated_at end
        returning sheet_id, id, created_by, updated_by, created_at, updated_at
      ), logged as (
        insert into sheet_ops (sheet_id, revision, at, user_id, op_id, event)
        select o.sheet_id, o.revision, o.at::timestamptz, o.user_id, o.op_id, o.event::json
        from unnest(?::varchar[], ?::bigint[], ?::text[], ?::varchar[], ?::varchar[], string_to_array(?, chr(10), '')) as o (sheet_id, revision, at, user_id, op_id, event)
        join sheet on sheet.id = o.sheet_id
      ), audited as (
        insert into activity (sheet_id, user_id, at, revision, action, row_id, column_id, old_value, new_value)
        select a.sheet_id, a.user_id, a.at::timestamptz, a.revision, a.action, a.row_id, a.column_id, a.old_value::json, a.new_value::json
        from unnest(?::varchar[], ?::varchar[], ?::text[], ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], string_to_array(?, chr(10), ''), string_to_array(?, chr(10), ''))
          with ordinality as a (sheet_id, user_id, at, revision, action, row_id, column_id, old_value, new_value, n)
        join sheet on sheet.id = a.sheet_id
        order by a.n
      )
      select id, null, null, null, null::timestamptz, null::timestamptz from sheet
      union all
      select sheet_id, id, created_by, updated_by, created_at, updated_at from upserted""";

  /**
   * A row as a commit stored it, with the metadata the database gave it: what the API answers a
   * write with, without reading the row back (a query per write, a tenth of a single-cell write's
   * server time). {@code data} is the JSON text that was stored.
   */
  record StoredRow(String id, long position, long version, String data, String createdBy, String updatedBy, Instant createdAt, Instant updatedAt) {}

  /**
   * Enough for the writes in flight and the largest batch. A request takes its rows out as it
   * answers, so that they die young (and cost the collector nothing); rows nobody asks for (edits
   * made through sockets) stay until the map is emptied when full, and a miss reads the row.
   */
  static final int MOST_RECENT = 8_192;

  /** A row of the rows table to write. */
  private record RowParam(String id, long position, long version, String data, String author) {}

  /** An op-log entry to write. */
  private record OpParam(long revision, String at, String user, String opId, String event) {}

  /** One sheet's commit as rows of parameters, built on the committing thread. */
  private static final class Prepared {
    final String sheet;
    final long base;
    final long revision;
    final String name;
    final String description;
    final String columns;
    final String format;
    final List<String> deletes;
    final List<RowParam> rows = new ArrayList<>();
    final List<OpParam> ops = new ArrayList<>();
    final List<Audit.Entry> audit = new ArrayList<>();

    /** Set by the statement's leader. */
    boolean done;

    RuntimeException failure;

    Prepared(SheetId sheet, SheetStore.Commit commit, Function<SheetSchema, String> columnsJson) {
      this.sheet = sheet.value();
      this.base = commit.baseRevision();
      this.revision = commit.revision();
      SheetSchema schema = commit.schema().orElse(null);
      this.name = schema == null ? null : schema.name();
      this.description = schema == null ? null : schema.description();
      this.columns = schema == null ? null : columnsJson.apply(schema);
      this.format = schema == null ? null : JdbcSheetStore.formatName(schema.format());
      this.deletes = commit.deletes().stream().map(RowId::value).toList();
      EventJson.Memo memo = new EventJson.Memo();
      EventJson.startCommit();
      Map<RowId, String> authors = Audit.authors(commit.events());
      for (Row row : commit.upserts()) {
        rows.add(new RowParam(row.id().value(), row.position(), row.version(), memo.text(row.cells()), authors.get(row.id())));
      }
      for (SheetEvent event : commit.events()) {
        ops.add(new OpParam(event.revision(), event.at().toString(), event.origin().author(), EventJson.clientOpId(event.origin()), EventJson.committedText(event, memo)));
        Audit.collect(event, audit, memo);
      }
    }
  }

  private final DataSource direct;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition written = lock.newCondition();
  private final ArrayDeque<Prepared> queue = new ArrayDeque<>();
  private boolean leading;
  private final Map<String, StoredRow> recent = new ConcurrentHashMap<>();

  SheetCommits(DataSource direct, Clock clock) {
    this.direct = direct;
    this.clock = clock;
  }

  /**
   * Writes one sheet's commit, with whatever other sheets' commits are waiting; returns once it is
   * durable.
   *
   * @throws StaleRevisionException if the sheet is no longer at the commit's base revision
   * @throws IllegalStateException if the database refused the commit
   */
  void commit(SheetId sheet, SheetStore.Commit commit, Function<SheetSchema, String> columnsJson) {
    Prepared mine = new Prepared(sheet, commit, columnsJson);
    lock.lock();
    try {
      queue.addLast(mine);
      // Lead statements until one of them held this commit: the first one taken may not (more than
      // MOST_SHEETS sheets were waiting, or an earlier commit of the same sheet was).
      while (!mine.done) {
        if (leading) {
          written.awaitUninterruptibly();
          continue;
        }
        leading = true;
        List<Prepared> batch = take();
        lock.unlock();
        try {
          write(batch);
        } finally {
          lock.lock();
          leading = false;
          written.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
    result(mine);
  }

  /**
   * The row as the latest commit on this instance stored it, if that commit gave it this version,
   * forgotten as it is handed out (the request that made the write is the one that asks); empty if
   * another commit changed it since or it is no longer remembered (read it then).
   */
  Optional<StoredRow> take(String sheet, String row, long version) {
    String key = key(sheet, row);
    StoredRow stored = recent.get(key);
    if (stored == null || stored.version() != version) {
      return Optional.empty();
    }
    recent.remove(key, stored);
    return Optional.of(stored);
  }

  private static String key(String sheet, String row) {
    return sheet + '/' + row;
  }

  private void remember(Prepared prepared, Map<String, StoredRow> stored) {
    for (String deleted : prepared.deletes) {
      recent.remove(key(prepared.sheet, deleted));
    }
    if (recent.size() + stored.size() > MOST_RECENT) {
      recent.clear();
    }
    stored.forEach((row, value) -> recent.put(key(prepared.sheet, row), value));
  }

  private static void result(Prepared prepared) {
    if (prepared.failure != null) {
      throw prepared.failure;
    }
  }

  /** The queued commits for one statement: at most {@link #MOST_SHEETS}, one per sheet, in arrival order. */
  private List<Prepared> take() {
    List<Prepared> batch = new ArrayList<>();
    Set<String> sheets = new HashSet<>();
    var later = new ArrayDeque<Prepared>();
    while (!queue.isEmpty() && batch.size() < MOST_SHEETS) {
      Prepared next = queue.pollFirst();
      (sheets.add(next.sheet) ? batch : later).add(next);
    }
    while (!later.isEmpty()) {
      queue.addFirst(later.pollLast());
    }
    return batch;
  }

  /** Writes the batch and marks each commit done, with its failure if it has one. */
  private void write(List<Prepared> batch) {
    try {
      Map<String, Map<String, StoredRow>> applied = execute(batch);
      for (Prepared p : batch) {
        Map<String, StoredRow> stored = applied.get(p.sheet);
        if (stored != null) {
          remember(p, stored);
        }
        finish(p, stored != null ? null : new StaleRevisionException(SheetId.of(p.sheet), p.base, -1));
      }
    } catch (SQLException | RuntimeException e) {
      if (batch.size() == 1) {
        finish(batch.get(0), new IllegalStateException("the database refused a sheet change", e));
        return;
      }
      LOG.log(Level.FINE, "a statement of " + batch.size() + " sheets' commits failed; writing each on its own", e);
      for (Prepared p : batch) {
        write(List.of(p));
      }
    }
  }

  private void finish(Prepared prepared, RuntimeException failure) {
    lock.lock();
    try {
      prepared.failure = failure;
      prepared.done = true;
    } finally {
      lock.unlock();
    }
  }

  /** One statement for the batch; returns the sheets whose revision guard held, each with the rows it stored. */
  private Map<String, Map<String, StoredRow>> execute(List<Prepared> batch) throws SQLException {
    Timestamp now = Timestamp.from(clock.instant());
    var columns = new Columns();
    for (Prepared p : batch) {
      columns.add(p);
    }
    try (Connection connection = direct.getConnection();
        PreparedStatement ps = connection.prepareStatement(SQL)) {
      columns.bind(connection, ps, now);
      Map<String, Map<String, StoredRow>> applied = new HashMap<>();
      Map<String, Map<String, RowParam>> written = new HashMap<>();
      for (Prepared p : batch) {
        Map<String, RowParam> rows = new HashMap<>();
        p.rows.forEach(r -> rows.put(r.id(), r));
        written.put(p.sheet, rows);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String sheet = rs.getString(1);
          String row = rs.getString(2);
          Map<String, StoredRow> stored = applied.computeIfAbsent(sheet, s -> new HashMap<>());
          if (row != null) {
            RowParam r = written.get(sheet).get(row);
            stored.put(row, new StoredRow(row, r.position(), r.version(), r.data(), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()));
          }
        }
      }
      return applied;
    }
  }

  /** The statement's parameters as parallel lists, one list per array parameter. */
  private static final class Columns {
    final List<String> guardIds = new ArrayList<>();
    final List<Long> bases = new ArrayList<>();
    final List<Long> revisions = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<String> descriptions = new ArrayList<>();
    final List<String> schemas = new ArrayList<>();
    final List<String> formats = new ArrayList<>();
    final List<String> deleteSheets = new ArrayList<>();
    final List<String> deleteIds = new ArrayList<>();
    final List<String> rowSheets = new ArrayList<>();
    final List<String> rowIds = new ArrayList<>();
    final List<Long> positions = new ArrayList<>();
    final List<Long> versions = new ArrayList<>();
    final List<String> data = new ArrayList<>();
    final List<String> authors = new ArrayList<>();
    final List<String> opSheets = new ArrayList<>();
    final List<Long> opRevisions = new ArrayList<>();
    final List<String> opAt = new ArrayList<>();
    final List<String> opUsers = new ArrayList<>();
    final List<String> opIds = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final List<String> auditSheets = new ArrayList<>();
    final List<String> auditUsers = new ArrayList<>();
    final List<String> auditAt = new ArrayList<>();
    final List<Long> auditRevisions = new ArrayList<>();
    final List<String> actions = new ArrayList<>();
    final List<String> auditRows = new ArrayList<>();
    final List<String> auditColumns = new ArrayList<>();
    final List<String> oldValues = new ArrayList<>();
    final List<String> newValues = new ArrayList<>();

    void add(Prepared p) {
      guardIds.add(p.sheet);
      bases.add(p.base);
      revisions.add(p.revision);
      names.add(p.name);
      descriptions.add(p.description);
      schemas.add(p.columns);
      formats.add(p.format);
      for (String id : p.deletes) {
        deleteSheets.add(p.sheet);
        deleteIds.add(id);
      }
      for (RowParam r : p.rows) {
        rowSheets.add(p.sheet);
        rowIds.add(r.id());
        positions.add(r.position());
        versions.add(r.version());
        data.add(r.data());
        authors.add(r.author());
      }
      for (OpParam o : p.ops) {
        opSheets.add(p.sheet);
        opRevisions.add(o.revision());
        opAt.add(o.at());
        opUsers.add(o.user());
        opIds.add(o.opId());
        events.add(o.event());
      }
      for (Audit.Entry e : p.audit) {
        auditSheets.add(p.sheet);
        auditUsers.add(e.user());
        auditAt.add(e.at());
        auditRevisions.add(e.revision());
        actions.add(e.action());
        auditRows.add(e.row());
        auditColumns.add(e.column());
        oldValues.add(e.oldValue());
        newValues.add(e.newValue());
      }
    }

    void bind(Connection connection, PreparedStatement ps, Timestamp now) throws SQLException {
      var binder = new Binder(connection, ps);
      binder.texts("varchar", guardIds).numbers(bases).numbers(revisions).texts("varchar", names).texts("text", descriptions).texts("text", schemas).texts("varchar", formats);
      ps.setTimestamp(++binder.index, now);
      binder.texts("varchar", deleteSheets).texts("varchar", deleteIds);
      ps.setTimestamp(++binder.index, now);
      ps.setTimestamp(++binder.index, now);
      binder.texts("varchar", rowSheets).texts("varchar", rowIds).numbers(positions).numbers(versions).lines(data).texts("varchar", authors);
      binder.texts("varchar", opSheets).numbers(opRevisions).texts("text", opAt).texts("varchar", opUsers).texts("varchar", opIds).lines(events);
      binder.texts("varchar", auditSheets).texts("varchar", auditUsers).texts("text", auditAt).numbers(auditRevisions).texts("varchar", actions)
          .texts("varchar", auditRows).texts("varchar", auditColumns).lines(oldValues).lines(newValues);
    }
  }

  /** Binds array parameters in order. */
  private static final class Binder {
    final Connection connection;
    final PreparedStatement ps;
    int index;

    Binder(Connection connection, PreparedStatement ps) {
      this.connection = connection;
      this.ps = ps;
    }

    Binder texts(String type, List<String> values) throws SQLException {
      ps.setArray(++index, connection.createArrayOf(type, values.toArray()));
      return this;
    }

    /**
     * JSON texts as one parameter, one text a line (split again by {@code string_to_array(?, chr(10),
     * '')}, where an empty line is null). JSON text never holds a raw line feed, and the driver's array
     * encoding escapes every quote of every text: for a batch of 1,000 rows that escaping was a sixth
     * of the server's time.
     */
    Binder lines(List<String> jsonTexts) throws SQLException {
      StringBuilder joined = new StringBuilder();
      for (int i = 0; i < jsonTexts.size(); i++) {
        String text = jsonTexts.get(i);
        if (text != null && (text.isEmpty() || text.indexOf('\n') >= 0)) {
          throw new IllegalArgumentException("a JSON text to store is empty or holds a raw line feed");
        }
        joined.append(i == 0 ? "" : "\n").append(text == null ? "" : text);
      }
      ps.setString(++index, joined.toString());
      return this;
    }

    Binder numbers(List<Long> values) throws SQLException {
      ps.setArray(++index, connection.createArrayOf("int8", values.toArray()));
      return this;
    }
  }
}
