package io.contrivance.server.it;

import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.json;
import static io.contrivance.server.it.Api.post;
import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/** Export of a sheet or a view as CSV and XLSX, read back with independent readers (FastCSV, FastExcel's reader). */
class ExportIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<byte[]> download(String path, String token) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(Api.BASE + path)).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static List<CsvRecord> csv(byte[] body) {
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(new String(body, StandardCharsets.UTF_8))) {
      return reader.stream().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A pipeline with three deals, one with a note full of what CSV must quote. */
  private static String pipeline(Api.Session owner) {
    String sheet = post("/api/spreadsheets", owner.accessToken(), json("name", "Q3: deals/EMEA", "template", "sales_pipeline")).data().getString("id");
    String rows =
        "{\"rows\":["
            + "{\"data\":{\"company\":\"Acme\",\"stage\":\"Qualified\",\"deal_value\":12000,\"probability\":40,\"owner\":\"ada\"}},"
            + "{\"data\":{\"company\":\"Globex, Inc.\",\"stage\":\"Proposal\",\"deal_value\":\"$50,000.50\",\"expected_close\":\"2026-12-31\",\"notes\":\"said \\\"yes\\\"\\nthen \\\"maybe\\\"\"}},"
            + "{\"data\":{\"company\":\"Initech\",\"stage\":\"Qualified\",\"deal_value\":800}}"
            + "]}";
    assertThat(post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), rows).status()).isEqualTo(201);
    return sheet;
  }

  @Test
  void aSheet_isACsvFile_inRfc4180_withTheColumnsNamesFirst_andEachValueAsItsTypeWritesIt() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    HttpResponse<byte[]> file = download("/api/spreadsheets/" + sheet + "/export", owner.accessToken());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", "filename=\"Q3  deals EMEA.csv\"");
    String text = new String(file.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("Company,Contact,Email,Deal Value,Stage,Probability,Expected Close,Owner,Next Step,Notes\r\n");
    List<CsvRecord> records = csv(file.body());
    assertThat(records).hasSize(4);
    assertThat(records.get(1).getFields()).containsExactly("Acme", "", "", "$12,000.00", "Qualified", "40%", "", "ada", "", "");
    assertThat(records.get(2).getField(0)).isEqualTo("Globex, Inc.");
    assertThat(records.get(2).getField(3)).isEqualTo("$50,000.50");
    assertThat(records.get(2).getField(6)).isEqualTo("2026-12-31");
    assertThat(records.get(2).getField(9)).isEqualTo("said \"yes\"\nthen \"maybe\"");
    assertThat(text).contains("\"Globex, Inc.\"", "\"said \"\"yes\"\"\nthen \"\"maybe\"\"\"");

    byte[] withBom = download("/api/spreadsheets/" + sheet + "/export?format=csv&bom=true", owner.accessToken()).body();
    assertThat(withBom[0]).isEqualTo((byte) 0xEF);
    assertThat(withBom[1]).isEqualTo((byte) 0xBB);
    assertThat(withBom[2]).isEqualTo((byte) 0xBF);
  }

  @Test
  void aView_isExported_withItsFilterSortSearchAndColumns_givenOrSaved() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    HttpResponse<byte[]> qualified =
        download("/api/spreadsheets/" + sheet + "/export?filter=stage:eq:Qualified&sort=deal_value:desc&columns=company,Deal%20Value", owner.accessToken());
    assertThat(csv(qualified.body())).extracting(r -> String.join("|", r.getFields())).containsExactly("Company|Deal Value", "Acme|$12,000.00", "Initech|$800.00");

    String view =
        post("/api/spreadsheets/" + sheet + "/views", owner.accessToken(), "{\"name\":\"Small\",\"sort\":\"deal_value:asc\",\"filters\":[],\"q\":null,\"hidden\":[\"contact\",\"email\",\"probability\",\"expected_close\",\"owner\",\"next_step\",\"notes\"]}")
            .data()
            .getString("id");
    HttpResponse<byte[]> saved = download("/api/spreadsheets/" + sheet + "/export?view=" + view, owner.accessToken());
    assertThat(csv(saved.body())).extracting(r -> String.join("|", r.getFields()))
        .containsExactly("Company|Deal Value|Stage", "Initech|$800.00|Qualified", "Acme|$12,000.00|Qualified", "Globex, Inc.|$50,000.50|Proposal");
    HttpResponse<byte[]> searched = download("/api/spreadsheets/" + sheet + "/export?view=" + view + "&q=glob", owner.accessToken());
    assertThat(csv(searched.body())).hasSize(2);
  }

  @Test
  void anXlsxFile_hasTypedCells_numbersAmountsPercentagesAndDates() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    HttpResponse<byte[]> file = download("/api/spreadsheets/" + sheet + "/export?format=xlsx", owner.accessToken());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(file.body()), new ReadingOptions(true, false))) {
      assertThat(workbook.getFirstSheet().getName()).isEqualTo("Q3  deals EMEA");
      List<Row> rows = workbook.getFirstSheet().read();
      assertThat(rows).hasSize(4);
      assertThat(rows.get(0).getCellAsString(0)).contains("Company");
      Row acme = rows.get(1);
      assertThat(acme.getCell(3).getType()).isEqualTo(CellType.NUMBER);
      assertThat(acme.getCell(3).asNumber()).isEqualByComparingTo(new BigDecimal("12000"));
      assertThat(acme.getCell(3).getDataFormatString()).contains("USD");
      assertThat(acme.getCell(5).asNumber()).isEqualByComparingTo(new BigDecimal("0.4"));
      assertThat(acme.getCell(4).asString()).isEqualTo("Qualified");
      Row globex = rows.get(2);
      assertThat(globex.getCell(6).getType()).isEqualTo(CellType.NUMBER);
      assertThat(globex.getCell(6).asDate().toLocalDate()).isEqualTo(LocalDate.of(2026, 12, 31));
      assertThat(globex.getCell(9).asString()).isEqualTo("said \"yes\"\nthen \"maybe\"");
    }
  }

  @Test
  void aLargeSheet_isExportedWhole_inItsOrder_acrossPages() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = post("/api/spreadsheets", owner.accessToken(), "{\"name\":\"Many\",\"columns\":[{\"name\":\"N\",\"column_type\":\"number\"}]}").data().getString("id");
    for (int batch = 0; batch < 3; batch++) {
      StringBuilder rows = new StringBuilder("{\"rows\":[");
      for (int i = 0; i < 900; i++) {
        rows.append(i > 0 ? "," : "").append("{\"data\":{\"N\":").append(batch * 900 + i).append("}}");
      }
      assertThat(post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), rows.append("]}").toString()).status()).isEqualTo(201);
    }
    List<CsvRecord> records = csv(download("/api/spreadsheets/" + sheet + "/export", owner.accessToken()).body());
    assertThat(records).hasSize(2_701);
    for (int i = 0; i < 2_700; i++) {
      assertThat(records.get(i + 1).getField(0).replace(",", "")).isEqualTo(String.valueOf(i));
    }
  }

  @Test
  void badParameters_areRefusedFieldByField_andOnlyReadersExport() throws Exception {
    Api.Session owner = Api.newUser();
    String sheet = pipeline(owner);
    Api.Reply bad = get("/api/spreadsheets/" + sheet + "/export?format=pdf&bom=maybe&columns=company,colour&view=nope", owner.accessToken());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.toString()).contains("\"format\"", "\"bom\"", "\"columns\"", "\"view\"");
    assertThat(get("/api/spreadsheets/" + sheet + "/export?filter=colour:eq:red", owner.accessToken()).status()).isEqualTo(422);
    assertThat(get("/api/spreadsheets/" + sheet + "/export", Api.newUser().accessToken()).status()).isIn(403, 404);
    assertThat(get("/api/spreadsheets/" + sheet + "/export", null).status()).isEqualTo(401);
  }
}
