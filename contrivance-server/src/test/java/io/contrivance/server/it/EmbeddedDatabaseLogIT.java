package io.contrivance.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The embedded database's own log, which an admin reads when the database misbehaves. */
class EmbeddedDatabaseLogIT {

  private static final Path DATA = Path.of(System.getProperty("it.data.dir", "target/it-data"));

  @Test
  void warningsOfTheEmbeddedDatabase_landInADailyLogFileUnderTheDataDirectory() throws Exception {
    String marker = "contrivance log check " + UUID.randomUUID();
    String logFile;
    try (Connection db = Api.database(); Statement statement = db.createStatement()) {
      statement.execute("do $$ begin raise warning '" + marker + "'; end $$");
      try (ResultSet current = statement.executeQuery("select pg_current_logfile()")) {
        assertThat(current.next()).isTrue();
        logFile = current.getString(1);
      }
    }
    assertThat(logFile).matches("log/postgresql-(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\\.log");

    Path log = DATA.resolve("postgres").resolve(logFile);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    boolean found = false;
    while (!found && System.nanoTime() < deadline) {
      found = Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(marker);
      if (!found) {
        Thread.sleep(100);
      }
    }
    assertThat(found).as("the warning in " + log).isTrue();
  }
}
