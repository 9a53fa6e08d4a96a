package io.contrivance.server.it;

import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.json;
import static io.contrivance.server.it.Api.patch;
import static io.contrivance.server.it.Api.post;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server instances sharing one PostgreSQL, their sheet events carried by a real Kafka broker
 * (KRaft, its own process; the build starts all three): what a client of one instance does, clients
 * of the other see, both ways, for socket edits and REST writes alike.
 */
class ClusterIT {

  /** The second instance. */
  private static final String B = System.getProperty("it.base.url.2", "http://127.0.0.1:9182");

  @BeforeAll
  static void secondInstanceIsReady() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (get(B + "/health/ready", null).status() != 200) {
      assertThat(System.nanoTime()).as("the second instance is ready within 60 s").isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  @Test
  void editsOnOneInstance_reachSocketsOnTheOther_inBothDirections() {
    Api.Session owner = Api.newUser();
    Api.Session editor = Api.newUser();
    Api.Reply created = post("/api/spreadsheets", owner.accessToken(), json("name", "Shared deals", "template", "sales_pipeline"));
    String sheet = created.data().getString("id");
    String row = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), "{\"data\":{\"company\":\"Acme\",\"stage\":\"Lead\"}}").data().getString("id");
    assertThat(post("/api/spreadsheets/" + sheet + "/collaborators", owner.accessToken(), json("user_id", editor.id(), "role", "editor")).status()).isEqualTo(200);

