package io.contrivance.server.it;

import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.json;
import static io.contrivance.server.it.Api.patch;
import static io.contrivance.server.it.Api.post;
import static io.contrivance.server.it.Api.put;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The notification center through its REST API and its socket, as the browser uses them. */
class NotificationsIT {

  private static List<JsonObject> inbox(Api.Session user, String query) {
    return get("/api/notifications" + query, user.accessToken()).data().getJsonArray("notifications").getValuesAs(JsonObject.class);
  }

  /** Waits for a notification the test caused through a sheet edit (those are made asynchronously). */
  private static JsonObject awaitNotification(Api.Session user, Predicate<JsonObject> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      for (JsonObject n : inbox(user, "?limit=200")) {
        if (wanted.test(n)) {
          return n;
        }
      }
      assertThat(System.nanoTime()).as("the notification arrives within 20 s; have " + inbox(user, "")).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static String sheet(Api.Session owner, String name) {
    return post("/api/spreadsheets", owner.accessToken(), json("name", name, "template", "sales_pipeline")).data().getString("id");
  }

  @Test
  void sharingASheet_pushesANotificationToTheOpenPage_whichMarksItRead() {
    Api.Session owner = Api.newUser();
    Api.Session colleague = Api.newUser();
    String sheet = sheet(owner, "Q3 deals");
    try (Socket live = Socket.openPath(Api.BASE, "/ws/notifications", null)) {
      live.send(json("type", "auth", "token", colleague.accessToken()));
      assertThat(live.next("ready").getInt("unread_count")).isZero();

      assertThat(post("/api/spreadsheets/" + sheet + "/collaborators", owner.accessToken(), json("email", colleague.email(), "role", "editor")).status()).isEqualTo(200);

      JsonObject pushed = live.next("notification:new");
      assertThat(pushed.getInt("unread_count")).isEqualTo(1);
      JsonObject n = pushed.getJsonObject("notification");
      assertThat(n.getString("category")).isEqualTo("sharing");
      assertThat(n.getString("title")).isEqualTo("Test User shared “Q3 deals” with you");
      assertThat(n.getString("link")).isEqualTo("/#/sheets/" + sheet);
      assertThat(n.getString("sheet_id")).isEqualTo(sheet);
      assertThat(n.getBoolean("read")).isFalse();

      Api.Reply listed = get("/api/notifications?limit=50&category=&unread=true", colleague.accessToken());
      assertThat(listed.status()).isEqualTo(200);
      assertThat(listed.data().getInt("unread_count")).isEqualTo(1);
      assertThat(listed.data().getJsonArray("notifications").getJsonObject(0).getString("id")).isEqualTo(n.getString("id"));

      Api.Reply read = put("/api/notifications/" + n.getString("id") + "/read", colleague.accessToken(), "");
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.data().getBoolean("read")).isTrue();
      assertThat(get("/api/notifications?unread=true", colleague.accessToken()).data().getInt("unread_count")).isZero();
      assertThat(inbox(colleague, "?unread=true")).isEmpty();
      assertThat(inbox(colleague, "")).hasSize(1);
    }
    // Sharing again in the same role tells nothing new; a new role does.
    post("/api/spreadsheets/" + sheet + "/collaborators", owner.accessToken(), json("email", colleague.email(), "role", "editor"));
    assertThat(inbox(colleague, "")).hasSize(1);
  }

