package io.contrivance.server.it;

import static io.contrivance.server.it.Api.delete;
import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.json;
import static io.contrivance.server.it.Api.patch;
import static io.contrivance.server.it.Api.post;
import static io.contrivance.server.it.Api.put;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The forecast endpoints over a small pipeline whose deals all close today (so in every current period). */
class ForecastIT {

  static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

  record Pipeline(Api.Session owner, String sheet, String acme, String globex) {}

  static Pipeline pipeline() {
    Api.Session owner = Api.newUser();
    String sheet = post("/api/spreadsheets", owner.accessToken(), json("name", "Forecast", "template", "sales_pipeline")).data().getString("id");
    String acme = addDeal(owner, sheet, "Acme", "10000", "Lead", TODAY, "ada", null);
    String globex = addDeal(owner, sheet, "Globex", "30000", "Negotiation", TODAY, "bob", "90");
    addDeal(owner, sheet, "Initech", "5000", "Closed-Won", TODAY, "ada", null);
    addDeal(owner, sheet, "Hooli", "7000", "Lead", null, "bob", null);
    return new Pipeline(owner, sheet, acme, globex);
  }

  static String addDeal(Api.Session owner, String sheet, String company, String value, String stage, String close, String who, String probability) {
    StringBuilder data = new StringBuilder("{\"company\":\"" + company + "\",\"deal_value\":" + value + ",\"stage\":\"" + stage + "\",\"owner\":\"" + who + "\"");
    if (close != null) {
      data.append(",\"expected_close\":\"").append(close).append('"');
    }
    if (probability != null) {
      data.append(",\"probability\":").append(probability);
    }
    Api.Reply reply = post("/api/spreadsheets/" + sheet + "/rows", owner.accessToken(), "{\"data\":" + data + "}}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.data().getString("id");
  }

  static JsonObject quarter(Pipeline p, String query) {
    Api.Reply reply = get("/api/spreadsheets/" + p.sheet() + "/forecast?period=quarter" + query, p.owner().accessToken());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.data().getJsonArray("periods").getJsonObject(0);
  }

  @Test
  void forecast_byCategoryWithRollupsQuotaAndExcludedDeals() {
    Pipeline p = pipeline();
    Api.Reply quota = post("/api/spreadsheets/" + p.sheet() + "/quotas", p.owner().accessToken(), "{\"owner\":null,\"period\":\"quarter\",\"date\":\"" + TODAY + "\",\"amount\":50000}");
    assertThat(quota.status()).as(quota.toString()).isEqualTo(201);
    JsonObject f = quarter(p, "");
    // Acme 10,000 × 10 % = 1,000; Globex 30,000 × its own 90 % = 27,000; Initech won 5,000.
    assertThat(f.getJsonNumber("weighted_pipeline").bigDecimalValue()).isEqualByComparingTo("33000");
    assertThat(f.getJsonObject("categories").getJsonObject("commit").getJsonNumber("amount").intValue()).isEqualTo(30000);
    assertThat(f.getJsonObject("categories").getJsonObject("commit").getJsonArray("deals").getJsonObject(0).getString("label")).isEqualTo("Globex");
    assertThat(f.getJsonObject("rollups").getJsonObject("pipeline").getJsonNumber("amount").intValue()).isEqualTo(45000);
    assertThat(f.getJsonObject("rollups").getJsonObject("commit").getJsonNumber("amount").intValue()).isEqualTo(35000);
    JsonObject attainment = f.getJsonObject("quota");
    assertThat(attainment.getJsonNumber("attainment").bigDecimalValue()).isEqualByComparingTo("0.1");
    assertThat(attainment.getJsonNumber("gap").intValue()).isEqualTo(45000);
    assertThat(f.getJsonArray("excluded").getJsonObject(0).getString("label")).isEqualTo("Hooli");
    assertThat(f.getJsonArray("excluded").getJsonObject(0).getString("reason")).isEqualTo("no expected close date");

    // Per owner: only ada's deals.
    JsonObject ada = quarter(p, "&owner=ada");
    assertThat(ada.getJsonNumber("weighted_pipeline").bigDecimalValue()).isEqualByComparingTo("6000");
  }

  @Test
  void anOpenDealPastItsCloseDate_countsInTheCurrentQuarter_flaggedPastDue() {
    Api.Session owner = Api.newUser();
    String sheet = post("/api/spreadsheets", owner.accessToken(), json("name", "Late", "template", "sales_pipeline")).data().getString("id");
    String late = LocalDate.parse(TODAY).minusDays(120).toString();
    addDeal(owner, sheet, "Hooli", "120000", "Negotiation", late, "ada", null);
    addDeal(owner, sheet, "Pied Piper", "5000", "Closed-Won", late, "ada", null);
    Api.Reply reply = get("/api/spreadsheets/" + sheet + "/forecast?period=quarter", owner.accessToken());
    JsonObject current = reply.data().getJsonArray("periods").getJsonObject(0);
    assertThat(current.getJsonObject("rollups").getJsonObject("pipeline").getJsonNumber("amount").intValue()).as("the open deal is not hidden").isEqualTo(120000);
    JsonObject pastDue = current.getJsonArray("past_due").getJsonObject(0);
    assertThat(pastDue.getString("label")).isEqualTo("Hooli");
    assertThat(pastDue.getString("expected_close")).isEqualTo(late);
    assertThat(pastDue.getInt("days_late")).isEqualTo(120);
    assertThat(current.getJsonArray("past_due")).as("a won deal is not late").hasSize(1);
  }

  @Test
  void forecast_followsTheSheetAfterAnEdit_andAsOfRebuildsThePast() {
    Pipeline p = pipeline();
    assertThat(quarter(p, "").getJsonObject("categories").getJsonObject("closed").getJsonNumber("amount").intValue()).isEqualTo(5000);
    Api.Reply won = patch("/api/spreadsheets/" + p.sheet() + "/rows/" + p.acme(), p.owner().accessToken(), "{\"data\":{\"stage\":\"Closed-Won\"},\"version\":1}");
    assertThat(won.status()).as(won.toString()).isEqualTo(200);
    assertThat(quarter(p, "").getJsonObject("categories").getJsonObject("closed").getJsonNumber("amount").intValue()).isEqualTo(15000);
    // Yesterday none of these deals existed.
    String yesterday = LocalDate.parse(TODAY).minusDays(1).toString();
    assertThat(quarter(p, "&as_of=" + yesterday).getJsonNumber("weighted_pipeline").intValue()).isZero();
  }

  @Test
  void funnelVelocityWaterfallCalibrationSimulationAgingSlippedAndTrend_answer() {
    Pipeline p = pipeline();
    patch("/api/spreadsheets/" + p.sheet() + "/rows/" + p.acme(), p.owner().accessToken(), "{\"data\":{\"stage\":\"Closed-Won\"},\"version\":1}");
    String base = "/api/spreadsheets/" + p.sheet() + "/forecast";
    String token = p.owner().accessToken();
    JsonObject funnel = get(base + "/funnel", token).data();
    // Acme went Lead → Closed-Won, Initech was won outright, Globex is in Negotiation, Hooli in Lead.
    assertThat(funnel.getJsonArray("steps").getJsonObject(0).getInt("reached")).isEqualTo(4);
    assertThat(funnel.getJsonArray("won")).hasSize(2);
    JsonObject velocity = get(base + "/velocity", token).data();
    assertThat(velocity.getJsonNumber("win_rate").bigDecimalValue()).isEqualByComparingTo("1");
    assertThat(velocity.getJsonNumber("average_deal_size").bigDecimalValue()).isEqualByComparingTo("7500");
    JsonObject waterfall = get(base + "/waterfall", token).data();
    assertThat(waterfall.getJsonObject("start").getJsonNumber("amount").intValue()).isZero();
    assertThat(waterfall.getJsonObject("end").getJsonNumber("amount").intValue()).isEqualTo(30000); // Globex still open
    JsonObject calibration = get(base + "/calibration", token).data();
    assertThat(calibration.getJsonArray("stages").getJsonObject(0).getJsonNumber("historical").bigDecimalValue()).isEqualByComparingTo("1");
    JsonObject simulation = get(base + "/simulation?trials=2000&seed=7", token).data();
    assertThat(simulation.getInt("trials")).isEqualTo(2000);
    assertThat(get(base + "/simulation?trials=2000&seed=7", token).data()).isEqualTo(simulation);
    assertThat(get(base + "/aging", token).data().getJsonArray("deals")).hasSize(2);
    assertThat(get(base + "/slipped", token).data().getJsonArray("deals")).isEmpty();
    assertThat(get(base + "/trend", token).data().getBoolean("available")).isTrue();
    JsonObject dashboard = get(base + "/dashboard", token).data();
    assertThat(dashboard.keySet()).contains("forecasts", "velocity", "funnel", "waterfall", "simulation", "aging", "slipped", "calibration", "trend", "settings");
    assertThat(dashboard.getJsonArray("forecasts")).hasSize(4);
  }

  @Test
  void badQueries_getFieldLevelErrors() {
    Pipeline p = pipeline();
    Api.Reply bad = get("/api/spreadsheets/" + p.sheet() + "/forecast?period=week&date=soon&range=99", p.owner().accessToken());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().getJsonObject("error").getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field")).containsExactly("period", "date", "range");
    Api.Reply backwards = get("/api/spreadsheets/" + p.sheet() + "/forecast/waterfall?from=2026-05-01&to=2026-04-01", p.owner().accessToken());
    assertThat(backwards.status()).isEqualTo(422);
  }

  @Test
  void settings_defaultToTheTemplate_areCheckedField_byField_andChangeTheForecast() {
    Pipeline p = pipeline();
    String path = "/api/spreadsheets/" + p.sheet() + "/forecast/settings";
    JsonObject defaults = get(path, p.owner().accessToken()).data();
    assertThat(defaults.getBoolean("stored")).isFalse();
    assertThat(defaults.getJsonObject("mapping").getString("amount")).isEqualTo("deal_value");
    assertThat(defaults.getJsonArray("stages")).hasSize(6);

    String bad = "{\"stages\":[{\"name\":\"Lead\",\"probability\":2,\"outcome\":\"open\",\"category\":\"pipeline\"}],\"mapping\":{\"amount\":\"nope\",\"stage\":\"stage\",\"expected_close\":\"expected_close\"},\"currency\":\"XYZ\"}";
    Api.Reply rejected = put(path, p.owner().accessToken(), bad);
    assertThat(rejected.status()).isEqualTo(422);
    assertThat(rejected.json().getJsonObject("error").getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field"))
        .contains("stages[0].probability", "mapping.amount", "currency");
    assertThat(get(path, p.owner().accessToken()).data().getBoolean("stored")).isFalse();

    // Lead at 50 % instead of 10 %: Acme now weighs 5,000.
    String stages =
        "[{\"name\":\"Lead\",\"probability\":0.5,\"outcome\":\"open\",\"category\":\"pipeline\"},{\"name\":\"Qualified\",\"probability\":0.2,\"outcome\":\"open\",\"category\":\"pipeline\"},"
            + "{\"name\":\"Proposal\",\"probability\":0.5,\"outcome\":\"open\",\"category\":\"best_case\"},{\"name\":\"Negotiation\",\"probability\":0.8,\"outcome\":\"open\",\"category\":\"commit\"},"
            + "{\"name\":\"Closed-Won\",\"probability\":1,\"outcome\":\"won\",\"category\":\"closed\"},{\"name\":\"Closed-Lost\",\"probability\":0,\"outcome\":\"lost\",\"category\":\"omitted\"}]";
    String good = "{\"stages\":" + stages + ",\"mapping\":{\"amount\":\"Deal Value\",\"stage\":\"stage\",\"expected_close\":\"expected_close\",\"owner\":\"owner\",\"probability\":\"probability\",\"label\":\"company\"},\"currency\":\"USD\",\"fiscal_year_start\":2}";
    Api.Reply saved = put(path, p.owner().accessToken(), good);
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    assertThat(saved.data().getBoolean("stored")).isTrue();
    assertThat(saved.data().getJsonObject("mapping").getString("amount")).isEqualTo("deal_value");
    assertThat(quarter(p, "").getJsonNumber("weighted_pipeline").bigDecimalValue()).isEqualByComparingTo("37000");
  }

  @Test
  void aSheetWithoutDealColumns_isNotConfigured() {
    Api.Session owner = Api.newUser();
    String body = "{\"name\":\"Notes\",\"columns\":[{\"name\":\"Title\",\"column_type\":\"text\"}]}";
    String sheet = post("/api/spreadsheets", owner.accessToken(), body).data().getString("id");
    Api.Reply reply = get("/api/spreadsheets/" + sheet + "/forecast", owner.accessToken());
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().getJsonObject("error").getString("code")).isEqualTo("forecast_not_configured");
  }

  @Test
  void quotas_areEditedByEditors_oneper_ownerAndPeriod() {
    Pipeline p = pipeline();
    String path = "/api/spreadsheets/" + p.sheet() + "/quotas";
    String body = "{\"owner\":\"ada\",\"period\":\"quarter\",\"date\":\"" + TODAY + "\",\"amount\":20000}";
    Api.Reply created = post(path, p.owner().accessToken(), body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(post(path, p.owner().accessToken(), body).status()).isEqualTo(409);
    Api.Reply bad = post(path, p.owner().accessToken(), "{\"owner\":7,\"period\":\"week\",\"amount\":-1}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().getJsonObject("error").getJsonArray("details").getValuesAs(JsonObject.class)).extracting(d -> d.getString("field")).containsExactly("owner", "period", "amount");
    String id = created.data().getString("id");
    assertThat(put(path + "/" + id, p.owner().accessToken(), "{\"amount\":25000}").data().getJsonNumber("amount").intValue()).isEqualTo(25000);
    // ada's quota: Initech won 5,000 of 25,000.
    assertThat(quarter(p, "&owner=ada").getJsonObject("quota").getJsonNumber("attainment").bigDecimalValue()).isEqualByComparingTo("0.2");
    // With no team quota, the team's is the sum of the owners'.
    assertThat(quarter(p, "").getJsonObject("quota").getJsonNumber("quota").intValue()).isEqualTo(25000);
    assertThat(get(path, p.owner().accessToken()).json().getJsonArray("data")).hasSize(1);
    assertThat(delete(path + "/" + id, p.owner().accessToken()).status()).isEqualTo(204);
    assertThat(delete(path + "/" + id, p.owner().accessToken()).status()).isEqualTo(404);
  }

  @Test
  void access_readersSeeTheForecast_onlyEditorsChangeIt_strangersSeeNothing() {
    Pipeline p = pipeline();
    Api.Session viewer = Api.newUser();
    Api.Session stranger = Api.newUser();
    post("/api/spreadsheets/" + p.sheet() + "/collaborators", p.owner().accessToken(), json("email", viewer.email(), "role", "viewer"));
    String base = "/api/spreadsheets/" + p.sheet();
    assertThat(get(base + "/forecast", viewer.accessToken()).status()).isEqualTo(200);
    assertThat(put(base + "/forecast/settings", viewer.accessToken(), "{}").status()).isEqualTo(403);
    assertThat(post(base + "/quotas", viewer.accessToken(), "{\"period\":\"quarter\",\"amount\":1}").status()).isEqualTo(403);
    assertThat(get(base + "/forecast", stranger.accessToken()).status()).isEqualTo(404);
    assertThat(get(base + "/quotas", stranger.accessToken()).status()).isEqualTo(404);
    assertThat(get(base + "/forecast/dashboard", null).status()).isEqualTo(401);
  }
}
