package io.contrivance.server.sheet;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Merges the pending list of the rows' GIN index (the one behind equality filters) into the index
 * every second, off the request path.
 *
 * <p>Left to PostgreSQL, the list is merged by whichever row write makes it outgrow its limit: about
 * every 20,000 writes, one write took 150-200 ms of database time, and since a sheet's writes are
 * committed in order (and the instance's commits grouped, see {@link SheetCommits}), every write
 * behind it waited as long. A merge every second handles a second's writes, a few milliseconds of
 * work done in its own connection, and the writes go on meanwhile (PostgreSQL's writers append to
 * the list without waiting for a merge in progress). Each instance runs it; a merge that finds
 * another in progress waits for it and then finds little left. Turning the pending list off instead
 * ({@code fastupdate = off}) made every row write a third more expensive for PostgreSQL.
 */
@ApplicationScoped
public class RowIndexUpkeep {

  private static final Logger LOG = Logger.getLogger(RowIndexUpkeep.class.getName());

  static final long PERIOD_MILLIS = 1_000;

  @Resource(lookup = "jdbc/contrivanceDirect")
  DataSource direct;

  @Resource ManagedScheduledExecutorService scheduler;

  private volatile ScheduledFuture<?> merges;
  private volatile boolean failing;

  void startup(@Observes @Initialized(ApplicationScoped.class) Object event) {
    merges = scheduler.scheduleWithFixedDelay(this::mergePendingEntries, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Before the embedded database is stopped (which observes the same event later). */
  void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @BeforeDestroyed(ApplicationScoped.class) Object event) {
    if (merges != null) {
      merges.cancel(false);
    }
  }

  /** One merge; a failure is logged once until a merge succeeds again (the database may be restarting). */
  void mergePendingEntries() {
    try (Connection connection = direct.getConnection();
        Statement statement = connection.createStatement();
        ResultSet pages = statement.executeQuery("select gin_clean_pending_list('spreadsheet_rows_data'::regclass)")) {
      pages.next();
      long merged = pages.getLong(1);
      if (failing) {
        failing = false;
        LOG.info("Merging the rows index's pending entries works again");
      }
      LOG.finer(() -> "Merged " + merged + " pending pages of the rows index");
    } catch (SQLException | RuntimeException e) {
      // A merge under way when the server stops may meet the database stopping: not worth a warning.
      if (!failing && !merges.isCancelled()) {
        failing = true;
        LOG.log(Level.WARNING, "Could not merge the rows index's pending entries; row writes merge them themselves meanwhile", e);
      }
    }
  }
}
