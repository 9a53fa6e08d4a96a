package io.contrivance.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.contrivance.client.ApiClient;
import io.contrivance.client.ApiException;
import io.contrivance.client.api.AuthApi;
import io.contrivance.client.api.RowsApi;
import io.contrivance.client.api.SpreadsheetsApi;
import io.contrivance.client.model.ColumnView;
import io.contrivance.client.model.LoginRequest;
import io.contrivance.client.model.NewColumn;
import io.contrivance.client.model.NewRows;
import io.contrivance.client.model.NewSpreadsheet;
import io.contrivance.client.model.RowOrBatch;
import io.contrivance.client.model.SheetRow;
import io.contrivance.client.model.Spreadsheet;
import io.contrivance.client.model.TokenResponse;
import io.contrivance.client.model.ValidationRules;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The published API description as a client sees it: what {@code /openapi} serves is what
 * docs/openapi.yaml holds (the file the api-client module generates its Java client from), every
 * operation is named for the API and typed on both sides, and the generated client signs in,
 * creates seed 000's sheet, adds a row and reads it back.
 */
class GeneratedClientIT {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

  /** The description without its {@code servers:} block, which names the host that served it. */
  private static String withoutServers(String yaml) {
    StringBuilder kept = new StringBuilder();
    boolean inServers = false;
    for (String line : yaml.split("\n", -1)) {
      if (!line.startsWith(" ") && !line.startsWith("-")) {
        inServers = line.startsWith("servers:");
      }
      if (!inServers) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString().strip();
  }

  @Test
  void servedDescription_isThePublishedOne() throws IOException {
    String served = Api.get("/openapi", null).raw().body();
    Path published = Path.of(System.getProperty("it.openapi.file", "../docs/openapi.yaml"));
    if (!withoutServers(served).equals(withoutServers(Files.readString(published)))) {
      Path fresh = Path.of("target", "openapi.yaml");
      Files.writeString(fresh, served);
      fail("the API changed: /openapi no longer matches " + published + "; review " + fresh.toAbsolutePath() + " and copy it to docs/openapi.yaml");
    }
  }

  @Test
  void everyOperation_isNamedForTheApiAndTypedOnBothSides() {
    Api.Reply reply = Api.get("/openapi?format=JSON", null);
    JsonObject paths;
    try (var reader = Json.createReader(new StringReader(reply.raw().body()))) {
      paths = reader.readObject().getJsonObject("paths");
    }
    List<String> untyped = new ArrayList<>();
    int operations = 0;
    for (var path : paths.entrySet()) {
      for (var entry : path.getValue().asJsonObject().entrySet()) {
        if (!METHODS.contains(entry.getKey())) {
          continue;
        }
        operations++;
        JsonObject operation = entry.getValue().asJsonObject();
        String where = entry.getKey().toUpperCase() + " " + path.getKey();
        String id = operation.getString("operationId", "");
        if (!id.matches("[a-z][A-Za-z]+")) {
          untyped.add(where + ": operationId '" + id + "' is not an API name");
        }
        if (operation.containsKey("requestBody") && !hasSchema(operation.getJsonObject("requestBody"))) {
          untyped.add(where + ": request body has no schema");
        }
        boolean typedAnswer = false;
        for (var answer : operation.getJsonObject("responses").entrySet()) {
          if (answer.getKey().startsWith("2")) {
            JsonObject response = answer.getValue().asJsonObject();
            typedAnswer |= answer.getKey().equals("204") || hasSchemaRef(response) || isFile(response);
          }
        }
        if (!typedAnswer) {
          untyped.add(where + ": no typed success answer");
        }
      }
    }
    assertThat(operations).isGreaterThan(40);
    assertThat(untyped).isEmpty();
  }

  /** Whether a request body has a schema for each of its media types: a named one for JSON, any for files. */
  private static boolean hasSchema(JsonObject body) {
    JsonObject content = body.getJsonObject("content");
    if (content == null || content.isEmpty()) {
      return false;
    }
    for (var media : content.entrySet()) {
      JsonValue schema = media.getValue().asJsonObject().get("schema");
      boolean typed = media.getKey().equals("application/json") ? hasSchemaRef(body) : schema instanceof JsonObject s && (s.containsKey("$ref") || s.containsKey("type"));
      if (!typed) {
        return false;
      }
    }
    return true;
  }

  /** Whether an answer is a file (a download: CSV, XLSX) described as a string. */
  private static boolean isFile(JsonObject answer) {
    JsonObject content = answer.getJsonObject("content");
    return content != null
        && !content.isEmpty()
        && !content.containsKey("application/json")
        && content.values().stream().allMatch(c -> c.asJsonObject().containsKey("schema") && "string".equals(c.asJsonObject().getJsonObject("schema").getString("type", "")));
  }

  /** Whether a request body or an answer refers to a named schema for JSON. */
  private static boolean hasSchemaRef(JsonObject bodyOrAnswer) {
    JsonObject content = bodyOrAnswer.getJsonObject("content");
    if (content == null || !content.containsKey("application/json")) {
      return false;
    }
    JsonValue schema = content.getJsonObject("application/json").get("schema");
    return schema instanceof JsonObject s && (s.containsKey("$ref") || (s.containsKey("items") && s.getJsonObject("items").containsKey("$ref")));
  }

  private static ApiClient client(String accessToken) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(Api.BASE);
    if (accessToken != null) {
      client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + accessToken));
    }
    return client;
  }

  @Test
  void generatedClient_signsInCreatesTheSeedSheetAddsARowAndReadsItBack() throws ApiException {
    Api.Session registered = Api.newUser();
    TokenResponse tokens = new AuthApi(client(null)).login(new LoginRequest().email(registered.email()).password(registered.password())).getData();
    assertThat(tokens.getTokenType()).isEqualToIgnoringCase("bearer");
    ApiClient signedIn = client(tokens.getAccessToken());

    NewSpreadsheet seed =
        new NewSpreadsheet()
            .name("Q1 Sales Pipeline")
            .description("Enterprise deals closing this quarter")
            .columns(
                List.of(
                    new NewColumn().name("Company").columnType("text").isRequired(true).displayOptions(Map.of("width", 200)),
                    new NewColumn().name("Deal Value").columnType("currency").validationRules(new ValidationRules().min(0)),
                    new NewColumn()
                        .name("Stage")
                        .columnType("select")
                        .validationRules(new ValidationRules().options(List.of("Lead", "Qualified", "Proposal", "Negotiation", "Closed-Won", "Closed-Lost"))),
                    new NewColumn().name("Close Date").columnType("date")));
    Spreadsheet sheet = new SpreadsheetsApi(signedIn).createSpreadsheet(seed).getData();
    assertThat(sheet.getName()).isEqualTo("Q1 Sales Pipeline");
    assertThat(sheet.getColumns()).extracting(ColumnView::getName).containsExactly("Company", "Deal Value", "Stage", "Close Date");
    assertThat(sheet.getColumns().get(0).getIsRequired()).isTrue();
    assertThat(sheet.getColumns().get(2).getValidationRules().getOptions()).contains("Closed-Won");

    Map<String, Object> cells = new LinkedHashMap<>();
    cells.put("Company", "Acme Corp");
    cells.put("Deal Value", 50000);
    cells.put("Stage", "Proposal");
    cells.put("Close Date", "2026-03-15");
    RowsApi rows = new RowsApi(signedIn);
    RowOrBatch added = rows.createRows(sheet.getId(), new NewRows().data(cells)).getData();
    assertThat(added.getId()).isNotBlank();

    // Rows are written by column name (or id) and read back by column id; money with its currency.
    SheetRow read = rows.getRow(sheet.getId(), added.getId()).getData();
    assertThat(sheet.getColumns()).extracting(ColumnView::getId).containsExactly("company", "deal_value", "stage", "close_date");
    assertThat(read.getData()).containsEntry("company", "Acme Corp").containsEntry("stage", "Proposal").containsEntry("close_date", "2026-03-15");
    assertThat(read.getData().get("deal_value")).isInstanceOfSatisfying(Map.class, money -> {
      assertThat(new BigDecimal(money.get("amount").toString())).isEqualByComparingTo("50000");
      assertThat(money.get("currency")).isEqualTo("USD");
    });
    assertThat(rows.listRows(sheet.getId(), null, null, null, null, null, null, null).getData()).extracting(SheetRow::getId).containsExactly(added.getId());
  }

  @Test
  void generatedClient_seesRefusalsAsStructuredErrors() throws ApiException {
    Api.Session owner = Api.newUser();
    ApiClient signedIn = client(owner.accessToken());
    try {
      new SpreadsheetsApi(signedIn).createSpreadsheet(new NewSpreadsheet().name("")).getData();
      fail("a sheet without a name or columns should be refused");
    } catch (ApiException refused) {
      assertThat(refused.getCode()).isEqualTo(422);
      // Both problems in one answer.
      assertThat(refused.getResponseBody()).contains("\"validation_failed\"").contains("\"field\":\"name\"").contains("\"field\":\"columns\"");
    }
  }
}
