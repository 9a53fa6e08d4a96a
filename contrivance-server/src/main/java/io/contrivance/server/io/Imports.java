package io.contrivance.server.io;

import io.contrivance.server.bootstrap.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The imports table and its companions (the uploaded file in chunks, refused cells, rows as they
 * were before an import changed them): every statement on them lives here.
 */
@ApplicationScoped
public class Imports {

  /** An uploaded file is kept in chunks of this many bytes: big enough for few rows, small enough to stream. */
  static final int CHUNK = 1 << 20;

  @Inject Database db;

  /** An import as stored. */
  record Import(
      String id, String sheetId, String userId, String state, ImportOptions options, String fileName, long fileBytes, String jobId,
      long checkpoint, long bytesRead, long rowsRead, long rowsWritten, long rowsAdded, long rowsUpdated, long rowsDeleted, long rowsRefused,
      boolean cancelRequested, String error, Instant createdAt, Instant startedAt, Instant finishedAt) {

    boolean finished() {
      return !state.equals("running") && !state.equals("undoing");
    }
  }

  /** Progress after a batch, saved with the checkpoint. */
  record Progress(long checkpoint, long bytesRead, long rowsRead, long rowsWritten, long rowsAdded, long rowsUpdated, long rowsDeleted, long rowsRefused) {
    static final Progress NONE = new Progress(0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** A refused cell ({@code column} null: the whole row). */
  record Refusal(long row, String column, String value, String reason) {}

  private static final String COLUMNS =
      "id, sheet_id, user_id, state, options, file_name, file_bytes, job_id, checkpoint, bytes_read, rows_read, rows_written, rows_added, rows_updated, rows_deleted, rows_refused, "
          + "cancel_requested, error, created_at, started_at, finished_at";

  private static Import map(ResultSet rs) throws SQLException {
    return new Import(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), ImportOptions.fromJson(rs.getString(5)), rs.getString(6), rs.getLong(7), rs.getString(8),
        rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16),
        rs.getBoolean(17), rs.getString(18), instant(rs, 19), instant(rs, 20), instant(rs, 21));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  Optional<Import> find(String id) {
    if (id == null || id.length() > 36) {
      return Optional.empty();
    }
    return db.read("select " + COLUMNS + " from imports where id = ?", Database.params(id), Imports::map).stream().findFirst();
  }

  Optional<Import> byIdempotencyKey(String sheetId, String userId, String key) {
    return db.read("select " + COLUMNS + " from imports where sheet_id = ? and user_id = ? and idempotency_key = ?", Database.params(sheetId, userId, key), Imports::map)
        .stream()
        .findFirst();
  }