    // The editor signed in on instance A; the token works on B too (one signing key for the deployment).
    try (Socket onA = Socket.join(sheet, owner.accessToken()); Socket onB = Socket.open(B, sheet, null)) {
      onB.send(json("type", "auth", "token", editor.accessToken()));
      long revision = onB.next("snapshot").getJsonNumber("revision").longValue();

      // An instance hears what is published once its consumer has joined the topic (at start-up):
      // edit on B until A hears one, then every edit must arrive.
      // (When this class runs first, right after the second instance started, that took up to ~12 s.)
      boolean heard = false;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      for (int i = 0; !heard && System.nanoTime() < deadline; i++) {
        onB.send(updateCell("probe-" + i, revision, row, "next_step", "\"probe " + i + "\""));
        revision = onB.next("ack").getJsonNumber("revision").longValue();
        heard = onA.receives("row_updated", Duration.ofMillis(500));
      }
      assertThat(heard).as("instance A hears instance B's edits through Kafka").isTrue();

      // A socket edit on B reaches A, with its revision from the shared database.
      onB.send(updateCell("op-1", revision, row, "next_step", "\"Call Monday\""));
      long accepted = onB.next("ack").getJsonNumber("revision").longValue();
      JsonObject seenOnA = awaitUpdate(onA, u -> u.getJsonObject("data").getString("next_step", "").equals("Call Monday"));
      assertThat(seenOnA.getJsonNumber("revision").longValue()).isEqualTo(accepted);
      assertThat(seenOnA.getString("user_id")).isEqualTo(editor.id());

      // A REST write on A reaches B; one on B reaches A.
      assertThat(patch("/api/spreadsheets/" + sheet + "/rows/" + row, owner.accessToken(), "{\"data\":{\"stage\":\"Qualified\"}}").status()).isEqualTo(200);
      awaitUpdate(onB, u -> u.getJsonObject("data").getString("stage", "").equals("Qualified"));
      assertThat(patch(B + "/api/spreadsheets/" + sheet + "/rows/" + row, editor.accessToken(), "{\"data\":{\"stage\":\"Lead\",\"next_step\":\"Sent from B\"}}").status()).isEqualTo(200);
      awaitUpdate(onA, u -> u.getJsonObject("data").getString("next_step", "").equals("Sent from B"));
    }
    // Both instances read the same row.
    assertThat(get("/api/spreadsheets/" + sheet + "/rows/" + row, owner.accessToken()).data()).isEqualTo(get(B + "/api/spreadsheets/" + sheet + "/rows/" + row, editor.accessToken()).data());
  }

  private static String updateCell(String opId, long base, String row, String column, String jsonValue) {
    return "{\"type\":\"update_cell\",\"op_id\":\"" + opId + "\",\"base_revision\":" + base + ",\"row_id\":\"" + row + "\",\"column_id\":\"" + column + "\",\"value\":" + jsonValue + "}";
  }

  /** The first row update that matches, passing over others (late probes); each within five seconds. */
  private static JsonObject awaitUpdate(Socket socket, Predicate<JsonObject> matches) {
    while (true) {
      JsonObject update = socket.next("row_updated");
      if (matches.test(update)) {
        return update;
      }
    }
  }

  @Test
  void concurrentWritesToOneSheet_throughBothInstances_allSurvive() throws Exception {
    // Each instance decides edits against what it last knew of the sheet; when the other committed
    // first, the revision guard refuses the statement's part for this sheet and the edits are decided
    // again: no write may be lost or applied twice.
    Api.Session owner = Api.newUser();
    String sheet = post("/api/spreadsheets", owner.accessToken(), json("name", "Busy", "template", "sales_pipeline")).data().getString("id");
    String first = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), "{\"data\":{\"company\":\"On A\",\"stage\":\"Lead\"}}").data().getString("id");
    String second = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), "{\"data\":{\"company\":\"On B\",\"stage\":\"Lead\"}}").data().getString("id");
    int edits = 20;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var onA = pool.submit(() -> {
        for (int e = 0; e < edits; e++) {
          assertThat(patch("/api/spreadsheets/" + sheet + "/rows/" + first, owner.accessToken(), "{\"data\":{\"next_step\":\"a " + e + "\"}}").status()).isEqualTo(200);
        }
      });
      var onB = pool.submit(() -> {
        for (int e = 0; e < edits; e++) {
          assertThat(patch(B + "/api/spreadsheets/" + sheet + "/rows/" + second, owner.accessToken(), "{\"data\":{\"next_step\":\"b " + e + "\"}}").status()).isEqualTo(200);
        }
      });
      onA.get(60, java.util.concurrent.TimeUnit.SECONDS);
      onB.get(60, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    for (String base : java.util.List.of("", B)) {
      JsonObject a = get(base + "/api/spreadsheets/" + sheet + "/rows/" + first, owner.accessToken()).data();
      JsonObject b = get(base + "/api/spreadsheets/" + sheet + "/rows/" + second, owner.accessToken()).data();
      assertThat(a.getJsonObject("data").getString("next_step")).isEqualTo("a " + (edits - 1));
      assertThat(b.getJsonObject("data").getString("next_step")).isEqualTo("b " + (edits - 1));
      assertThat(a.getJsonNumber("version").longValue()).isEqualTo(1 + edits);
      assertThat(b.getJsonNumber("version").longValue()).isEqualTo(1 + edits);
    }
    var history = get("/api/spreadsheets/" + sheet + "/activity?limit=100", owner.accessToken()).json().getJsonArray("data").getValuesAs(JsonObject.class);
    assertThat(history).filteredOn(e -> e.getString("action").equals("cell_updated")).hasSize(2 * edits);
  }

  @Test
  void aNotificationMadeOnOneInstance_reachesTheBellOfAPageOnTheOther() {
    Api.Session owner = Api.newUser();
    Api.Session colleague = Api.newUser();
    String sheet = post("/api/spreadsheets", owner.accessToken(), json("name", "Across instances", "template", "sales_pipeline")).data().getString("id");
    try (Socket bellOnB = Socket.openPath(B, "/ws/notifications", null)) {
      bellOnB.send(json("type", "auth", "token", colleague.accessToken()));
      bellOnB.next("ready");
      // As for edits, B hears A once its consumer has joined the topic: share sheets until one arrives.
      boolean heard = false;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      String current = sheet;
      for (int i = 0; !heard && System.nanoTime() < deadline; i++) {
        if (i > 0) {
          current = post("/api/spreadsheets", owner.accessToken(), json("name", "Across instances " + i, "template", "sales_pipeline")).data().getString("id");
        }
        assertThat(post("/api/spreadsheets/" + current + "/collaborators", owner.accessToken(), json("email", colleague.email(), "role", "viewer")).status()).isEqualTo(200);
        heard = bellOnB.receives("notification:new", Duration.ofSeconds(2));
      }
      assertThat(heard).as("the share made on A is pushed to the page on B").isTrue();
    }
  }
}
