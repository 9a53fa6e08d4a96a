package io.contrivance.server.it;

import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.json;
import static io.contrivance.server.it.Api.post;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

/** Imports of CSV and XLSX files through the API: modes, options, reports, undo, idempotency, files in every encoding. */
class ImportIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String HEADER = "Company,Contact,Email,Deal Value,Stage,Probability,Expected Close\n";

  static String pipeline(Api.Session owner) {
    return post("/api/spreadsheets", owner.accessToken(), json("name", "Imports", "template", "sales_pipeline")).data().getString("id");
  }

  static Api.Reply upload(String sheet, Api.Session user, String query, String contentType, byte[] file) {
    return Api.upload("/api/spreadsheets/" + sheet + "/imports" + (query.isEmpty() ? "" : "?" + query), user.accessToken(), contentType, file);
  }

  /** Starts an import and waits until it ends. */
  static JsonObject importCsv(String sheet, Api.Session user, String query, String csv) throws InterruptedException {
    Api.Reply started = upload(sheet, user, query, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    return awaitEnd(user, started.data().getString("id"));
  }

  static JsonObject awaitEnd(Api.Session user, String importId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      JsonObject imp = get("/api/imports/" + importId, user.accessToken()).data();
      String state = imp.getString("state");
      if (!state.equals("running") && !state.equals("undoing")) {
        return imp;
      }
      assertThat(System.nanoTime()).as("import " + importId + " ends").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  static JsonObject undo(Api.Session user, String importId) throws InterruptedException {
    Api.Reply undo = post("/api/imports/" + importId + "/undo", user.accessToken(), "");
    assertThat(undo.status()).as(undo.toString()).isEqualTo(202);
    return awaitEnd(user, importId);
  }

  static List<JsonObject> rows(String sheet, Api.Session user) {
    return get("/api/spreadsheets/" + sheet + "/rows?limit=1000", user.accessToken()).json().getJsonArray("data").getValuesAs(JsonObject.class);
  }

  /** Each row's id and cells, in sheet order: what "the same sheet" means here. */
  static List<String> snapshot(String sheet, Api.Session user) {
    return rows(sheet, user).stream().map(r -> r.getString("id") + " " + r.getJsonObject("data")).toList();
  }

  private static List<String> companies(String sheet, Api.Session user) {
    return rows(sheet, user).stream().map(r -> r.getJsonObject("data").getString("company", "")).toList();
  }

  private static String addRows(String sheet, Api.Session owner, String rowsJson) {
    Api.Reply added = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), "{\"rows\":[" + rowsJson + "]}");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    return sheet;
  }

  @Test
  void appendsRows_readByEachColumnsType_andReportsEveryRefusedCellByRowNumber_whenSkippingBadRows() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String csv =
        HEADER
            + "Acme,Ada,ada@acme.example,\"$12,000.00\",Qualified,40%,\n"
            + "Globex,Bob,bob@globex.example,-5,Proposal,10%,2026-12-31\n"
            + "Initech,Cy,not-an-email,800,Lead,,\n"
            + "Umbrella,Di,di@umbrella.example,\"1,500\",Negotiation,80%,2027-01-15\n";
    JsonObject imp = importCsv(sheet, owner, "on_error=skip", csv);

    assertThat(imp.getString("state")).isEqualTo("done");
    assertThat(imp.getInt("rows_read")).isEqualTo(4);
    assertThat(imp.getInt("rows_written")).isEqualTo(2);
    assertThat(imp.getInt("rows_added")).isEqualTo(2);
    assertThat(imp.getInt("rows_refused")).isEqualTo(2);
    assertThat(imp.getJsonArray("errors").getValuesAs(JsonObject.class))
        .extracting(e -> e.getInt("row") + " " + e.getString("column") + " " + e.getString("value"))
        .containsExactly("3 Deal Value -5", "4 Email not-an-email");
    assertThat(companies(sheet, owner)).containsExactly("Acme", "Umbrella");
    JsonObject acme = rows(sheet, owner).get(0).getJsonObject("data");
    assertThat(acme.getJsonObject("deal_value").getJsonNumber("amount").bigDecimalValue()).isEqualByComparingTo("12000");
    assertThat(acme.getJsonNumber("probability").intValue()).isEqualTo(40);

    HttpResponse<String> report = HTTP.send(HttpRequest.newBuilder(URI.create(Api.BASE + imp.getString("errors_url"))).header("Authorization", "Bearer " + owner.accessToken()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    List<String> lines = report.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo("row,column,value,reason");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith("3,Deal Value,-5,");
    assertThat(lines.get(2)).startsWith("4,Email,not-an-email,");
  }

  @Test
  void withOnErrorAbort_oneRefusedRowImportsNothing_andTheSheetKeepsWhatItHad() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = addRows(pipeline(owner), owner, "{\"data\":{\"company\":\"Before\",\"stage\":\"Lead\"}}");
    List<String> before = snapshot(sheet, owner);
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 1; i <= 2_500; i++) {
      csv.append("Co ").append(i).append(",,,100,Lead,,\n");
    }
    csv.append("Bad,,,100,NoSuchStage,,\n");
    JsonObject imp = importCsv(sheet, owner, "", csv.toString());

    assertThat(imp.getString("state")).isEqualTo("failed");
    assertThat(imp.getString("error")).contains("Row 2502", "Stage", "Nothing was imported");
    assertThat(imp.getInt("rows_refused")).isEqualTo(1);
    assertThat(snapshot(sheet, owner)).isEqualTo(before);
  }

  @Test
  void upsertOnAKeyColumn_updatesTheMatchingRowsAndAddsTheOthers_andUndoRestoresTheSheetExactly() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet =
        addRows(
            pipeline(owner),
            owner,
            "{\"data\":{\"company\":\"Acme\",\"email\":\"ada@acme.example\",\"stage\":\"Lead\",\"deal_value\":100,\"owner\":\"ada\"}},"
                + "{\"data\":{\"company\":\"Globex\",\"email\":\"bob@globex.example\",\"stage\":\"Lead\",\"deal_value\":200}}");
    List<String> before = snapshot(sheet, owner);
    String csv =
        "Email,Deal Value,Stage,Company\n"
            + "ADA@acme.example,150,Qualified,Acme Corp\n"
            + "new@initech.example,300,Lead,Initech\n"
            + "new@initech.example,350,Lead,Initech\n";
    JsonObject imp = importCsv(sheet, owner, "mode=upsert&key=Email", csv);

    assertThat(imp.getString("state")).as(imp.toString()).isEqualTo("done");
    assertThat(imp.getInt("rows_updated")).isEqualTo(1);
    assertThat(imp.getInt("rows_added")).isEqualTo(1);
    List<JsonObject> after = rows(sheet, owner);
    assertThat(after).hasSize(3);
    JsonObject acme = after.get(0).getJsonObject("data");
    assertThat(acme.getString("company")).isEqualTo("Acme Corp");
    assertThat(acme.getString("owner")).as("a column the file does not fill is kept").isEqualTo("ada");
    assertThat(acme.getJsonObject("deal_value").getJsonNumber("amount").intValue()).isEqualTo(150);
    assertThat(after.get(2).getJsonObject("data").getJsonObject("deal_value").getJsonNumber("amount").intValue()).as("the later of two rows with one key").isEqualTo(350);

    JsonObject undone = undo(owner, imp.getString("id"));
    assertThat(undone.getString("state")).isEqualTo("undone");
    assertThat(snapshot(sheet, owner)).isEqualTo(before);
    assertThat(post("/api/imports/" + imp.getString("id") + "/undo", owner.accessToken(), "").status()).as("only once").isEqualTo(409);
  }

  @Test
  void replace_swapsEveryRowForTheFilesRows_andUndoPutsTheOldRowsBackInTheirOrder() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    addRowsInBatches(sheet, owner, 1_200, "Old ");
    List<String> before = snapshot(sheet, owner);
    JsonObject imp = importCsv(sheet, owner, "mode=replace", "Company,Stage\nNew 1,Lead\nNew 2,Qualified\n");

    assertThat(imp.getString("state")).isEqualTo("done");
    assertThat(imp.getInt("rows_deleted")).isEqualTo(1_200);
    assertThat(companies(sheet, owner)).containsExactly("New 1", "New 2");

    undo(owner, imp.getString("id"));
    assertThat(allRows(sheet, owner)).isEqualTo(1_200);
    assertThat(snapshot(sheet, owner)).as("the first 1,000 rows, ids, cells and order").isEqualTo(before);
  }

  private static long allRows(String sheet, Api.Session owner) {
    return get("/api/spreadsheets/" + sheet + "/rows?limit=1&total=true", owner.accessToken()).json().getJsonObject("pagination").getJsonNumber("total").longValue();
  }

  static void addRowsInBatches(String sheet, Api.Session owner, int count, String prefix) {
    for (int start = 1; start <= count; start += 1_000) {
      StringBuilder rows = new StringBuilder();
      for (int i = start; i < Math.min(count + 1, start + 1_000); i++) {
        rows.append(i > start ? "," : "").append("{\"data\":{\"company\":\"").append(prefix).append(i).append("\",\"stage\":\"Lead\"}}");
      }
      addRows(sheet, owner, rows.toString());
    }
  }

  @Test
  void aDryRun_reportsWhatTheImportWouldDo_andWritesNothing() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = addRows(pipeline(owner), owner, "{\"data\":{\"company\":\"Acme\",\"email\":\"ada@acme.example\",\"stage\":\"Lead\"}}");
    List<String> before = snapshot(sheet, owner);
    JsonObject imp = importCsv(sheet, owner, "mode=upsert&key=email&dry_run=true", "Email,Company,Stage\nada@acme.example,Acme 2,Lead\nx@y.example,New,Lead\nz@y.example,,Lead\n");

    assertThat(imp.getString("state")).isEqualTo("done");
    assertThat(imp.getBoolean("dry_run")).isTrue();
    assertThat(imp.getInt("rows_updated")).isEqualTo(1);
    assertThat(imp.getInt("rows_added")).isEqualTo(1);
    assertThat(imp.getInt("rows_refused")).isEqualTo(1);
    assertThat(imp.getJsonArray("errors").getJsonObject(0).getString("column")).isEqualTo("Company");
    assertThat(snapshot(sheet, owner)).isEqualTo(before);
    assertThat(post("/api/imports/" + imp.getString("id") + "/undo", owner.accessToken(), "").status()).isEqualTo(409);
  }

  private static byte[] bytes(String text, Charset charset, byte... bom) {
    byte[] body = text.getBytes(charset);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    return all;
  }

  @Test
  void readsFilesInAnyEncodingAndDelimiter_withNumbersAndDatesInTheFilesLocale() throws Exception {
    Api.Session owner = Api.newUser();
    record Case(String query, byte[] file, String company, String amount, String close) {}
    List<Case> cases =
        List.of(
            new Case("locale=de-DE", bytes("Company;Deal Value;Stage;Expected Close\nMüller GmbH;1.234,56 €;Proposal;31.12.2026\n", StandardCharsets.UTF_16LE, (byte) 0xFF, (byte) 0xFE), "Müller GmbH", "1234.56", "2026-12-31"),
            new Case("locale=en-US", bytes("Company\tDeal Value\tStage\tExpected Close\nCafé Crème\t$9,876.50\tProposal\t12/31/2026\n", Charset.forName("windows-1252")), "Café Crème", "9876.5", "2026-12-31"),
            new Case("locale=en-GB", bytes("Company|Deal Value|Stage|Expected Close\nŁódź Sp.|2,000|Proposal|31/12/2026\n", StandardCharsets.UTF_8, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF), "Łódź Sp.", "2000", "2026-12-31"),
            new Case("encoding=iso-8859-1&delimiter=:", bytes("Company:Deal Value:Stage:Expected Close\nÅngström AB:10:Proposal:2026-12-31\n", StandardCharsets.ISO_8859_1), "Ångström AB", "10", "2026-12-31"));
    for (Case c : cases) {
      String sheet = pipeline(owner);
      Api.Reply started = upload(sheet, owner, c.query(), "text/csv", c.file());
      assertThat(started.status()).as(started.toString()).isEqualTo(202);
      JsonObject imp = awaitEnd(owner, started.data().getString("id"));
      assertThat(imp.getString("state")).as(c.query() + " " + imp).isEqualTo("done");
      JsonObject row = rows(sheet, owner).get(0).getJsonObject("data");
      assertThat(row.getString("company")).as(c.query()).isEqualTo(c.company());
      assertThat(row.getJsonObject("deal_value").getJsonNumber("amount").bigDecimalValue()).as(c.query()).isEqualByComparingTo(c.amount());
      assertThat(row.getString("expected_close")).as(c.query()).isEqualTo(c.close());
    }
  }

  static byte[] xlsx(java.util.function.Consumer<Worksheet> fill) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Workbook workbook = new Workbook(out, "test", "1.0");
    fill.accept(workbook.newWorksheet("Deals"));
    workbook.finish();
    return out.toByteArray();
  }

  @Test
  void readsAnXlsxWorksheet_withItsNumbersDatesAndBooleansAsTypedCells() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet =
        post("/api/spreadsheets", owner.accessToken(), "{\"name\":\"Typed\",\"columns\":[{\"name\":\"Name\",\"column_type\":\"text\"},{\"name\":\"Amount\",\"column_type\":\"number\"},{\"name\":\"Day\",\"column_type\":\"date\"},{\"name\":\"Won\",\"column_type\":\"boolean\"},{\"name\":\"Code\",\"column_type\":\"text\"}]}")
            .data()
            .getString("id");
    byte[] file =
        xlsx(
            ws -> {
              ws.value(0, 0, "Name");
              ws.value(0, 1, "Amount");
              ws.value(0, 2, "Day");
              ws.value(0, 3, "Won");
              ws.value(0, 4, "Code");
              ws.value(1, 0, "Acme");
              ws.value(1, 1, 1234.25);
              ws.value(1, 2, LocalDate.of(2026, 3, 31));
              ws.style(1, 2).format("dd/mm/yyyy").set();
              ws.value(1, 3, true);
              ws.value(1, 4, 42);
            });
    Api.Reply started = upload(sheet, owner, "", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    JsonObject imp = awaitEnd(owner, started.data().getString("id"));
    assertThat(imp.getString("state")).as(imp.toString()).isEqualTo("done");
    JsonObject row = rows(sheet, owner).get(0).getJsonObject("data");
    Map<String, String> byName = columnIds(sheet, owner);
    assertThat(row.getJsonNumber(byName.get("Amount")).bigDecimalValue()).isEqualByComparingTo("1234.25");
    assertThat(row.getString(byName.get("Day"))).isEqualTo("2026-03-31");
    assertThat(row.get(byName.get("Won"))).isEqualTo(JsonValue.TRUE);
    assertThat(row.getString(byName.get("Code"))).as("a number in a text column is its plain digits").isEqualTo("42");
  }

  static Map<String, String> columnIds(String sheet, Api.Session owner) {
    return get("/api/spreadsheets/" + sheet, owner.accessToken()).data().getJsonArray("columns").getValuesAs(JsonObject.class).stream()
        .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("id")));
  }

  @Test
  void thePreviewShowsWhereEachFileColumnGoes_andAMappingChangesIt() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String csv = "Firma,Stage,Ignored\nAcme,Lead,x\nGlobex,Qualified,y\n";
    Api.Reply preview = Api.upload("/api/spreadsheets/" + sheet + "/imports/preview", owner.accessToken(), "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
    JsonObject data = preview.data();
    assertThat(data.getJsonObject("file").getString("format")).isEqualTo("csv");
    assertThat(data.getJsonObject("file").getString("delimiter")).isEqualTo(",");
    List<JsonObject> columns = data.getJsonArray("columns").getValuesAs(JsonObject.class);
    assertThat(columns).extracting(c -> c.getString("header")).containsExactly("Firma", "Stage", "Ignored");
    assertThat(columns.get(0).isNull("column_id")).as("no column is named Firma").isTrue();
    assertThat(columns.get(1).getString("column_name")).isEqualTo("Stage");
    assertThat(data.getJsonArray("sample_rows").getJsonArray(1).getString(0)).isEqualTo("Globex");
    assertThat(data.getJsonArray("unmapped_columns").getValuesAs(JsonObject.class)).extracting(c -> c.getString("name")).contains("Company");

    String mapping = URLEncoder.encode("{\"Firma\":\"Company\",\"Ignored\":null}", StandardCharsets.UTF_8);
    JsonObject imp = importCsv(sheet, owner, "mapping=" + mapping, csv);
    assertThat(imp.getString("state")).as(imp.toString()).isEqualTo("done");
    assertThat(companies(sheet, owner)).containsExactly("Acme", "Globex");
  }

  @Test
  void aRetriedUploadWithTheSameIdempotencyKey_answersTheFirstImport_andAddsNoRowTwice() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String key = UUID.randomUUID().toString();
    byte[] file = "Company,Stage\nAcme,Lead\n".getBytes(StandardCharsets.UTF_8);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(Api.BASE + "/api/spreadsheets/" + sheet + "/imports"))
                  .header("Authorization", "Bearer " + owner.accessToken())
                  .header("Content-Type", "text/csv")
                  .header("Idempotency-Key", key)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(202);
      ids.add(answer.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
      if (i > 0) {
        assertThat(answer.headers().firstValue("Idempotent-Replayed")).contains("true");
      }
    }
    assertThat(ids).containsOnly(ids.get(0));
    awaitEnd(owner, ids.get(0));
    assertThat(companies(sheet, owner)).containsExactly("Acme");
  }

  @Test
  void aMultipartUpload_carriesTheFileAndTheOptionsAsFields() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    String boundary = "----import-" + UUID.randomUUID();
    String body =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"deals.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + "Company;Stage;Deal Value\nAcme;Lead;1.500,00\n"
            + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"locale\"\r\n\r\nde-DE"
            + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"on_error\"\r\n\r\nskip"
            + "\r\n--" + boundary + "--\r\n";
    Api.Reply started = Api.upload("/api/spreadsheets/" + sheet + "/imports", owner.accessToken(), "multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8));
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    JsonObject imp = awaitEnd(owner, started.data().getString("id"));
    assertThat(imp.getString("file_name")).isEqualTo("deals.csv");
    assertThat(imp.getString("on_error")).isEqualTo("skip");
    assertThat(rows(sheet, owner).get(0).getJsonObject("data").getJsonObject("deal_value").getJsonNumber("amount").intValue()).isEqualTo(1500);
  }

  @Test
  void aNewSheetFromAFile_getsColumnsNamedByTheHeader_andTypedByTheRows() throws Exception {
    Api.Session owner = Api.newUser();
    String csv = "Account,Amount,Close date,Won,Contact email,Stage\nAcme,\"$1,200.00\",2026-01-31,yes,ada@acme.example,Lead\nGlobex,$50,2026-02-28,no,bob@globex.example,Won\n"
        + "Initech,$7,2026-03-31,no,cy@initech.example,Lead\nUmbrella,$9,2026-04-30,yes,di@umbrella.example,Won\n";
    Api.Reply started = Api.upload("/api/spreadsheets/imports?name=From+a+file", owner.accessToken(), "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    JsonObject imp = awaitEnd(owner, started.data().getString("id"));
    assertThat(imp.getString("state")).as(imp.toString()).isEqualTo("done");
    String sheet = imp.getString("sheet_id");
    JsonObject created = get("/api/spreadsheets/" + sheet, owner.accessToken()).data();
    assertThat(created.getString("name")).isEqualTo("From a file");
    assertThat(created.getJsonArray("columns").getValuesAs(JsonObject.class)).extracting(c -> c.getString("name") + ":" + c.getString("column_type"))
        .containsExactly("Account:text", "Amount:currency", "Close date:date", "Won:boolean", "Contact email:email", "Stage:select");
    assertThat(rows(sheet, owner)).hasSize(4);
  }

  @Test
  void aRunningImportCanBeCancelled_andWhatItWroteIsTakenBack() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    StringBuilder csv = new StringBuilder("Company,Stage\n");
    for (int i = 0; i < 60_000; i++) {
      csv.append("Co ").append(i).append(",Lead\n");
    }
    Api.Reply started = upload(sheet, owner, "", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    String id = started.data().getString("id");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (get("/api/imports/" + id, owner.accessToken()).data().getInt("rows_written") == 0) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(50);
    }
    Api.Reply cancel = post("/api/imports/" + id + "/cancel", owner.accessToken(), "");
    assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
    JsonObject imp = awaitEnd(owner, id);
    assertThat(imp.getString("state")).isEqualTo("cancelled");
    assertThat(allRows(sheet, owner)).isZero();
    assertThat(post("/api/imports/" + id + "/cancel", owner.accessToken(), "").status()).isEqualTo(409);
  }

  @Test
  void badOptionsAndBadFiles_getStructuredErrors_andOthersCannotSeeAnImport() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    byte[] file = "Company,Stage\nAcme,Lead\n".getBytes(StandardCharsets.UTF_8);

    Api.Reply bad = upload(sheet, owner, "mode=merge&on_error=maybe&locale=!!", "text/csv", file);
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().getJsonObject("error").getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field")).contains("mode", "on_error", "locale");
    Api.Reply noKey = upload(sheet, owner, "mode=upsert", "text/csv", file);
    assertThat(noKey.status()).isEqualTo(422);
    Api.Reply unknownKey = upload(sheet, owner, "mode=upsert&key=Nope", "text/csv", file);
    assertThat(unknownKey.status()).isEqualTo(422);
    assertThat(upload(sheet, owner, "", "text/csv", new byte[0]).status()).isEqualTo(422);

    Api.Reply notAWorkbook = Api.upload("/api/spreadsheets/" + sheet + "/imports/preview", owner.accessToken(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file);
    assertThat(notAWorkbook.status()).isEqualTo(422);
    JsonObject failed = awaitEnd(owner, upload(sheet, owner, "format=xlsx", "text/csv", file).data().getString("id"));
    assertThat(failed.getString("state")).isEqualTo("failed");
    assertThat(failed.getString("error")).contains("not an XLSX");
    JsonObject nothingMatches = importCsv(sheet, owner, "", "Foo,Bar\n1,2\n");
    assertThat(nothingMatches.getString("state")).isEqualTo("failed");
    assertThat(nothingMatches.getString("error")).contains("No column of the file");

    Api.Session stranger = Api.newUser();
    assertThat(get("/api/imports/" + failed.getString("id"), stranger.accessToken()).status()).isEqualTo(404);
    assertThat(upload(sheet, stranger, "", "text/csv", file).status()).isEqualTo(404);
    assertThat(post("/api/spreadsheets/" + sheet + "/collaborators", owner.accessToken(), json("email", stranger.email(), "role", "viewer")).status()).isEqualTo(200);
    assertThat(upload(sheet, stranger, "", "text/csv", file).status()).as("a viewer").isEqualTo(403);
    assertThat(get("/api/imports/" + failed.getString("id"), stranger.accessToken()).status()).isEqualTo(200);
    assertThat(post("/api/imports/" + failed.getString("id") + "/cancel", stranger.accessToken(), "").status()).isEqualTo(403);
    assertThat(Api.upload("/api/spreadsheets/" + sheet + "/imports", null, "text/csv", file).status()).isEqualTo(401);
  }

  private static final String EVERY_TYPE =
      "{\"name\":\"Every type\",\"columns\":["
          + "{\"name\":\"Text\",\"column_type\":\"text\"},{\"name\":\"Long\",\"column_type\":\"long_text\"},{\"name\":\"Number\",\"column_type\":\"number\"},"
          + "{\"name\":\"Money\",\"column_type\":\"currency\",\"type_settings\":{\"currency\":\"EUR\"}},{\"name\":\"Share\",\"column_type\":\"percent\"},"
          + "{\"name\":\"Day\",\"column_type\":\"date\"},{\"name\":\"Moment\",\"column_type\":\"datetime\"},{\"name\":\"Flag\",\"column_type\":\"boolean\"},"
          + "{\"name\":\"One\",\"column_type\":\"select\",\"options\":[\"A\",\"B, or C\"]},{\"name\":\"Many\",\"column_type\":\"multi_select\",\"options\":[\"x\",\"y\",\"z\"]},"
          + "{\"name\":\"Mail\",\"column_type\":\"email\"},{\"name\":\"Site\",\"column_type\":\"url\"},{\"name\":\"Phone\",\"column_type\":\"phone\"},"
          + "{\"name\":\"Stars\",\"column_type\":\"rating\"},{\"name\":\"Took\",\"column_type\":\"duration\"},{\"name\":\"Land\",\"column_type\":\"country\"}]}";

  /** Cells by column name, so that two sheets with the same columns (different ids) compare. */
  private static List<Map<String, String>> byName(String sheet, Api.Session owner) {
    Map<String, String> names = columnIds(sheet, owner).entrySet().stream().collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonObject row : rows(sheet, owner)) {
      Map<String, String> cells = new java.util.TreeMap<>();
      row.getJsonObject("data").forEach((id, value) -> cells.put(names.get(id), value.toString()));
      rows.add(cells);
    }
    return rows;
  }

  @Test
  void aSheetExportedAndImportedAgain_isTheSameSheet_forEveryColumnType_inCsvAndXlsx() throws Exception {
    Api.Session owner = Api.newUser();
    String source = post("/api/spreadsheets", owner.accessToken(), EVERY_TYPE).data().getString("id");
    Map<String, String> ids = columnIds(source, owner);
    String full =
        "{\"data\":{\"" + ids.get("Text") + "\":\"Acme, \\\"the\\\" one\",\"" + ids.get("Long") + "\":\"line 1\\nline 2\",\"" + ids.get("Number") + "\":-12.125,"
            + "\"" + ids.get("Money") + "\":{\"amount\":1234.5,\"currency\":\"EUR\"},\"" + ids.get("Share") + "\":42.5,\"" + ids.get("Day") + "\":\"2026-03-31\","
            + "\"" + ids.get("Moment") + "\":\"2026-03-31T14:30:00Z\",\"" + ids.get("Flag") + "\":true,\"" + ids.get("One") + "\":\"B, or C\",\"" + ids.get("Many") + "\":[\"x\",\"z\"],"
            + "\"" + ids.get("Mail") + "\":\"ada@acme.example\",\"" + ids.get("Site") + "\":\"https://acme.example/a?b=c\",\"" + ids.get("Phone") + "\":\"+1 415 555 0100\","
            + "\"" + ids.get("Stars") + "\":4,\"" + ids.get("Took") + "\":\"1h 30m\",\"" + ids.get("Land") + "\":\"DE\"}}";
    String sparse = "{\"data\":{\"" + ids.get("Text") + "\":\"Only text\",\"" + ids.get("Flag") + "\":false,\"" + ids.get("Number") + "\":0}}";
    addRows(source, owner, full + "," + sparse);
    List<Map<String, String>> expected = byName(source, owner);
    assertThat(expected.get(0)).hasSize(16);

    for (String format : List.of("csv", "xlsx")) {
      HttpResponse<byte[]> file =
          HTTP.send(HttpRequest.newBuilder(URI.create(Api.BASE + "/api/spreadsheets/" + source + "/export?format=" + format)).header("Authorization", "Bearer " + owner.accessToken()).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(file.statusCode()).isEqualTo(200);
      String target = post("/api/spreadsheets", owner.accessToken(), EVERY_TYPE).data().getString("id");
      Api.Reply started = upload(target, owner, "", format.equals("csv") ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.body());
      assertThat(started.status()).as(started.toString()).isEqualTo(202);
      JsonObject imp = awaitEnd(owner, started.data().getString("id"));
      assertThat(imp.getString("state")).as(format + " " + imp).isEqualTo("done");
      assertThat(imp.getInt("rows_refused")).as(format + " " + imp).isZero();
      assertThat(byName(target, owner)).as(format).isEqualTo(expected);
    }
  }
}
