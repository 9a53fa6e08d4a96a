package io.contrivance.server.it;

import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.json;
import static io.contrivance.server.it.Api.post;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** The rows' filter index, as the server keeps it in the database it started. */
class RowIndexIT {


  @Test
  void pendingEntriesOfTheFilterIndex_areMergedInTheBackgroundAndFiltersStillFindTheRows() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = post("/api/spreadsheets", owner.accessToken(), json("name", "Index upkeep", "template", "sales_pipeline")).data().getString("id");
    StringJoiner rows = new StringJoiner(",", "{\"rows\":[", "]}");
    for (int i = 0; i < 300; i++) {
      rows.add("{\"data\":{\"company\":\"Upkeep " + i + "\",\"stage\":\"" + (i % 3 == 0 ? "Qualified" : "Lead") + "\"}}");
    }
    Api.Reply added = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), rows.toString());
    assertThat(added.status()).as(added.toString()).isEqualTo(201);

    try (Connection db = Api.database(); Statement statement = db.createStatement()) {
      // The limit at which a row write would merge the list itself is well above one batch.
      try (ResultSet options = statement.executeQuery("select reloptions::text from pg_class where relname = 'spreadsheet_rows_data'")) {
        assertThat(options.next()).isTrue();
        assertThat(options.getString(1)).contains("gin_pending_list_limit=16384");
      }
      statement.execute("create extension if not exists pgstattuple");
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      long pending = pendingPages(statement);
      while (pending > 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        pending = pendingPages(statement);
      }
      assertThat(pending).as("pending pages of the rows' filter index").isZero();
    }

    JsonObject qualified = get("/api/spreadsheets/" + sheet + "/rows?filter=stage:eq:Qualified&total=true&limit=1", owner.accessToken()).json();
    assertThat(qualified.getJsonObject("pagination").getInt("total")).isEqualTo(100);
  }

  @Test
  void theLogTables_areVacuumedGentlySoThatWritesKeepTheCpu() throws Exception {
    try (Connection db = Api.database();
        Statement statement = db.createStatement();
        ResultSet options = statement.executeQuery("select relname, reloptions::text from pg_class where relname in ('sheet_ops', 'activity') order by relname")) {
      int tables = 0;
      while (options.next()) {
        assertThat(options.getString(2)).as(options.getString(1)).contains("autovacuum_vacuum_cost_delay=10");
        tables++;
      }
      assertThat(tables).isEqualTo(2);
    }
  }

  private static long pendingPages(Statement statement) throws SQLException {
    try (ResultSet stats = statement.executeQuery("select pending_pages from pgstatginindex('spreadsheet_rows_data')")) {
      stats.next();
      return stats.getLong(1);
    }
  }
}
