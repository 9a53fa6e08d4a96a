package io.contrivance.server.it;

import static io.contrivance.server.it.Api.delete;
import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.json;
import static io.contrivance.server.it.Api.patch;
import static io.contrivance.server.it.Api.post;
import static io.contrivance.server.it.Api.put;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SheetsIT {

  private static String pipeline(Api.Session owner) {
    Api.Reply created = post("/api/spreadsheets", owner.accessToken(), json("name", "Q3 deals", "template", "sales_pipeline"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.data().getString("id");
  }

  private static String row(String value) {
    return "{\"data\":" + value + "}";
  }

  @Test
  void template_createsTheSalesPipelineWithStableColumnIds() {
    Api.Session owner = Api.newUser();
    Api.Reply created = post("/api/spreadsheets", owner.accessToken(), json("name", "Q3 deals", "template", "sales_pipeline"));
    JsonObject sheet = created.data();
    assertThat(sheet.getString("role")).isEqualTo("owner");
    assertThat(sheet.getJsonArray("columns").getValuesAs(JsonObject.class).stream().map(c -> c.getString("id")).toList())
        .containsExactly("company", "contact", "email", "deal_value", "stage", "probability", "expected_close", "owner", "next_step", "notes");
    JsonObject stage = sheet.getJsonArray("columns").getJsonObject(4);
    assertThat(stage.getString("column_type")).isEqualTo("select");
    assertThat(stage.getJsonObject("type_settings").getJsonArray("options")).hasSize(6);
    assertThat(get("/api/spreadsheets/" + sheet.getString("id"), owner.accessToken()).data().getString("name")).isEqualTo("Q3 deals");
    assertThat(get("/api/spreadsheets", owner.accessToken()).json().getJsonArray("data").getValuesAs(JsonObject.class)).extracting(o -> o.getString("id")).contains(sheet.getString("id"));
  }

  @Test
  void customColumns_areCheckedWhenDefined() {
    Api.Session owner = Api.newUser();
    String body =
        "{\"name\":\"Leads\",\"description\":\"inbound\",\"columns\":["
            + "{\"name\":\"Name\",\"column_type\":\"text\",\"is_required\":true},"
            + "{\"name\":\"Score\",\"column_type\":\"number\",\"validation_rules\":{\"min\":0,\"max\":100}},"
            + "{\"name\":\"Tier\",\"column_type\":\"select\",\"options\":[\"Gold\",\"Silver\"]}]}";
    Api.Reply ok = post("/api/spreadsheets", owner.accessToken(), body);
    assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
    String bad =
        "{\"name\":\"Leads\",\"columns\":[{\"name\":\"Score\",\"column_type\":\"number\",\"validation_rules\":{\"min\":10,\"max\":5}},"
            + "{\"name\":\"Code\",\"column_type\":\"text\",\"validation_rules\":{\"pattern\":\"[a-\"}},{\"name\":\"Tier\",\"column_type\":\"select\",\"options\":[]},"
            + "{\"name\":\"X\",\"column_type\":\"sparkles\"}]}";
    Api.Reply rejected = post("/api/spreadsheets", owner.accessToken(), bad);
    assertThat(rejected.status()).isEqualTo(422);
    assertThat(rejected.json().getJsonObject("error").getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field"))
        .contains("columns[0]", "columns[1]", "columns[2].column_type", "columns[3].column_type");
  }

  @Test
  void rows_areValidatedWithOneDetailPerFailingCell() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    Api.Reply ok = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), row("{\"Company\":\"Acme\",\"stage\":\"Lead\",\"deal_value\":\"$12,000\",\"probability\":20}"));
    assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
    JsonObject created = ok.data();
    assertThat(created.getInt("version")).isEqualTo(1);
    assertThat(created.getJsonObject("data").getJsonObject("deal_value").getJsonNumber("amount").intValue()).isEqualTo(12000);
    assertThat(created.getString("created_by")).isEqualTo(owner.id());
    assertThat(created.getString("created_at")).isNotBlank();

    Api.Reply bad = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), row("{\"company\":\"Globex\",\"stage\":\"Won\",\"deal_value\":-5,\"email\":\"nope\"}"));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().getJsonObject("error").getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field") + ":" + d.getString("code"))
        .containsExactlyInAnyOrder("data.stage:not_an_option", "data.email:invalid_email", "data.deal_value:min");
    Api.Reply negative = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), row("{\"company\":\"Globex\",\"stage\":\"Lead\",\"deal_value\":-5}"));
    assertThat(negative.json().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("code")).isEqualTo("min");
    assertThat(get("/api/spreadsheets/" + sheet + "/rows", owner.accessToken()).json().getJsonArray("data")).hasSize(1);
  }

  @Test
  void batches_areAllOrNothing() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String rows = "{\"rows\":[{\"data\":{\"company\":\"A\",\"stage\":\"Lead\"}},{\"data\":{\"company\":\"B\",\"stage\":\"Lead\",\"deal_value\":-1}},{\"data\":{\"company\":\"C\",\"stage\":\"Lead\"}}]}";
    Api.Reply rejected = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), rows);
    assertThat(rejected.status()).isEqualTo(422);
    assertThat(rejected.json().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("rows[1].data.deal_value");
    assertThat(get("/api/spreadsheets/" + sheet + "/rows", owner.accessToken()).json().getJsonArray("data")).isEmpty();
    Api.Reply added = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), rows.replace("-1", "1"));
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.data().getJsonArray("rows")).hasSize(3);
    // Keyset paging in sheet order.
    Api.Reply first = get("/api/spreadsheets/" + sheet + "/rows?limit=2", owner.accessToken());
    String cursor = first.json().getJsonObject("pagination").getString("next_cursor");
    Api.Reply second = get("/api/spreadsheets/" + sheet + "/rows?limit=2&cursor=" + cursor, owner.accessToken());
    assertThat(second.json().getJsonArray("data").getJsonObject(0).getJsonObject("data").getString("company")).isEqualTo("C");
    assertThat(second.json().getJsonObject("pagination").getString("next_cursor", null)).isNull();
  }

  @Test
  void pages_startAtAnyRowOfTheView_andCountItWhenAsked() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String base = "/api/spreadsheets/" + sheet + "/rows";
    StringBuilder rows = new StringBuilder("{\"rows\":[");
    for (int i = 0; i < 12; i++) {
      rows.append(i == 0 ? "" : ",").append("{\"data\":{\"company\":\"C").append((char) ('a' + i)).append("\",\"stage\":\"").append(i % 3 == 0 ? "Qualified" : "Lead").append("\"}}");
    }
    assertThat(post(base, owner.accessToken(), rows.append("]}").toString()).status()).isEqualTo(201);
    // Sheet order: rows 5 to 7, and how many rows the sheet has.
    Api.Reply middle = get(base + "?offset=5&limit=3&total=true", owner.accessToken());
    assertThat(companies(middle)).containsExactly("Cf", "Cg", "Ch");
    assertThat(middle.json().getJsonObject("pagination").getInt("total")).isEqualTo(12);
    assertThat(middle.json().getJsonObject("pagination").getInt("offset")).isEqualTo(5);
    assertThat(companies(get(base + "?offset=11", owner.accessToken()))).containsExactly("Cl");
    assertThat(companies(get(base + "?offset=12", owner.accessToken()))).isEmpty();
    // A sorted, filtered view: its own order and count.
    Api.Reply view = get(base + "?filter=stage:eq:Lead&sort=company:desc&offset=2&limit=2&total=true", owner.accessToken());
    assertThat(companies(view)).containsExactly("Ci", "Ch");
    assertThat(view.json().getJsonObject("pagination").getInt("total")).isEqualTo(8);
    assertThat(get(base + "?q=cb&total=true", owner.accessToken()).json().getJsonObject("pagination").getInt("total")).isEqualTo(1);
    // Bad offsets are named; a page starts at a cursor or an offset, not both.
    Api.Reply bad = get(base + "?offset=-1", owner.accessToken());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("offset");
    String cursor = get(base + "?limit=2", owner.accessToken()).json().getJsonObject("pagination").getString("next_cursor");
    assertThat(get(base + "?offset=3&cursor=" + cursor, owner.accessToken()).status()).isEqualTo(422);
    assertThat(get(base + "?total=maybe", owner.accessToken()).status()).isEqualTo(422);
  }

  @Test
  void staleUpdates_getAConflictWithTheCurrentRow() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    JsonObject created = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), row("{\"company\":\"Acme\",\"stage\":\"Lead\"}")).data();
    String path = "/api/spreadsheets/" + sheet + "/rows/" + created.getString("id");
    Api.Reply first = patch(path, owner.accessToken(), "{\"data\":{\"stage\":\"Qualified\"},\"version\":1}");
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.data().getInt("version")).isEqualTo(2);
    Api.Reply stale = patch(path, owner.accessToken(), "{\"data\":{\"stage\":\"Lead\"},\"version\":1}");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.errorCode()).isEqualTo("version_conflict");
    assertThat(stale.json().getJsonObject("current").getJsonObject("data").getString("stage")).isEqualTo("Qualified");
    assertThat(patch(path, owner.accessToken(), "{\"data\":{\"stage\":\"Proposal\"}}").errorCode()).isEqualTo("validation_failed");
    assertThat(delete(path, owner.accessToken()).status()).isEqualTo(200);
    assertThat(get(path, owner.accessToken()).status()).isEqualTo(404);
  }

  @Test
  void writes_answerWithTheRowAsAReadReturnsItAfterwards() {
    // The answers are written from what the commit stored, not read back: they must match a read.
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String rows = "/api/spreadsheets/" + sheet + "/rows";
    JsonObject created = post(rows, owner.accessToken(), row("{\"company\":\"Acme\",\"stage\":\"Lead\",\"deal_value\":1250.5}")).data();
    assertThat(created).isEqualTo(get(rows + "/" + created.getString("id"), owner.accessToken()).data());
    JsonObject updated = patch(rows + "/" + created.getString("id"), owner.accessToken(), "{\"data\":{\"stage\":\"Qualified\"},\"version\":1}").data();
    JsonObject read = get(rows + "/" + created.getString("id"), owner.accessToken()).data();
    assertThat(updated).isEqualTo(read);
    assertThat(read.getInt("version")).isEqualTo(2);
    assertThat(read.getString("created_at")).isEqualTo(created.getString("created_at"));
    assertThat(read.getString("updated_by")).isEqualTo(owner.id());
    Api.Reply batch = post(rows, owner.accessToken(), "{\"rows\":[{\"data\":{\"company\":\"B\",\"stage\":\"Lead\"}},{\"data\":{\"company\":\"C\",\"stage\":\"Lead\"}},{\"data\":{\"company\":\"D\",\"stage\":\"Lead\"}}]}");
    assertThat(batch.status()).as(batch.toString()).isEqualTo(201);
    List<JsonObject> answered = batch.data().getJsonArray("rows").getValuesAs(JsonObject.class);
    assertThat(answered).extracting(r -> r.getJsonObject("data").getString("company")).containsExactly("B", "C", "D");
    for (JsonObject one : answered) {
      assertThat(one).isEqualTo(get(rows + "/" + one.getString("id"), owner.accessToken()).data());
    }
  }

  @Test
  void access_isCheckedPerSheet() {
    Api.Session owner = Api.newUser();
    Api.Session stranger = Api.newUser();
    Api.Session viewer = Api.newUser();
    Api.Session editor = Api.newUser();
    String sheet = pipeline(owner);
    String rows = "/api/spreadsheets/" + sheet + "/rows";
    assertThat(get("/api/spreadsheets/" + sheet, stranger.accessToken()).status()).isEqualTo(404);
    assertThat(post(rows, stranger.accessToken(), row("{\"company\":\"X\",\"stage\":\"Lead\"}")).status()).isEqualTo(404);
    assertThat(post("/api/spreadsheets/" + sheet + "/collaborators", owner.accessToken(), json("email", viewer.email(), "role", "viewer")).status()).isEqualTo(200);
    assertThat(post("/api/spreadsheets/" + sheet + "/collaborators", owner.accessToken(), json("user_id", editor.id(), "role", "editor")).status()).isEqualTo(200);
    assertThat(get("/api/spreadsheets/" + sheet, viewer.accessToken()).data().getString("role")).isEqualTo("viewer");
    Api.Reply denied = post(rows, viewer.accessToken(), row("{\"company\":\"X\",\"stage\":\"Lead\"}"));
    assertThat(denied.status()).isEqualTo(403);
    assertThat(post(rows, editor.accessToken(), row("{\"company\":\"X\",\"stage\":\"Lead\"}")).status()).isEqualTo(201);
    assertThat(delete("/api/spreadsheets/" + sheet, editor.accessToken()).status()).isEqualTo(403);
    assertThat(post("/api/spreadsheets/" + sheet + "/collaborators", editor.accessToken(), json("email", stranger.email(), "role", "editor")).status()).isEqualTo(403);
    assertThat(get("/api/spreadsheets/" + sheet + "/collaborators", viewer.accessToken()).json().getJsonArray("data")).hasSize(3);
    assertThat(delete("/api/spreadsheets/" + sheet + "/collaborators/" + viewer.id(), owner.accessToken()).status()).isEqualTo(200);
    assertThat(get("/api/spreadsheets/" + sheet, viewer.accessToken()).status()).isEqualTo(404);
  }

  @Test
  void concurrentWritesToManySheets_areEachStoredWithTheirAuditEntries() throws Exception {
    // Edits of different sheets that arrive together are written in one statement (of at most 64
    // sheets; more wait for the next): each sheet must still end with exactly its own edits, versions
    // and audit entries.
    Api.Session owner = Api.newUser();
    int sheets = 70;
    int edits = 6;
    List<String> sheetIds = new java.util.ArrayList<>();
    List<String> rowIds = new java.util.ArrayList<>();
    for (int s = 0; s < sheets; s++) {
      sheetIds.add(pipeline(owner));
      rowIds.add(post("/api/spreadsheets/" + sheetIds.get(s) + "/rows", owner.accessToken(), row("{\"company\":\"Sheet " + s + "\",\"stage\":\"Lead\"}")).data().getString("id"));
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(sheets);
    try {
      var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
      for (int s = 0; s < sheets; s++) {
        String path = "/api/spreadsheets/" + sheetIds.get(s) + "/rows/" + rowIds.get(s);
        int sheet = s;
        done.add(pool.submit(() -> {
          for (int e = 0; e < edits; e++) {
            assertThat(patch(path, owner.accessToken(), "{\"data\":{\"next_step\":\"sheet " + sheet + " step " + e + "\"}}").status()).isEqualTo(200);
          }
        }));
      }
      for (var f : done) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int s = 0; s < sheets; s++) {
      JsonObject stored = get("/api/spreadsheets/" + sheetIds.get(s) + "/rows/" + rowIds.get(s), owner.accessToken()).data();
      assertThat(stored.getJsonObject("data").getString("next_step")).isEqualTo("sheet " + s + " step " + (edits - 1));
      assertThat(stored.getJsonObject("data").getString("company")).isEqualTo("Sheet " + s);
      assertThat(stored.getJsonNumber("version").longValue()).isEqualTo(1 + edits);
      List<JsonObject> history = get("/api/spreadsheets/" + sheetIds.get(s) + "/activity?limit=100", owner.accessToken()).json().getJsonArray("data").getValuesAs(JsonObject.class);
      assertThat(history).hasSize(1 + edits);
      assertThat(history.get(0).getString("new_value")).isEqualTo("sheet " + s + " step " + (edits - 1));
      assertThat(history).extracting(entry -> entry.getString("row_id")).containsOnly(rowIds.get(s));
    }
  }

  @Test
  void everyChange_isInTheActivityLog() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    JsonObject created = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), row("{\"company\":\"Acme\",\"stage\":\"Lead\"}")).data();
    patch("/api/spreadsheets/" + sheet + "/rows/" + created.getString("id"), owner.accessToken(), "{\"data\":{\"company\":\"Acme Corp\"}}");
    List<JsonObject> entries = get("/api/spreadsheets/" + sheet + "/activity", owner.accessToken()).json().getJsonArray("data").getValuesAs(JsonObject.class);
    assertThat(entries).extracting(e -> e.getString("action")).containsExactly("cell_updated", "row_created");
    JsonObject update = entries.get(0);
    assertThat(update.getString("column_id")).isEqualTo("company");
    assertThat(update.getString("old_value")).isEqualTo("Acme");
    assertThat(update.getString("new_value")).isEqualTo("Acme Corp");
    assertThat(update.getString("user_id")).isEqualTo(owner.id());
    // One row's history only.
    post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), row("{\"company\":\"Globex\",\"stage\":\"Lead\"}"));
    List<JsonObject> history = get("/api/spreadsheets/" + sheet + "/activity?row_id=" + created.getString("id"), owner.accessToken()).json().getJsonArray("data").getValuesAs(JsonObject.class);
    assertThat(history).extracting(e -> e.getString("action")).containsExactly("cell_updated", "row_created");
  }

  @Test
  void textWithLineBreaksQuotesAndBackslashes_isStoredAndAuditedExactly() {
    // The store sends JSON texts one a line; a value's own line breaks travel escaped inside them.
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String company = "Acme \"Labs\"\nBerlin \\ Köln\r\n\ttab";
    JsonObject data = Json.createObjectBuilder().add("company", company).add("stage", "Lead").build();
    Api.Reply batch = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), "{\"rows\":[{\"data\":" + data + "},{\"data\":" + data + "}]}");
    assertThat(batch.status()).as(batch.toString()).isEqualTo(201);
    String id = batch.data().getJsonArray("rows").getJsonObject(0).getString("id");
    String note = "first line\nsecond line \"quoted\"";
    Api.Reply updated = patch("/api/spreadsheets/" + sheet + "/rows/" + id, owner.accessToken(), "{\"data\":" + Json.createObjectBuilder().add("next_step", note).build() + "}");
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);

    JsonObject stored = get("/api/spreadsheets/" + sheet + "/rows/" + id, owner.accessToken()).data().getJsonObject("data");
    assertThat(stored.getString("company")).isEqualTo(company);
    assertThat(stored.getString("next_step")).isEqualTo(note);
    List<JsonObject> history = get("/api/spreadsheets/" + sheet + "/activity?row_id=" + id, owner.accessToken()).json().getJsonArray("data").getValuesAs(JsonObject.class);
    assertThat(history).extracting(e -> e.getString("action")).containsExactly("cell_updated", "row_created");
    assertThat(history.get(0).getString("new_value")).isEqualTo(note);
    assertThat(history.get(1).getJsonObject("new_value").getString("company")).isEqualTo(company);
  }

  @Test
  void columns_canBeAddedRenamedRetypedAndDeleted() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String base = "/api/spreadsheets/" + sheet;
    post(base + "/rows", owner.accessToken(), row("{\"company\":\"Acme\",\"stage\":\"Lead\",\"next_step\":\"42\"}"));
    post(base + "/rows", owner.accessToken(), row("{\"company\":\"Globex\",\"stage\":\"Lead\",\"next_step\":\"call back\"}"));
    Api.Reply added = post(base + "/columns", owner.accessToken(), "{\"name\":\"Region\",\"column_type\":\"select\",\"options\":[\"EMEA\",\"AMER\"]}");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(added.data().getString("id")).isEqualTo("region");
    assertThat(patch(base + "/columns/region", owner.accessToken(), "{\"name\":\"Territory\"}").data().getString("name")).isEqualTo("Territory");
    assertThat(patch(base + "/columns/region", owner.accessToken(), "{\"name\":\"company\"}").status()).isEqualTo(422);
    Api.Reply lossy = put(base + "/columns/next_step/type", owner.accessToken(), "{\"column_type\":\"number\"}");
    assertThat(lossy.status()).isEqualTo(422);
    assertThat(lossy.json().getJsonObject("current").getJsonArray("failures")).hasSize(1);
    Api.Reply forced = put(base + "/columns/next_step/type", owner.accessToken(), "{\"column_type\":\"number\",\"policy\":\"clear_unconvertible\"}");
    assertThat(forced.data().getBoolean("applied")).isTrue();
    assertThat(forced.data().getJsonArray("failures").getJsonObject(0).getString("old_value")).isEqualTo("call back");
    assertThat(delete(base + "/columns/region", owner.accessToken()).status()).isEqualTo(200);
    JsonObject after = get(base, owner.accessToken()).data();
    assertThat(after.getJsonArray("columns").getValuesAs(JsonObject.class)).extracting(c -> c.getString("id")).doesNotContain("region");
    assertThat(Json.createObjectBuilder(after).build().getJsonArray("columns").getJsonObject(8).getString("column_type")).isEqualTo("number");
  }

  @Test
  void rows_sortAndFilterOnAnyColumnWithKeysetPages() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String rows =
        "{\"rows\":["
            + "{\"data\":{\"company\":\"Delta\",\"stage\":\"Proposal\",\"deal_value\":5000,\"expected_close\":\"2026-05-01\"}},"
            + "{\"data\":{\"company\":\"alpha\",\"stage\":\"Lead\",\"deal_value\":20000}},"
            + "{\"data\":{\"company\":\"Charlie\",\"stage\":\"Negotiation\",\"deal_value\":1000,\"expected_close\":\"2026-04-01\"}},"
            + "{\"data\":{\"company\":\"Bravo\",\"stage\":\"Lead\"}},"
            + "{\"data\":{\"company\":\"Echo\",\"stage\":\"Closed-Won\",\"deal_value\":7000,\"expected_close\":\"2026-03-01\"}}]}";
    assertThat(post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), rows).status()).isEqualTo(201);
    String base = "/api/spreadsheets/" + sheet + "/rows";
    assertThat(companies(get(base + "?sort=company", owner.accessToken()))).containsExactly("alpha", "Bravo", "Charlie", "Delta", "Echo");
    // Amounts as numbers, blanks last, in pages of two that neither skip nor repeat.
    List<String> byValue = new java.util.ArrayList<>();
    String cursor = null;
    do {
      Api.Reply page = get(base + "?sort=deal_value:desc&limit=2" + (cursor == null ? "" : "&cursor=" + cursor), owner.accessToken());
      byValue.addAll(companies(page));
      JsonObject pagination = page.json().getJsonObject("pagination");
      cursor = pagination.getString("next_cursor", null);
    } while (cursor != null);
    assertThat(byValue).containsExactly("alpha", "Echo", "Delta", "Charlie", "Bravo");
    // Select options sort in pipeline order, not alphabetically.
    assertThat(companies(get(base + "?sort=stage", owner.accessToken()))).containsExactly("alpha", "Bravo", "Delta", "Charlie", "Echo");
    assertThat(companies(get(base + "?filter=stage:eq:lead&sort=company", owner.accessToken()))).containsExactly("alpha", "Bravo");
    assertThat(companies(get(base + "?filter=deal_value:ge:$5,000&sort=company", owner.accessToken()))).containsExactly("alpha", "Delta", "Echo");
    assertThat(companies(get(base + "?filter=expected_close:lt:2026-04-15&filter=company:contains:ECH", owner.accessToken()))).containsExactly("Echo");
    assertThat(companies(get(base + "?filter=expected_close:empty&sort=company", owner.accessToken()))).containsExactly("alpha", "Bravo");
    Api.Reply bad = get(base + "?filter=deal_value:gt:lots&sort=nope", owner.accessToken());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().getJsonObject("error").getJsonArray("details")).hasSize(2);
    // Quick search: any cell containing the text, regardless of case, with filters and sort; wildcards are literal.
    assertThat(companies(get(base + "?q=LEAD&sort=company", owner.accessToken()))).containsExactly("alpha", "Bravo");
    assertThat(companies(get(base + "?q=ch&sort=company", owner.accessToken()))).containsExactly("Charlie", "Echo");
    assertThat(companies(get(base + "?q=2026-0&filter=deal_value:ge:6000", owner.accessToken()))).containsExactly("Echo");
    assertThat(companies(get(base + "?q=%25", owner.accessToken()))).isEmpty();
    assertThat(companies(get(base + "?q=usd", owner.accessToken()))).isEmpty();
    assertThat(companies(get(base + "?q=7000", owner.accessToken()))).containsExactly("Echo");
    assertThat(get(base + "?q=" + "x".repeat(201), owner.accessToken()).status()).isEqualTo(422);
    // Quotes and backslashes are found as typed (the row's JSON text escapes them).
    assertThat(post(base, owner.accessToken(), row("{\"company\":\"Say \\\"hi\\\" back\\\\slash\",\"stage\":\"Lead\"}")).status()).isEqualTo(201);
    assertThat(companies(get(base + "?q=%22HI%22", owner.accessToken()))).containsExactly("Say \"hi\" back\\slash");
    assertThat(companies(get(base + "?q=k%5Cs", owner.accessToken()))).containsExactly("Say \"hi\" back\\slash");
  }

  @Test
  void savedViews_areSharedWithReadersCheckedLikeRowQueriesAndForgetDeletedColumns() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String views = "/api/spreadsheets/" + sheet + "/views";
    Api.Reply created = post(views, owner.accessToken(),
        "{\"name\":\"Big deals\",\"sort\":\"deal_value:desc\",\"filters\":[\"deal_value:ge:10000\"],\"q\":\"acme\",\"hidden\":[\"notes\",\"next_step\"]}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.data().getString("id");
    assertThat(created.data().getString("sort")).isEqualTo("deal_value:desc");

    // Readers see the views; only editors change them.
    Api.Session viewer = Api.newUser();
    post("/api/spreadsheets/" + sheet + "/collaborators", owner.accessToken(), json("email", viewer.email(), "role", "viewer"));
    List<JsonObject> seen = get(views, viewer.accessToken()).json().getJsonArray("data").getValuesAs(JsonObject.class);
    assertThat(seen).extracting(v -> v.getString("name")).containsExactly("Big deals");
    assertThat(seen.get(0).getString("q")).isEqualTo("acme");
    assertThat(post(views, viewer.accessToken(), json("name", "Mine")).status()).isEqualTo(403);
    assertThat(get(views, Api.newUser().accessToken()).status()).isEqualTo(404);

    // Checked as a row query is, every problem at once; a taken name is a conflict.
    Api.Reply bad = post(views, owner.accessToken(), "{\"name\":\"\",\"sort\":\"nope\",\"filters\":[\"deal_value:gt:lots\"],\"hidden\":[\"ghost\"]}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().getJsonObject("error").getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field"))
        .containsExactly("name", "hidden");
    Api.Reply badQuery = post(views, owner.accessToken(), "{\"name\":\"Odd\",\"sort\":\"nope\",\"filters\":[\"deal_value:gt:lots\"]}");
    assertThat(badQuery.status()).isEqualTo(422);
    assertThat(badQuery.json().getJsonObject("error").getJsonArray("details")).hasSize(2);
    assertThat(post(views, owner.accessToken(), json("name", "BIG DEALS")).status()).isEqualTo(409);

    // Changed as a whole; a deleted column drops out of the views that used it.
    Api.Reply changed = put(views + "/" + id, owner.accessToken(), "{\"name\":\"Largest\",\"sort\":\"next_step\",\"filters\":[\"stage:eq:Lead\"],\"hidden\":[\"next_step\",\"notes\"]}");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.data().isNull("q")).isTrue();
    assertThat(delete("/api/spreadsheets/" + sheet + "/columns/next_step", owner.accessToken()).status()).isEqualTo(200);
    JsonObject after = get(views, owner.accessToken()).json().getJsonArray("data").getJsonObject(0);
    assertThat(after.isNull("sort")).isTrue();
    assertThat(after.getJsonArray("hidden").getValuesAs(jakarta.json.JsonString.class)).extracting(jakarta.json.JsonString::getString).containsExactly("notes");
    assertThat(after.getJsonArray("filters")).hasSize(1);

    assertThat(delete(views + "/" + id, owner.accessToken()).status()).isEqualTo(204);
    assertThat(delete(views + "/" + id, owner.accessToken()).status()).isEqualTo(404);
  }

  private static List<String> companies(Api.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().getJsonArray("data").getValuesAs(JsonObject.class).stream().map(r -> r.getJsonObject("data").getString("company")).toList();
  }

  @Test
  void publicLinks_giveReadOnlyAccessUntilTurnedOff() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), row("{\"company\":\"Acme\",\"stage\":\"Lead\"}"));
    Api.Session editor = Api.newUser();
    post("/api/spreadsheets/" + sheet + "/collaborators", owner.accessToken(), json("email", editor.email(), "role", "editor"));
    assertThat(post("/api/spreadsheets/" + sheet + "/public-link", editor.accessToken(), null).status()).isEqualTo(403);
    String path = post("/api/spreadsheets/" + sheet + "/public-link", owner.accessToken(), null).data().getString("path");
    assertThat(get(path, null).data().getString("role")).isEqualTo("public");
    assertThat(get("/api/spreadsheets/" + sheet, owner.accessToken()).data().getString("public_link")).isEqualTo(path);
    assertThat(get("/api/spreadsheets/" + sheet, editor.accessToken()).data().isNull("public_link")).isTrue();
    assertThat(get(path, null).data().isNull("public_link")).isTrue();
    assertThat(companies(get(path + "/rows", null))).containsExactly("Acme");
    assertThat(post(path + "/rows", null, row("{\"company\":\"X\"}")).status()).isIn(401, 404, 405);
    assertThat(delete("/api/spreadsheets/" + sheet + "/public-link", owner.accessToken()).status()).isEqualTo(200);
    assertThat(get(path, null).status()).isEqualTo(404);
    assertThat(get("/api/public/not-a-token", null).status()).isEqualTo(404);
  }

  @Test
  void rowsAndColumns_canBeMoved() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String base = "/api/spreadsheets/" + sheet;
    post(base + "/rows", owner.accessToken(), "{\"rows\":[{\"data\":{\"company\":\"A\",\"stage\":\"Lead\"}},{\"data\":{\"company\":\"B\",\"stage\":\"Lead\"}}]}");
    String b = get(base + "/rows", owner.accessToken()).json().getJsonArray("data").getJsonObject(1).getString("id");
    assertThat(post(base + "/rows/" + b + "/move", owner.accessToken(), "{\"index\":0}").status()).isEqualTo(200);
    assertThat(companies(get(base + "/rows", owner.accessToken()))).containsExactly("B", "A");
    assertThat(patch(base + "/columns/notes", owner.accessToken(), "{\"position\":0}").status()).isEqualTo(200);
    assertThat(get(base, owner.accessToken()).data().getJsonArray("columns").getJsonObject(0).getString("id")).isEqualTo("notes");
  }

  @Test
  void badPagingParameters_get422NamingTheField() {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    for (String path : List.of("/api/spreadsheets?page=abc", "/api/spreadsheets/" + sheet + "/activity?limit=0", "/api/spreadsheets/" + sheet + "/rows?limit=x")) {
      Api.Reply reply = get(path, owner.accessToken());
      assertThat(reply.status()).as(path).isEqualTo(422);
      assertThat(reply.json().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("field")).isIn("page", "limit");
    }
  }
}
