package io.contrivance.server.job;

import io.contrivance.server.bootstrap.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The {@code jobs} table's SQL: enqueue, claim under a lease, renew, complete, fail with backoff,
 * and what admins do with dead jobs. Plain JDBC over one data source that does not join request
 * transactions, so that the claim loop commits each step on its own; {@link #enqueue(Connection,
 * JobRequest)} takes the caller's connection so that a job is enqueued in the transaction that
 * decided it.
 */
public final class JobQueue {

  /** The first retry waits this long; each further one twice as long, up to {@link #MAX_BACKOFF}. */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);

  static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private static final String COLUMNS =
      "id, queue, kind, payload, priority, state, attempts, max_attempts, run_at, lease_until, leased_by, idempotency_key, last_error, created_at, updated_at, finished_at";

  private final DataSource dataSource;
  private final Duration firstBackoff;

  public JobQueue(DataSource dataSource) {
    this(dataSource, FIRST_BACKOFF);
  }

  public JobQueue(DataSource dataSource, Duration firstBackoff) {
    this.dataSource = dataSource;
    this.firstBackoff = firstBackoff;
  }

  /** Counts of one queue's jobs in one state; {@code oldestSeconds} is the age of the oldest (waiting: since it could run). */
  public record Count(String queue, String state, long count, long oldestSeconds) {}

  /** Enqueues in a transaction of its own; returns the job's id (the earlier job's, if the idempotency key was used). */
  public String enqueue(JobRequest request) {
    try (Connection connection = dataSource.getConnection()) {
      return enqueue(connection, request);
    } catch (SQLException e) {
      throw new IllegalStateException("enqueue failed", e);
    }
  }

  /** Enqueues on the given connection, in whatever transaction it is in. */
  public static String enqueue(Connection connection, JobRequest request) throws SQLException {
    String id = UUID.randomUUID().toString();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "insert into jobs (id, queue, kind, payload, priority, state, attempts, max_attempts, run_at, idempotency_key, created_at, updated_at) "
                + "values (?, ?, ?, ?, ?, 'waiting', 0, ?, clock_timestamp() + ? * interval '1 millisecond', ?, clock_timestamp(), clock_timestamp()) "
                + "on conflict (idempotency_key) do nothing")) {
      ps.setString(1, id);
      ps.setString(2, request.queue());
      ps.setString(3, request.kind());
      ps.setString(4, request.payload());
      ps.setInt(5, request.priority());
      ps.setInt(6, request.maxAttempts());
      ps.setLong(7, request.delay().toMillis());
      if (request.idempotencyKey() == null) {
        ps.setNull(8, Types.VARCHAR);
      } else {
        ps.setString(8, request.idempotencyKey());
      }
      if (ps.executeUpdate() == 1) {
        return id;
      }
    }
    try (PreparedStatement ps = connection.prepareStatement("select id from jobs where idempotency_key = ?")) {
      ps.setString(1, request.idempotencyKey());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /**
   * Claims the most urgent job of one of the kinds that may run now — a waiting one, or a running
   * one whose lease ran out — for the worker, counting a try. Skips jobs another worker is claiming
   * at this moment, and kinds this worker cannot run (an instance without the email plugin leaves
   * email to those that have it).
   */
  public Optional<Job> claim(String worker, Duration lease, Collection<String> kinds) {
    if (kinds.isEmpty()) {
      return Optional.empty();
    }
    String sql =
        "update jobs set state = 'running', attempts = attempts + 1, leased_by = ?, lease_until = clock_timestamp() + ? * interval '1 millisecond', updated_at = clock_timestamp() "
            + "where id = (select id from jobs where ((state = 'waiting' and run_at <= clock_timestamp()) or (state = 'running' and lease_until < clock_timestamp())) "
            + "and kind = any(?) order by priority desc, run_at, id limit 1 for update skip locked) returning "
            + COLUMNS;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, worker);
      ps.setLong(2, lease.toMillis());
      ps.setArray(3, connection.createArrayOf("varchar", kinds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(job(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("claim failed", e);
    }
  }

  /** Extends the lease of a job the worker still holds; false if it no longer does (the lease ran out and another took it). */
  public boolean renew(String jobId, String worker, Duration lease) {
    return update(
            "update jobs set lease_until = clock_timestamp() + ? * interval '1 millisecond', updated_at = clock_timestamp() where id = ? and leased_by = ? and state = 'running'",
            lease.toMillis(),
            jobId,
            worker)
        == 1;
  }

  /** Marks the job done, if the worker still holds it. */
  public boolean complete(String jobId, String worker) {
    return update(
            "update jobs set state = 'done', lease_until = null, last_error = null, finished_at = clock_timestamp(), updated_at = clock_timestamp() "
                + "where id = ? and leased_by = ? and state = 'running'",
            jobId,
            worker)
        == 1;
  }

  /**
   * Records a failed try: the job waits for its backoff, or is dead if that was its last try.
   *
   * @return the job's state after the failure
   */
  public String fail(Job job, String worker, String error) {
    boolean dead = job.attempts() >= job.maxAttempts();
    long delay = dead ? 0 : backoff(job.attempts()).toMillis();
    update(
        "update jobs set state = ?, run_at = clock_timestamp() + ? * interval '1 millisecond', lease_until = null, last_error = ?, updated_at = clock_timestamp(), "
            + "finished_at = case when ? then clock_timestamp() end where id = ? and leased_by = ? and state = 'running'",
        dead ? "dead" : "waiting",
        delay,
        error.length() > 4000 ? error.substring(0, 4000) : error,
        dead,
        job.id(),
        worker);
    return dead ? "dead" : "waiting";
  }

  /**
   * The wait before the try after {@code attempts} tries: {@code first × 2^(attempts−1)}, capped,
   * with "equal jitter" (half fixed, half random) so that jobs failing together do not retry together.
   */
  Duration backoff(int attempts) {
    long base = firstBackoff.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
    long capped = Math.min(base, MAX_BACKOFF.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  public Optional<Job> get(String id) {
    return query("select " + COLUMNS + " from jobs where id = ?", JobQueue::job, id).stream().findFirst();
  }

  /** A dead (or discarded) job waits again with fresh tries; false if it is not dead or discarded. */
  public boolean retry(String id) {
    return update(
            "update jobs set state = 'waiting', attempts = 0, run_at = clock_timestamp(), finished_at = null, updated_at = clock_timestamp() where id = ? and state in ('dead', 'discarded')",
            id)
        == 1;
  }

  /** A dead or waiting job is given up; false if it is running, done or already discarded. */
  public boolean discard(String id) {
    return update(
            "update jobs set state = 'discarded', finished_at = clock_timestamp(), updated_at = clock_timestamp() where id = ? and state in ('dead', 'waiting')",
            id)
        == 1;
  }

  /** Counts per queue and state; the oldest waiting job's age is how long it has been ready to run. */
  public List<Count> counts() {
    String sql =
        "select queue, state, count(*), coalesce(extract(epoch from clock_timestamp() - min(case when state = 'waiting' then least(run_at, clock_timestamp()) else created_at end)), 0)::bigint "
            + "from jobs group by queue, state order by queue, state";
    return query(sql, rs -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3), Math.max(0, rs.getLong(4))));
  }

  /** Deletes done and discarded jobs finished before the cutoff, and their effects; returns how many jobs. */
  public int purgeFinished(Instant before) {
    update("delete from job_effects where job_id in (select id from jobs where state in ('done', 'discarded') and finished_at < ?)", Timestamp.from(before));
    return update("delete from jobs where state in ('done', 'discarded') and finished_at < ?", Timestamp.from(before));
  }

  /** Whether an effect with this key has been recorded. */
  boolean effectDone(String key) {
    return !query("select 1 from job_effects where effect_key = ?", rs -> rs.getInt(1), key).isEmpty();
  }

  /** Records an effect; false if it was recorded already. */
  boolean recordEffect(String key, String jobId) {
    return update("insert into job_effects (effect_key, job_id, done_at) values (?, ?, clock_timestamp()) on conflict do nothing", key, jobId) == 1;
  }

  private int update(String sql, Object... values) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      Database.params(values).bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("job update failed: " + sql, e);
    }
  }

  /** A row as a value. */
  @FunctionalInterface
  private interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, Mapper<T> mapper, Object... values) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      Database.params(values).bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("job query failed: " + sql, e);
    }
  }

  private static Job job(ResultSet rs) throws SQLException {
    return new Job(
        rs.getString("id"),
        rs.getString("queue"),
        rs.getString("kind"),
        rs.getString("payload"),
        rs.getInt("priority"),
        rs.getString("state"),
        rs.getInt("attempts"),
        rs.getInt("max_attempts"),
        instant(rs, "run_at"),
        instant(rs, "lease_until"),
        rs.getString("leased_by"),
        rs.getString("idempotency_key"),
        rs.getString("last_error"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "finished_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