  /** Inserts the import, running, on the given connection (the caller's transaction also stores the file and the job). */
  static void insert(Connection connection, String id, String sheetId, String userId, ImportOptions options, String fileName, String idempotencyKey, Instant now) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "insert into imports (id, sheet_id, user_id, state, options, file_name, idempotency_key, created_at) values (?, ?, ?, 'running', ?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, sheetId);
      ps.setString(3, userId);
      ps.setString(4, options.json());
      ps.setString(5, fileName);
      ps.setString(6, idempotencyKey);
      ps.setTimestamp(7, Timestamp.from(now));
      ps.executeUpdate();
    }
  }

  /** Streams the file into chunks on the connection; returns its size. */
  static long storeFile(Connection connection, String importId, InputStream in) throws SQLException, IOException {
    long total = 0;
    int seq = 0;
    try (PreparedStatement ps = connection.prepareStatement("insert into import_chunks (import_id, seq, bytes) values (?, ?, ?)")) {
      while (true) {
        byte[] chunk = in.readNBytes(CHUNK);
        if (chunk.length == 0) {
          break;
        }
        ps.setString(1, importId);
        ps.setInt(2, seq++);
        ps.setBytes(3, chunk);
        ps.executeUpdate();
        total += chunk.length;
      }
    }
    try (PreparedStatement ps = connection.prepareStatement("update imports set file_bytes = ? where id = ?")) {
      ps.setLong(1, total);
      ps.setString(2, importId);
      ps.executeUpdate();
    }
    return total;
  }

  static void setJob(Connection connection, String importId, String jobId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("update imports set job_id = ? where id = ?")) {
      ps.setString(1, jobId);
      ps.setString(2, importId);
      ps.executeUpdate();
    }
  }

  /** The stored file, read a chunk at a time: at most one chunk is held. */
  InputStream file(String importId) {
    return new InputStream() {
      private byte[] chunk = new byte[0];
      private int at;
      private int seq;
      private boolean end;

      private boolean fill() {
        while (at >= chunk.length && !end) {
          int next = seq++;
          List<byte[]> found = db.read("select bytes from import_chunks where import_id = ? and seq = ?", Database.params(importId, next), rs -> rs.getBytes(1));
          if (found.isEmpty()) {
            end = true;
          } else {
            chunk = found.get(0);
            at = 0;
          }
        }
        return at < chunk.length;
      }

      @Override
      public int read() {
        return fill() ? chunk[at++] & 0xFF : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (len == 0) {
          return 0;
        }
        if (!fill()) {
          return -1;
        }
        int n = Math.min(len, chunk.length - at);
        System.arraycopy(chunk, at, b, off, n);
        at += n;
        return n;
      }
    };
  }

  void started(String id) {
    db.write("update imports set started_at = coalesce(started_at, now()) where id = ?", Database.params(id));
  }

  /**
   * Saves progress after a batch together with the batch's refused cells, in one transaction: a
   * resumed import starts after the checkpoint and never reports a refusal twice.
   */
  void saveProgress(String id, Progress p, List<Refusal> refusals) {
    db.inTransaction(
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "update imports set checkpoint = ?, bytes_read = ?, rows_read = ?, rows_written = ?, rows_added = ?, rows_updated = ?, rows_deleted = ?, rows_refused = ? where id = ?")) {
            ps.setLong(1, p.checkpoint());
            ps.setLong(2, p.bytesRead());
            ps.setLong(3, p.rowsRead());
            ps.setLong(4, p.rowsWritten());
            ps.setLong(5, p.rowsAdded());
            ps.setLong(6, p.rowsUpdated());
            ps.setLong(7, p.rowsDeleted());
            ps.setLong(8, p.rowsRefused());
            ps.setString(9, id);
            ps.executeUpdate();
          }
          insertRefusals(connection, id, refusals);
          return null;
        });
  }

  private static void insertRefusals(Connection connection, String id, List<Refusal> refusals) throws SQLException {
    if (refusals.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement("insert into import_errors (import_id, row_number, column_name, value, reason) values (?, ?, ?, ?, ?)")) {
      for (Refusal r : refusals) {
        ps.setString(1, id);
        ps.setLong(2, r.row());
        ps.setString(3, r.column());
        ps.setString(4, r.value() == null ? null : r.value().length() > 2_000 ? r.value().substring(0, 2_000) + "…" : r.value());
        ps.setString(5, r.reason());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Refusals of rows after the checkpoint: left by a try that died before its checkpoint was saved. */
  void forgetRefusalsAfter(String id, long checkpoint) {
    db.write("delete from import_errors where import_id = ? and row_number > ?", Database.params(id, checkpoint));
  }

  boolean cancelRequested(String id) {
    return db.read("select cancel_requested from imports where id = ?", Database.params(id), rs -> rs.getBoolean(1)).stream().findFirst().orElse(true);
  }

  /** Asks a running import to stop; false if it is not running. */
  boolean requestCancel(String id) {
    return db.write("update imports set cancel_requested = true where id = ? and state = 'running'", Database.params(id)) == 1;
  }

  /** Moves the import from one state to another; false if it was not in the first. */
  boolean transition(String id, String from, String to, String error) {
    boolean ends = !to.equals("running") && !to.equals("undoing");
    return db.write(
            "update imports set state = ?, error = coalesce(?, error), finished_at = case when ? then now() else finished_at end where id = ? and state = ?",
            Database.params(to, error, ends, id, from))
        == 1;
  }

  /** A finished import becomes undoing (on the caller's transaction, which enqueues the undo); false unless it was done. */
  static boolean startUndo(Connection connection, String id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("update imports set state = 'undoing', finished_at = null where id = ? and state = 'done'")) {
      ps.setString(1, id);
      return ps.executeUpdate() == 1;
    }
  }

  /** The file is no longer needed once the import has ended. */
  void dropFile(String id) {
    db.write("delete from import_chunks where import_id = ?", Database.params(id));
  }

  /** Keeps a row as it was before the import first changed it (a later change of the same row keeps the first copy). */
  void keepBefore(String id, List<Kept> rows) {
    if (rows.isEmpty()) {
      return;
    }
    db.inTransaction(
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement("insert into import_changes (import_id, row_id, position, before, deleted) values (?, ?, ?, ?, ?) on conflict (import_id, row_id) do nothing")) {
            for (Kept k : rows) {
              ps.setString(1, id);
              ps.setString(2, k.rowId());
              ps.setLong(3, k.position());
              ps.setString(4, k.before());
              ps.setBoolean(5, k.deleted());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** A row as it was before the import, and whether the import deleted it (replace) or changed it (upsert). */
  record Kept(String rowId, long position, String before, boolean deleted) {}

  /** The kept rows after a (position, row id), in the sheet's old order, a page at a time. */
  List<Kept> kept(String id, long afterPosition, String afterRowId, int limit) {
    return db.read(
        "select row_id, position, before, deleted from import_changes where import_id = ? and (position, row_id) > (?, ?) order by position, row_id limit ?",
        Database.params(id, afterPosition, afterRowId, limit),
        rs -> new Kept(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4)));
  }

  /** How many rows the import deleted (replace). */
  long deletedRows(String id) {
    return db.read("select count(*) from import_changes where import_id = ? and deleted", Database.params(id), rs -> rs.getLong(1)).get(0);
  }

  /** Every refused cell in row order, to the consumer, a page at a time. */
  void refusals(String id, Consumer<Refusal> each) {
    long after = 0;
    int page = 5_000;
    while (true) {
      List<Refusal> found =
          db.read(
              "select row_number, column_name, value, reason from import_errors where import_id = ? and row_number > ? order by row_number limit ?",
              Database.params(id, after, page),
              rs -> new Refusal(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      // A row's refusals are never split across pages: the last row of a full page is read again in the next.
      if (found.size() < page) {
        found.forEach(each);
        return;
      }
      long last = found.get(found.size() - 1).row();
      found.stream().filter(r -> r.row() < last).forEach(each);
      List<Refusal> lastRow =
          db.read(
              "select row_number, column_name, value, reason from import_errors where import_id = ? and row_number = ?",
              Database.params(id, last),
              rs -> new Refusal(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      lastRow.forEach(each);
      after = last;
    }
  }

  /** The first refusals, for the import's answer. */
  List<Refusal> firstRefusals(String id, int limit) {
    return db.read(
        "select row_number, column_name, value, reason from import_errors where import_id = ? order by row_number limit ?",
        Database.params(id, limit),
        rs -> new Refusal(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
  }

  /** Imports of a sheet, newest first. */
  List<Import> ofSheet(String sheetId, int limit) {
    return db.read("select " + COLUMNS + " from imports where sheet_id = ? order by created_at desc limit ?", Database.params(sheetId, limit), Imports::map);
  }
}
