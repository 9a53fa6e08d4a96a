package io.contrivance.server.bootstrap;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The JDBC plumbing every data owner shares: statements with their parameters bound and their rows
 * mapped, on the request's transaction or outside it. The SQL itself stays with the class that owns
 * the data (sheets in {@code JdbcSheetStore}, sharing in {@code Collaborators}, quotas in {@code
 * Quotas}, …); this class knows no table.
 *
 * <p>Two data sources: {@code jdbc/contrivance} joins the request's JTA transaction (a resource
 * method marked {@code @Transactional} commits or rolls back what it wrote); {@code
 * jdbc/contrivanceDirect} never does, for reads that need not see the request's own writes and for
 * work that commits on its own (the sheets' group commits).
 */
@ApplicationScoped
public class Database {

  @Resource(lookup = "jdbc/contrivance")
  DataSource dataSource;

  @Resource(lookup = "jdbc/contrivanceDirect")
  DataSource direct;

  @FunctionalInterface
  public interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  public interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  public interface BatchBinder<T> {
    void bind(PreparedStatement ps, T item) throws SQLException;
  }

  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Binds the values to the statement's parameters in order: text, whole numbers, timestamps and
   * decimals as themselves, null as a null text (so that {@code cast(? as varchar) is null} works).
   */
  public static Binder params(Object... values) {
    return ps -> {
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          ps.setNull(i + 1, Types.VARCHAR);
        } else {
          ps.setObject(i + 1, values[i]);
        }
      }
    };
  }

  /** A write broke a unique constraint. */
  public static final class DuplicateKeyException extends RuntimeException {
    DuplicateKeyException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Connections outside JTA (for the sheets' own transactions). */
  public DataSource direct() {
    return direct;
  }

  /** A query on the request's transaction (it sees the request's own writes). */
  public <T> List<T> query(String sql, Binder binder, Mapper<T> mapper) {
    return query(dataSource, sql, binder, mapper);
  }

  /** A query outside any transaction, for reads that need not see the request's own writes. */
  public <T> List<T> read(String sql, Binder binder, Mapper<T> mapper) {
    return query(direct, sql, binder, mapper);
  }

  /** Work on a connection of the request's transaction (for owners whose SQL needs JDBC directly). */
  public <T> T onRequestTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw failure("statement", "", e);
    }
  }

  /** One statement on the request's transaction; returns the rows it changed. */
  public int update(String sql, Binder binder) {
    return execute(dataSource, sql, binder);
  }

  /** One statement in its own transaction, outside any request transaction; returns the rows it changed. */
  public int write(String sql, Binder binder) {
    return execute(direct, sql, binder);
  }

  private static int execute(DataSource source, String sql, Binder binder) {
    try (Connection connection = source.getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw failure("update", sql, e);
    }
  }

  /** One statement for every item, in one JDBC batch, on the request's transaction. */
  public <T> void batch(String sql, List<T> items, BatchBinder<T> binder) {
    if (items.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      for (T item : items) {
        binder.bind(ps, item);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw failure("batch", sql, e);
    }
  }

  /** Runs work in one transaction of its own on a direct connection; rolls back on any failure. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = direct.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("transaction", "", e);
    }
  }

  private static <T> List<T> query(DataSource source, String sql, Binder binder, Mapper<T> mapper) {
    try (Connection connection = source.getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rs.next()) {
          result.add(mapper.map(rs));
        }
        return result;
      }
    } catch (SQLException e) {
      throw failure("query", sql, e);
    }
  }

  private static RuntimeException failure(String what, String sql, SQLException e) {
    if ("23505".equals(e.getSQLState())) {
      return new DuplicateKeyException(e);
    }
    return new IllegalStateException(what + " failed: " + sql, e);
  }
}
