package io.contrivance.server.it;

import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.json;
import static io.contrivance.server.it.Api.patch;
import static io.contrivance.server.it.Api.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sheet socket against the started server: auth, edits, broadcast, presence, replay and the limits. */
class RealtimeIT {

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(8);
  private static final int POLICY = 1008;

  private static String pipeline(Api.Session owner) {
    Api.Reply created = post("/api/spreadsheets", owner.accessToken(), json("name", "Live deals", "template", "sales_pipeline"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.data().getString("id");
  }

  private static String addRow(Api.Session user, String sheet, String company) {
    Api.Reply reply = post("/api/spreadsheets/" + sheet + "/rows", user.accessToken(), "{\"data\":{\"company\":\"" + company + "\",\"stage\":\"Lead\"}}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.data().getString("id");
  }

  private static void share(Api.Session owner, String sheet, Api.Session with, String role) {
    assertThat(post("/api/spreadsheets/" + sheet + "/collaborators", owner.accessToken(), json("user_id", with.id(), "role", role)).status()).isEqualTo(200);
  }

  /** A sheet with one row, owned by one user and shared with another in a role. */
  private record Shared(Api.Session owner, Api.Session other, String sheet, String row) {
    static Shared as(String role) {
      Api.Session owner = Api.newUser();
      Api.Session other = Api.newUser();
      String sheet = pipeline(owner);
      String row = addRow(owner, sheet, "Acme");
      share(owner, sheet, other, role);
      return new Shared(owner, other, sheet, row);
    }
  }

  private static String updateCell(String opId, long base, String row, String column, String jsonValue) {
    return "{\"type\":\"update_cell\",\"op_id\":\"" + opId + "\",\"base_revision\":" + base + ",\"row_id\":\"" + row + "\",\"column_id\":\"" + column + "\",\"value\":" + jsonValue + "}";
  }

  @Test
  void anEdit_isAcknowledgedToItsAuthor_andReachesEveryoneElse() {
    Shared shared = Shared.as("editor");
    Api.Session owner = shared.owner();
    Api.Session editor = shared.other();
    String sheet = shared.sheet();
    String row = shared.row();

    try (Socket ann = Socket.open(sheet, null); Socket bob = Socket.join(sheet, editor.accessToken())) {
      ann.send(json("type", "auth", "token", owner.accessToken()));
      JsonObject snapshot = ann.next("snapshot");
      long revision = snapshot.getJsonNumber("revision").longValue();
      assertThat(snapshot.getJsonArray("rows")).hasSize(1);
      assertThat(snapshot.getJsonObject("sheet").getJsonArray("columns")).isNotEmpty();
      assertThat(bob.next("user_joined").getString("user_id")).isEqualTo(owner.id());

      ann.send(updateCell("op-1", revision, row, "next_step", "\"Call Monday\""));
      JsonObject ack = ann.next("ack");
      assertThat(ack.getString("op_id")).isEqualTo("op-1");
      assertThat(ack.getJsonNumber("revision").longValue()).isEqualTo(revision + 1);

      JsonObject update = bob.next("row_updated");
      assertThat(update.getString("row_id")).isEqualTo(row);
      assertThat(update.getJsonObject("data").getString("next_step")).isEqualTo("Call Monday");
      assertThat(update.getJsonNumber("revision").longValue()).isEqualTo(revision + 1);
      assertThat(update.getString("user_id")).isEqualTo(owner.id());

      // A REST write takes the same path: both sockets see it.
      Api.Reply rest = patch("/api/spreadsheets/" + sheet + "/rows/" + row, editor.accessToken(), "{\"data\":{\"stage\":\"Qualified\"}}");
      assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
      assertThat(ann.next("row_updated").getJsonObject("data").getString("stage")).isEqualTo("Qualified");
      assertThat(bob.next("row_updated").getJsonNumber("revision").longValue()).isEqualTo(revision + 2);
    }
  }

  @Test
  void badEdits_areRejectedWithAReason_andTheSocketStaysOpen() {
    Shared shared = Shared.as("viewer");
    Api.Session owner = shared.owner();
    Api.Session viewer = shared.other();
    String sheet = shared.sheet();
    String row = shared.row();

    try (Socket ann = Socket.join(sheet, owner.accessToken()); Socket vera = Socket.join(sheet, viewer.accessToken())) {
      ann.send(updateCell("neg", 0, row, "deal_value", "-5"));
      JsonObject rejected = ann.next("rejected");
      assertThat(rejected.getString("op_id")).isEqualTo("neg");
      assertThat(rejected.getString("reason")).isEqualTo("validation_failed");
      assertThat(rejected.getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("data.deal_value");

      ann.send(updateCell("gone", 0, "no-such-row", "company", "\"X\""));
      assertThat(ann.next("rejected").getString("reason")).isEqualTo("row_deleted");

      ann.send("this is not json");
      assertThat(ann.next("error").getString("code")).isEqualTo("bad_message");

      // An edit that cannot be read is refused under its op_id, every bad field named at once.
      ann.send("{\"type\":\"update_cells\",\"op_id\":\"unread\",\"cells\":[{\"column_id\":\"company\"},{\"row_id\":7,\"column_id\":\"stage\"}]}");
      JsonObject unread = ann.next("rejected");
      assertThat(unread.getString("op_id")).isEqualTo("unread");
      assertThat(unread.getString("reason")).isEqualTo("invalid");
      assertThat(unread.getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field")).containsExactly("cells[0].row_id", "cells[1].row_id");

      vera.send(updateCell("v1", 0, row, "company", "\"Mine\""));
      assertThat(vera.next("rejected").getString("reason")).isEqualTo("no_permission");

      ann.send("{\"type\":\"ping\"}");
      assertThat(ann.next("pong")).isNotNull();
    }
  }

  @Test
  void sameCellEdits_fromAnOldRevision_tellWhoseValueWasReplaced() {
    Shared shared = Shared.as("editor");
    Api.Session owner = shared.owner();
    Api.Session editor = shared.other();
    String sheet = shared.sheet();
    String row = shared.row();
    try (Socket ann = Socket.join(sheet, owner.accessToken()); Socket bob = Socket.join(sheet, editor.accessToken())) {
      long base = 1;
      ann.send(updateCell("a", base, row, "next_step", "\"Ann's plan\""));
      ann.next("ack");
      bob.send(updateCell("b", base, row, "next_step", "\"Bob's plan\""));
      bob.next("ack");
      JsonObject seenByAnn = ann.next("row_updated");
      assertThat(seenByAnn.getJsonObject("data").getString("next_step")).isEqualTo("Bob's plan");
      JsonObject overwritten = seenByAnn.getJsonArray("overwritten").getJsonObject(0);
      assertThat(overwritten.getString("user_id")).isEqualTo(owner.id());
      assertThat(overwritten.getString("value")).isEqualTo("Ann's plan");
    }
  }

  @Test
  void undoAndPresence_goOverTheSocket() {
    Shared shared = Shared.as("editor");
    Api.Session owner = shared.owner();
    Api.Session editor = shared.other();
    String sheet = shared.sheet();
    String row = shared.row();
    try (Socket ann = Socket.join(sheet, owner.accessToken()); Socket bob = Socket.join(sheet, editor.accessToken())) {
      ann.send(updateCell("a", 1, row, "company", "\"Acme Corp\""));
      ann.next("ack");
      ann.send("{\"type\":\"undo\",\"op_id\":\"u\"}");
      assertThat(ann.next("ack").getJsonObject("event").getJsonObject("data").getString("company")).isEqualTo("Acme");

      bob.send("{\"type\":\"presence\",\"selection\":{\"from_row\":\"" + row + "\",\"from_column\":\"stage\"},\"editing\":true}");
      JsonObject presence = ann.next("presence").getJsonArray("entries").getJsonObject(0);
      assertThat(presence.getString("user_id")).isEqualTo(editor.id());
      assertThat(presence.getJsonObject("selection").getString("from_column")).isEqualTo("stage");
      assertThat(presence.getBoolean("editing")).isTrue();
      assertThat(presence.getString("color")).startsWith("#");
    }
  }

  @Test
  void anEdit_namesEveryFailingCellAtOnce_unreadableOrAgainstTheRules() {
    Shared shared = Shared.as("editor");
    String acme = shared.row();
    try (Socket ann = Socket.join(shared.sheet(), shared.owner().accessToken())) {
      ann.send("{\"type\":\"insert_row\",\"op_id\":\"i\",\"data\":{\"deal_value\":\"lots\",\"stage\":\"X\",\"email\":\"nope\"}}");
      assertThat(ann.next("rejected").getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field") + ":" + d.getString("code"))
          .containsExactlyInAnyOrder("data.company:required", "data.deal_value:type_mismatch", "data.stage:not_an_option", "data.email:invalid_email");
      ann.send("{\"type\":\"update_cells\",\"op_id\":\"u\",\"cells\":[{\"row_id\":\"" + acme + "\",\"column_id\":\"deal_value\",\"value\":\"lots\"},"
          + "{\"row_id\":\"" + acme + "\",\"column_id\":\"probability\",\"value\":250}]}");
      assertThat(ann.next("rejected").getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field"))
          .containsExactlyInAnyOrder("cells." + acme + ".deal_value", "cells." + acme + ".probability");
    }
  }

  @Test
  void cellsOfSeveralRows_areOneEdit_storedOrRefusedWhole_andUndoneAsOne() {
    Shared shared = Shared.as("editor");
    Api.Session owner = shared.owner();
    String sheet = shared.sheet();
    String acme = shared.row();
    String globex = addRow(owner, sheet, "Globex");
    String paste = "{\"type\":\"update_cells\",\"op_id\":\"%s\",\"base_revision\":2,\"cells\":["
        + "{\"row_id\":\"" + acme + "\",\"column_id\":\"next_step\",\"value\":\"Call\"},"
        + "{\"row_id\":\"" + globex + "\",\"column_id\":\"next_step\",\"value\":\"Demo\"},"
        + "{\"row_id\":\"" + globex + "\",\"column_id\":\"deal_value\",\"value\":%s}]}";
    try (Socket ann = Socket.join(sheet, owner.accessToken()); Socket bob = Socket.join(sheet, shared.other().accessToken())) {
      // One bad cell refuses all of it, naming the cell.
      ann.send(paste.formatted("bad", "-5"));
      JsonObject rejected = ann.next("rejected");
      assertThat(rejected.getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field")).containsExactly("cells." + globex + ".deal_value");
      ann.send(paste.formatted("unreadable", "\"lots\""));
      assertThat(ann.next("rejected").getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("cells." + globex + ".deal_value");

      // One revision, one message to the others with every row.
      ann.send(paste.formatted("good", "9000"));
      long revision = ann.next("ack").getJsonNumber("revision").longValue();
      JsonObject seen = bob.next("rows_updated");
      assertThat(seen.getJsonNumber("revision").longValue()).isEqualTo(revision);
      assertThat(seen.getJsonArray("rows").getValuesAs(JsonObject.class)).extracting(r -> r.getString("id") + ":" + r.getJsonObject("data").getString("next_step"))
          .containsExactly(acme + ":Call", globex + ":Demo");

      // Undo takes back all of it in one revision, and the activity log has each cell.
      ann.send("{\"type\":\"undo\",\"op_id\":\"u\"}");
      JsonObject undone = ann.next("ack").getJsonObject("event");
      assertThat(undone.getString("type")).isEqualTo("rows_updated");
      assertThat(undone.getJsonArray("rows").getValuesAs(JsonObject.class)).allSatisfy(r -> assertThat(r.getJsonObject("data").containsKey("next_step")).isFalse());
      List<JsonObject> activity = get("/api/spreadsheets/" + sheet + "/activity", owner.accessToken()).json().getJsonArray("data").getValuesAs(JsonObject.class);
      assertThat(activity.stream().filter(a -> a.getJsonNumber("revision").longValue() == revision)).hasSize(3);
    }
    // Replayed after a reconnect like any other event.
    try (Socket again = Socket.open(sheet, null)) {
      again.send("{\"type\":\"auth\",\"token\":\"" + owner.accessToken() + "\",\"last_revision\":2}");
      assertThat(again.next("replay").getJsonArray("events")).extracting(e -> e.asJsonObject().getString("type")).containsExactly("rows_updated", "rows_updated");
    }
  }

  @Test
  void reconnectingWithTheLastRevision_replaysWhatWasMissed() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String row = addRow(owner, sheet, "Acme");
    long seen;
    try (Socket first = Socket.join(sheet, owner.accessToken())) {
      seen = 1;
    }
    patch("/api/spreadsheets/" + sheet + "/rows/" + row, owner.accessToken(), "{\"data\":{\"stage\":\"Qualified\"}}");
    addRow(owner, sheet, "Globex");
    try (Socket again = Socket.open(sheet, null)) {
      again.send("{\"type\":\"auth\",\"token\":\"" + owner.accessToken() + "\",\"last_revision\":" + seen + "}");
      JsonObject replay = again.next("replay");
      assertThat(replay.getJsonNumber("revision").longValue()).isEqualTo(3);
      assertThat(replay.getJsonArray("events")).extracting(e -> e.asJsonObject().getString("type")).containsExactly("row_updated", "row_created");
    }
    try (Socket far = Socket.open(sheet, null)) {
      far.send("{\"type\":\"auth\",\"token\":\"" + owner.accessToken() + "\",\"last_revision\":999}");
      assertThat(far.next("snapshot").getJsonArray("rows")).hasSize(2);
    }
  }

  @Test
  void aForeignOrigin_isTurnedAway_anAllowedOneIsNot() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    try (Socket evil = Socket.open(sheet, "http://evil.example")) {
      assertThat(evil.closeCode(CLOSE_WAIT)).isEqualTo(POLICY);
    }
    try (Socket allowed = Socket.open(sheet, "http://allowed.example")) {
      allowed.send(json("type", "auth", "token", owner.accessToken()));
      assertThat(allowed.next("snapshot")).isNotNull();
    }
  }

  @Test
  void badTokens_strangersAndEditsBeforeAuth_closeTheSocket() {
    Api.Session owner = Api.newUser();
    Api.Session stranger = Api.newUser();
    String sheet = pipeline(owner);
    try (Socket forged = Socket.open(sheet, null)) {
      forged.send(json("type", "auth", "token", owner.accessToken().substring(0, owner.accessToken().length() - 4) + "AAAA"));
      assertThat(forged.closeCode(CLOSE_WAIT)).isEqualTo(POLICY);
    }
    try (Socket outsider = Socket.open(sheet, null)) {
      outsider.send(json("type", "auth", "token", stranger.accessToken()));
      assertThat(outsider.closeCode(CLOSE_WAIT)).isEqualTo(POLICY);
    }
    try (Socket hasty = Socket.open(sheet, null)) {
      hasty.send(updateCell("x", 0, "r", "company", "\"X\""));
      assertThat(hasty.closeCode(CLOSE_WAIT)).isEqualTo(POLICY);
    }
  }

  @Test
  void anOversizedMessage_closesTheSocketWithTooBig() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    try (Socket socket = Socket.join(sheet, owner.accessToken())) {
      socket.send("{\"type\":\"ping\",\"padding\":\"" + "x".repeat(70_000) + "\"}");
      assertThat(socket.closeCode(CLOSE_WAIT)).isEqualTo(1009);
    }
  }

  @Test
  void loggingOut_closesThatSessionsSockets() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    try (Socket socket = Socket.join(sheet, owner.accessToken())) {
      assertThat(post("/api/auth/logout", owner.accessToken(), json("refresh_token", owner.refreshToken())).status()).isIn(200, 204);
      assertThat(socket.closeCode(CLOSE_WAIT)).isEqualTo(POLICY);
    }
  }

  @Test
  void rowsCanBeInsertedMovedAndDeleted_andColumnChangesReachTheSocket() {
    Shared shared = Shared.as("editor");
    String first = shared.row();
    String second = addRow(shared.owner(), shared.sheet(), "Globex");
    try (Socket ann = Socket.join(shared.sheet(), shared.owner().accessToken()); Socket bob = Socket.join(shared.sheet(), shared.other().accessToken())) {
      ann.send("{\"type\":\"insert_row\",\"op_id\":\"i\",\"base_revision\":2,\"after_row_id\":\"" + first + "\",\"data\":{\"company\":\"Initech\",\"stage\":\"Lead\"}}");
      JsonObject created = ann.next("ack").getJsonObject("event");
      assertThat(created.getString("type")).isEqualTo("row_created");
      JsonObject inserted = created.getJsonArray("rows").getJsonObject(0);
      assertThat(bob.next("row_created").getJsonArray("rows").getJsonObject(0).getString("id")).isEqualTo(inserted.getString("id"));

      // Between the first and the second row.
      long firstPosition = Api.get("/api/spreadsheets/" + shared.sheet() + "/rows/" + first, shared.owner().accessToken()).data().getJsonNumber("position").longValue();
      long secondPosition = Api.get("/api/spreadsheets/" + shared.sheet() + "/rows/" + second, shared.owner().accessToken()).data().getJsonNumber("position").longValue();
      assertThat(inserted.getJsonNumber("position").longValue()).isBetween(firstPosition + 1, secondPosition - 1);

      ann.send("{\"type\":\"move_row\",\"op_id\":\"m\",\"row_id\":\"" + second + "\",\"after_row_id\":null}");
      assertThat(bob.next("row_moved").getJsonObject("row").getJsonNumber("position").longValue()).isLessThan(firstPosition);

      ann.send("{\"type\":\"delete_row\",\"op_id\":\"d\",\"row_id\":\"" + inserted.getString("id") + "\"}");
      assertThat(bob.next("row_deleted").getJsonArray("row_ids").getString(0)).isEqualTo(inserted.getString("id"));

      Api.Reply column = post("/api/spreadsheets/" + shared.sheet() + "/columns", shared.owner().accessToken(), json("name", "Region", "column_type", "text"));
      assertThat(column.status()).as(column.toString()).isEqualTo(201);
      JsonObject changed = bob.next("column_changed");
      assertThat(changed.getJsonArray("columns")).extracting(c -> c.asJsonObject().getString("name")).contains("Region");
    }
  }

  @Test
  void anExpiredToken_closesTheSocket_unlessAFreshOneWasSentOverIt() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    // Tokens that run out in two seconds, signed with the server's own key (from its data directory).
    try (Socket lapsing = Socket.join(sheet, shortLived(owner.accessToken()));
        Socket refreshed = Socket.join(sheet, shortLived(owner.accessToken()))) {
      refreshed.send(json("type", "auth", "token", owner.accessToken()));
      assertThat(refreshed.next("auth_ok").getString("expires_at")).isNotBlank();
      assertThat(lapsing.closeCode(CLOSE_WAIT)).isEqualTo(POLICY);
      // The sweep that closed the other has passed at least once more.
      Thread.sleep(2_500);
      assertThat(refreshed.isClosed()).isFalse();
      refreshed.send(json("type", "ping"));
      assertThat(refreshed.next("pong")).isNotNull();
    }
  }

  /** The same claims as {@code token}, expiring two seconds from now. */
  private static String shortLived(String token) throws Exception {
    RSAKey key = RSAKey.parse(Files.readString(Path.of(System.getProperty("it.data.dir"), "keys", "jwt-signing-key.json")));
    JWTClaimsSet claims = new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet()).expirationTime(Date.from(Instant.now().plusSeconds(2))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void disablingAnAccount_closesItsSockets() {
    Shared shared = Shared.as("editor");
    try (Socket bob = Socket.join(shared.sheet(), shared.other().accessToken())) {
      Api.Reply disabled = Api.put("/api/users/" + shared.other().id(), Api.admin().accessToken(), json("disabled", true));
      assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
      assertThat(bob.closeCode(CLOSE_WAIT)).isEqualTo(POLICY);
    }
  }

  @Test
  void aSocketThatStopsReading_isDroppedBeforeItsBacklogGrowsWithoutBound() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String notes = "x".repeat(50_000);
    StringBuilder batch = new StringBuilder("{\"rows\":[");
    for (int i = 0; i < 50; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"data\":{\"company\":\"C").append(i).append("\",\"stage\":\"Lead\",\"notes\":\"").append(notes).append("\"}}");
    }
    batch.append("]}");
    try (Socket slow = Socket.join(sheet, owner.accessToken());
        Socket reader = Socket.join(sheet, owner.accessToken())) {
      slow.pause();
      // 12 events of 2.5 MB each: more than the socket buffers and the server's 8 MB per-socket queue hold.
      for (int i = 0; i < 12; i++) {
        Api.Reply reply = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), batch.toString());
        assertThat(reply.status()).as("writes go on whatever one reader does").isEqualTo(201);
        assertThat(reader.next("row_created").getJsonArray("rows")).as("another reader in the sheet is not held up").hasSize(50);
      }
      slow.resume();
      assertThat(slow.closeCode(Duration.ofSeconds(30))).as("dropped as too slow (1013), or cut off").isIn(1013, 1006, -1);
    }
    // A new socket on the sheet works: its snapshot leaves out rows too large to send at once.
    try (Socket fresh = Socket.open(sheet, null)) {
      fresh.send(json("type", "auth", "token", owner.accessToken()));
      assertThat(fresh.next("snapshot").getBoolean("rows_included")).isFalse();
      fresh.send("{\"type\":\"ping\"}");
      assertThat(fresh.next("pong")).isNotNull();
    }
  }

  @Test
  void aSocketThatStopsReadingSmallEdits_isCutOffWhileTheOthersKeepReceiving() throws InterruptedException {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String row = addRow(owner, sheet, "Busy");
    String notes = "y".repeat(50_000);
    try (Socket slow = Socket.join(sheet, owner.accessToken());
        Socket reader = Socket.join(sheet, owner.accessToken())) {
      slow.pause();
      // 400 edits of about 50 KB: each small enough for a blocking write (up to 64 KB, see
      // Connection). Together more than the slow socket's buffers hold, so its write blocks, and
      // then its queue grows.
      for (int i = 0; i < 400; i++) {
        Api.Reply reply = patch("/api/spreadsheets/" + sheet + "/rows/" + row, owner.accessToken(), "{\"data\":{\"notes\":\"" + i + notes + "\"}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reader.next("row_updated").getJsonObject("data").getString("notes")).as("another reader is not held up").startsWith(i + "y");
      }
      // Its write blocked for longer than Connection.STALLED_WRITE (5 s, checked every 2 s), or its
      // queue overflowed: either way it is dropped, without its reading again.
      Thread.sleep(5_000 + 2 * 2_000 + 1_000);
      patch("/api/spreadsheets/" + sheet + "/rows/" + row, owner.accessToken(), "{\"data\":{\"notes\":\"after\"}}");
      assertThat(reader.next("row_updated").getJsonObject("data").getString("notes")).isEqualTo("after");
      slow.resume();
      assertThat(slow.closeCode(Duration.ofSeconds(30))).as("dropped as too slow (1013), or cut off").isIn(1013, 1006, -1);
    }
  }
}
