package io.contrivance.server.it;

import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.json;
import static io.contrivance.server.it.Api.patch;
import static io.contrivance.server.it.Api.post;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The request bodies and answers the seeds print, sent and read as a client written from them
 * would: verbatim bodies, the shapes they come back in, money as plain decimals, every failing cell
 * in one answer, and {@code /api/health}.
 */
class SeedContractIT {

  /** Seed 000's example, exactly as printed (the select's options under validation_rules). */
  static final String SEED_SHEET =
      """
      {
        "name": "Q1 Sales Pipeline",
        "description": "Enterprise deals closing this quarter",
        "columns": [
          {"name": "Company", "column_type": "text", "is_required": true, "display_options": {"width": 200}},
          {"name": "Deal Value", "column_type": "currency", "validation_rules": {"min": 0}},
          {"name": "Stage", "column_type": "select", "validation_rules": {"options": ["Lead", "Qualified", "Proposal", "Negotiation", "Closed-Won", "Closed-Lost"]}},
          {"name": "Close Date", "column_type": "date"}
        ]
      }
      """;

  /** A JSON number written with an exponent ({@code 3E+4}, {@code 1.055E+5}) anywhere in a JSON text. */
  private static final Pattern EXPONENT = Pattern.compile("[:,\\[]\\s*-?[0-9]+(\\.[0-9]+)?[eE][+-]?[0-9]+");

  private static JsonObject column(JsonObject sheet, String id) {
    return sheet.getJsonArray("columns").getValuesAs(JsonObject.class).stream().filter(c -> c.getString("id").equals(id)).findFirst().orElseThrow();
  }