  @Test
  void assigningADeal_movingItsStage_andMentioningSomeone_notifyThem_butNotTheOneWhoDidIt() throws InterruptedException {
    Api.Session owner = Api.newUser();
    Api.Session rep = Api.newUser();
    String sheet = sheet(owner, "Pipeline");
    post("/api/spreadsheets/" + sheet + "/collaborators", owner.accessToken(), json("email", rep.email(), "role", "editor"));
    String row =
        post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), "{\"data\":{\"company\":\"Acme\",\"stage\":\"Lead\",\"owner\":\"" + rep.email().toUpperCase() + "\"}}")
            .data()
            .getString("id");

    JsonObject assigned = awaitNotification(rep, n -> n.getString("category").equals("assignment"));
    assertThat(assigned.getString("title")).isEqualTo("Test User assigned Acme to you");

    assertThat(patch("/api/spreadsheets/" + sheet + "/rows/" + row, owner.accessToken(), "{\"data\":{\"stage\":\"Qualified\"}}").status()).isEqualTo(200);
    JsonObject moved = awaitNotification(rep, n -> n.getString("category").equals("deal_stage"));
    assertThat(moved.getString("title")).isEqualTo("Acme moved to Qualified");
    assertThat(moved.getString("body")).contains("from Lead to Qualified");

    assertThat(patch("/api/spreadsheets/" + sheet + "/rows/" + row, owner.accessToken(), "{\"data\":{\"next_step\":\"Send the quote, @" + rep.email() + "\"}}").status()).isEqualTo(200);
    JsonObject mentioned = awaitNotification(rep, n -> n.getString("category").equals("mention"));
    assertThat(mentioned.getString("body")).contains("Send the quote");

    // The rep's own stage change tells nobody (the owner of the sheet is not the deal's owner).
    patch("/api/spreadsheets/" + sheet + "/rows/" + row, rep.accessToken(), "{\"data\":{\"stage\":\"Proposal\",\"expected_close\":\"2027-01-31\"}}");
    patch("/api/spreadsheets/" + sheet + "/rows/" + row, owner.accessToken(), "{\"data\":{\"stage\":\"Negotiation\"}}");
    awaitNotification(rep, n -> n.getString("title").equals("Acme moved to Negotiation"));
    assertThat(inbox(rep, "?category=deal_stage")).extracting(n -> n.getString("title")).containsExactly("Acme moved to Negotiation", "Acme moved to Qualified");
    assertThat(inbox(owner, "")).isEmpty();
  }

  @Test
  void anOpenDealPastItsCloseDate_tellsItsOwnerOnce_aClosedOneDoesNot() throws InterruptedException {
    Api.Session owner = Api.newUser();
    Api.Session rep = Api.newUser();
    String sheet = sheet(owner, "Slipping");
    post("/api/spreadsheets/" + sheet + "/collaborators", owner.accessToken(), json("email", rep.email(), "role", "editor"));
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(),
        "{\"data\":{\"company\":\"Late Inc\",\"stage\":\"Proposal\",\"expected_close\":\"" + yesterday + "\",\"owner\":\"" + rep.email() + "\"}}");
    post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(),
        "{\"data\":{\"company\":\"Won Ltd\",\"stage\":\"Closed-Won\",\"expected_close\":\"" + yesterday + "\",\"owner\":\"" + rep.email() + "\"}}");

    JsonObject slipped = awaitNotification(rep, n -> n.getString("category").equals("deal_slipped"));
    assertThat(slipped.getString("title")).isEqualTo("Late Inc is past its close date");
    assertThat(slipped.getString("body")).contains(yesterday, "still at Proposal");
    Thread.sleep(12_000); // two more checks (every 5 s on the test server)
    assertThat(inbox(rep, "?category=deal_slipped")).as("told once, and not of the won deal").hasSize(1);
  }

  @Test
  void preferences_haveDefaults_canBeChanged_andOffMeansNoNotification() {
    Api.Session owner = Api.newUser();
    Api.Session colleague = Api.newUser();
    JsonObject defaults = get("/api/notifications/preferences", colleague.accessToken()).data();
    assertThat(defaults.getJsonObject("preferences").getString("sharing")).isEqualTo("email");
    assertThat(defaults.getJsonObject("preferences").getString("deal_stage")).isEqualTo("in_app");
    assertThat(defaults.getJsonArray("options").toString()).isEqualTo("[\"in_app\",\"email\",\"digest\",\"off\"]");

    Api.Reply set = put("/api/notifications/preferences", colleague.accessToken(), "{\"preferences\":{\"sharing\":\"off\",\"mention\":\"digest\"}}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.data().getJsonObject("preferences").getString("sharing")).isEqualTo("off");
    assertThat(set.data().getJsonObject("preferences").getString("mention")).isEqualTo("digest");
    assertThat(set.data().getJsonObject("preferences").getString("assignment")).as("untouched").isEqualTo("email");

    post("/api/spreadsheets/" + sheet(owner, "Quiet") + "/collaborators", owner.accessToken(), json("email", colleague.email(), "role", "viewer"));
    assertThat(inbox(colleague, "")).isEmpty();
  }

  @Test
  void badQueriesAndPreferences_areRefusedFieldByField_andNobodyReachesAnotherOnesNotifications() {
    Api.Session owner = Api.newUser();
    Api.Session colleague = Api.newUser();
    Api.Session stranger = Api.newUser();
    Api.Reply bad = get("/api/notifications?limit=0&category=gossip&unread=maybe", colleague.accessToken());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.toString()).contains("\"limit\"", "\"category\"", "\"unread\"");

    Api.Reply badPreferences = put("/api/notifications/preferences", colleague.accessToken(), "{\"sharing\":\"pigeon\",\"gossip\":\"email\"}");
    assertThat(badPreferences.status()).isEqualTo(422);
    assertThat(badPreferences.toString()).contains("\"sharing\"", "\"gossip\"");
    assertThat(get("/api/notifications/preferences", colleague.accessToken()).data().getJsonObject("preferences").getString("sharing")).as("nothing stored").isEqualTo("email");

    post("/api/spreadsheets/" + sheet(owner, "Private") + "/collaborators", owner.accessToken(), json("email", colleague.email(), "role", "viewer"));
    String id = inbox(colleague, "").get(0).getString("id");
    assertThat(put("/api/notifications/" + id + "/read", stranger.accessToken(), "").status()).isEqualTo(404);
    assertThat(inbox(colleague, "?unread=true")).hasSize(1);
    assertThat(put("/api/notifications/mark-all-read", stranger.accessToken(), "").data().getInt("marked")).isZero();
    assertThat(put("/api/notifications/mark-all-read", colleague.accessToken(), "").data().getInt("marked")).isEqualTo(1);
    assertThat(get("/api/notifications", null).status()).isEqualTo(401);
  }

  @Test
  void theSocket_wantsAValidTokenFirst() {
    try (Socket early = Socket.openPath(Api.BASE, "/ws/notifications", null)) {
      early.send(json("type", "ping"));
      assertThat(early.closeCode(Duration.ofSeconds(5))).isEqualTo(1008);
    }
    try (Socket forged = Socket.openPath(Api.BASE, "/ws/notifications", null)) {
      forged.send(json("type", "auth", "token", "not-a-token"));
      assertThat(forged.closeCode(Duration.ofSeconds(5))).isEqualTo(1008);
    }
    try (Socket foreign = Socket.openPath(Api.BASE, "/ws/notifications", "http://evil.example")) {
      assertThat(foreign.closeCode(Duration.ofSeconds(5))).isEqualTo(1008);
    }
  }
}
