package io.contrivance.server.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the database up before anything uses it: starts the embedded PostgreSQL when no external
 * database is configured, then applies Flyway migrations. Runs in the earliest CDI observer of the
 * application; Liberty's pool connects lazily, so that is early enough.
 *
 * <p>After a {@code kill -9} of the server, the embedded postmaster (a separate, daemonized process)
 * keeps running on the data directory. It is found through its {@code postmaster.pid} and stopped
 * before a fresh one starts, so the server never talks to an orphan of unknown state.
 */
@ApplicationScoped
public class DatabaseBootstrap {

  private static final Logger LOG = Logger.getLogger(DatabaseBootstrap.class.getName());

  @Inject Settings settings;

  @Resource(lookup = "jdbc/contrivance")
  DataSource dataSource;

  private EmbeddedPostgres embedded;

  void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object event) {
    if (settings.embeddedDatabase()) {
      startEmbedded();
      purgePools();
    } else {
      LOG.info("Using the external PostgreSQL database configured by contrivance.db.url");
    }
    migrate();
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    if (embedded != null) {
      try {
        embedded.close();
        LOG.info("Embedded PostgreSQL stopped");
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Could not stop the embedded PostgreSQL cleanly", e);
      }
      embedded = null;
    }
  }

  private void startEmbedded() {
    Path directory = settings.dataDirectory().resolve("postgres");
    try {
      Files.createDirectories(directory);
      stopOrphan(directory);
      long started = System.nanoTime();
      embedded =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setPort(settings.embeddedDatabasePort())
              .setOverrideWorkingDirectory(settings.dataDirectory().resolve("postgres-runtime").toFile())
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("unix_socket_directories", "")
              .setServerConfig("max_connections", "200")
              // The library's defaults suit throwaway test databases (fsync off); this one keeps
              // people's data, so a committed change must survive a crash or a power cut.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              // The database's own log (errors, warnings, checkpoints) in files of its own under
              // postgres/log, one per weekday, emptied when midnight moves on to it: the library would
              // otherwise hand these lines to a logging API nothing here listens to.
              .setServerConfig("logging_collector", "on")
              .setServerConfig("log_directory", "log")
              .setServerConfig("log_filename", "postgresql-%a.log")
              .setServerConfig("log_rotation_age", "1d")
              .setServerConfig("log_rotation_size", "0")
              .setServerConfig("log_truncate_on_rotation", "on")
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
      LOG.info(
          () ->
              String.format(
                  "Embedded PostgreSQL started on 127.0.0.1:%d with data in %s (%d ms)",
                  settings.embeddedDatabasePort(), directory, (System.nanoTime() - started) / 1_000_000));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL in " + directory, e);
    }
  }

  /**
   * Empties Liberty's connection pools. When the application is restarted inside a running server
   * (a redeploy, or dev mode's reload), the embedded database it starts is a new process and the
   * pooled connections to the old one are dead; the sheet store's pool does not test connections
   * on checkout (it would cost a round trip per edit), so they are dropped here instead. On a first
   * start there are no pools yet and nothing to do.
   */
  private static void purgePools() {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      for (ObjectName pool : server.queryNames(new ObjectName("WebSphere:type=com.ibm.ws.jca.cm.mbean.ConnectionManagerMBean,*"), null)) {
        server.invoke(pool, "purgePoolContents", new Object[] {"immediate"}, new String[] {String.class.getName()});
        LOG.fine(() -> "Emptied the connection pool " + pool);
      }
    } catch (JMException | RuntimeException e) {
      LOG.log(Level.WARNING, "Could not empty the connection pools; connections to an earlier embedded database fail once", e);
    }
  }

  /** Stops a postmaster left running on this data directory by a server that was killed. */
  private static void stopOrphan(Path directory) throws IOException {
    Path pidFile = directory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
    Optional<ProcessHandle> orphan =
        lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
    // A pid from an old file may belong to another program by now: only a postgres is ours to stop.
    if (orphan.isEmpty() || !orphan.get().isAlive() || !orphan.get().info().command().orElse("").endsWith("/postgres")) {
      return;
    }
    LOG.warning("Found a PostgreSQL (pid " + orphan.get().pid() + ") left running on " + directory + " by an earlier server; stopping it");
    orphan.get().destroy(); // SIGTERM: PostgreSQL's "smart" shutdown, quick with no clients left.
    try {
      orphan.get().onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warning("The orphaned PostgreSQL did not stop in 30 s; forcing it");
      orphan.get().destroyForcibly();
    }
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void migrate() {
    long started = System.nanoTime();
    var result =
        Flyway.configure(DatabaseBootstrap.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    LOG.info(
        () ->
            String.format(
                "Database schema at version %s (%d migrations applied, %d ms)",
                result.targetSchemaVersion, result.migrationsExecuted, (System.nanoTime() - started) / 1_000_000));
  }
}