  private static JsonObject parse(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  @Test
  void seedSheetBody_isAcceptedVerbatimAndComesBackInTheShapeItWasSent() {
    Api.Session owner = Api.newUser();
    Api.Reply created = post("/api/spreadsheets", owner.accessToken(), SEED_SHEET);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.data().getString("id");

    JsonObject sheet = get("/api/spreadsheets/" + id, owner.accessToken()).data();
    JsonObject sent = parse(SEED_SHEET);
    assertThat(sheet.getString("name")).isEqualTo(sent.getString("name"));
    assertThat(sheet.getString("description")).isEqualTo(sent.getString("description"));
    JsonObject stage = column(sheet, "stage");
    assertThat(stage.getString("column_type")).isEqualTo("select");
    assertThat(stage.getJsonObject("validation_rules").getJsonArray("options")).isEqualTo(sent.getJsonArray("columns").getJsonObject(2).getJsonObject("validation_rules").getJsonArray("options"));
    assertThat(column(sheet, "deal_value").getJsonObject("validation_rules")).isEqualTo(Json.createObjectBuilder().add("min", 0).build());
    assertThat(column(sheet, "company").getBoolean("is_required")).isTrue();
    assertThat(column(sheet, "company").getJsonObject("display_options")).isEqualTo(Json.createObjectBuilder().add("width", 200).build());

    // Options change in the same shape; removing one a row still holds is refused, naming the row.
    String path = "/api/spreadsheets/" + id + "/columns/stage";
    Api.Reply more = patch(path, owner.accessToken(), "{\"validation_rules\":{\"options\":[\"Lead\",\"Qualified\",\"Proposal\",\"Negotiation\",\"On Hold\",\"Closed-Won\",\"Closed-Lost\"]}}");
    assertThat(more.status()).as(more.toString()).isEqualTo(200);
    assertThat(more.data().getJsonObject("validation_rules").getJsonArray("options")).hasSize(7);
    Api.Reply held = post("/api/spreadsheets/" + id + "/rows", owner.accessToken(), "{\"data\":{\"Company\":\"Acme\",\"Stage\":\"On Hold\"}}");
    assertThat(held.status()).as(held.toString()).isEqualTo(201);
    Api.Reply fewer = patch(path, owner.accessToken(), "{\"validation_rules\":{\"options\":[\"Lead\",\"Closed-Won\",\"Closed-Lost\"]}}");
    assertThat(fewer.status()).as(fewer.toString()).isEqualTo(422);
    assertThat(fewer.json().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("rows." + held.data().getString("id") + ".stage");
    assertThat(column(get("/api/spreadsheets/" + id, owner.accessToken()).data(), "stage").getJsonObject("type_settings").getJsonArray("options")).hasSize(7);

    // Two places that disagree are named rather than one silently winning.
    Api.Reply both = patch(path, owner.accessToken(), "{\"options\":[\"Lead\"],\"validation_rules\":{\"options\":[\"Won\"]}}");
    assertThat(both.status()).isEqualTo(422);
    assertThat(both.json().getJsonObject("error").getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("options");
  }

  @Test
  void aRow_answersEveryFailingCellAtOnce_onCreateAndUpdate() {
    Api.Session owner = Api.newUser();
    String id = post("/api/spreadsheets", owner.accessToken(), SEED_SHEET).data().getString("id");
    String rows = "/api/spreadsheets/" + id + "/rows";

    Api.Reply bad = post(rows, owner.accessToken(), "{\"data\":{\"Deal Value\":-5,\"Stage\":\"X\",\"Colour\":\"red\"}}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().getJsonObject("error").getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field") + ":" + d.getString("code"))
        .containsExactlyInAnyOrder("data.company:required", "data.deal_value:min", "data.stage:not_an_option", "data.Colour:unknown_column");

    Api.Reply batch = post(rows, owner.accessToken(), "{\"rows\":[{\"data\":{\"Company\":\"Acme\"}},{\"data\":{\"Deal Value\":\"lots\",\"Close Date\":\"soon\"}}]}");
    assertThat(batch.json().getJsonObject("error").getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field"))
        .containsExactlyInAnyOrder("rows[1].data.company", "rows[1].data.deal_value", "rows[1].data.close_date");

    String row = post(rows, owner.accessToken(), "{\"data\":{\"Company\":\"Acme\",\"Stage\":\"Lead\"}}").data().getString("id");
    Api.Reply update = patch(rows + "/" + row, owner.accessToken(), "{\"data\":{\"Company\":\"\",\"Deal Value\":-1,\"Stage\":\"X\"},\"version\":1}");
    assertThat(update.json().getJsonObject("error").getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field"))
        .containsExactlyInAnyOrder("data.company", "data.deal_value", "data.stage");
    assertThat(get(rows + "/" + row, owner.accessToken()).data().getInt("version")).isEqualTo(1);
  }

  @Test
  void amounts_areWrittenAsPlainDecimals_inRowsForecastsAndQuotas() {
    Api.Session owner = Api.newUser();
    String sheet = post("/api/spreadsheets", owner.accessToken(), json("name", "Money", "template", "sales_pipeline")).data().getString("id");
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    Api.Reply added = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(),
        "{\"data\":{\"company\":\"Globex\",\"deal_value\":30000,\"stage\":\"Negotiation\",\"expected_close\":\"" + today + "\"}}");
    assertThat(added.raw().body()).contains("\"amount\":30000").doesNotContainPattern(EXPONENT);
    Api.Reply big = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(),
        "{\"data\":{\"company\":\"Initech\",\"deal_value\":\"$1,000,000\",\"stage\":\"Proposal\",\"expected_close\":\"" + today + "\"}}");
    assertThat(big.raw().body()).contains("\"amount\":1000000").doesNotContainPattern(EXPONENT);
    assertThat(get("/api/spreadsheets/" + sheet + "/rows", owner.accessToken()).raw().body()).doesNotContainPattern(EXPONENT);

    Api.Reply quota = post("/api/spreadsheets/" + sheet + "/quotas", owner.accessToken(), "{\"owner\":null,\"period\":\"quarter\",\"date\":\"" + today + "\",\"amount\":50000}");
    assertThat(quota.status()).as(quota.toString()).isEqualTo(201);
    assertThat(quota.raw().body()).contains("\"amount\":50000.00").doesNotContainPattern(EXPONENT);

    Api.Reply forecast = get("/api/spreadsheets/" + sheet + "/forecast?period=quarter", owner.accessToken());
    assertThat(forecast.raw().body()).doesNotContainPattern(EXPONENT);
    JsonObject period = forecast.data().getJsonArray("periods").getJsonObject(0);
    assertThat(period.getJsonNumber("weighted_pipeline").toString()).matches("[0-9]+\\.[0-9]{2}");
    assertThat(get("/api/spreadsheets/" + sheet + "/forecast/dashboard", owner.accessToken()).raw().body()).doesNotContainPattern(EXPONENT);
  }

  @Test
  void apiHealth_namesTheServiceItsVersionAndStatus() {
    Api.Reply health = get("/api/health", null);
    assertThat(health.status()).isEqualTo(200);
    for (JsonObject fields : new JsonObject[] {health.json(), health.data()}) {
      assertThat(fields.getString("service")).isEqualTo("contrivance");
      assertThat(fields.getString("version")).isNotBlank().isNotEqualTo("unknown");
      assertThat(fields.getString("status")).isEqualTo("ok");
    }
  }
}
