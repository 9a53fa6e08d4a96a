package io.contrivance.server.forecast;

import io.contrivance.core.forecast.Period;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.server.auth.Authenticated;
import io.contrivance.server.sheet.SheetRole;
import io.contrivance.server.sheet.Sheets;
import io.contrivance.server.web.ApiException;
import io.contrivance.server.web.ApiResponse;
import io.contrivance.server.web.Checks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Quotas of a sheet's owners and team, per period: readers see them, editors set them. */
@Path("/spreadsheets/{sheetId}/quotas")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Forecast")
public class QuotasResource {

  static final BigDecimal MAX_AMOUNT = new BigDecimal("1e15");

  @Inject Sheets sheets;
  @Inject Quotas quotas;
  @Inject PipelineInputs inputs;

  @PathParam("sheetId")
  String sheetId;

  @GET
  @Operation(operationId = "listQuotas", summary = "The sheet's quotas, by period")
  @APIResponse(responseCode = "200", description = "By period", content = @Content(schema = @Schema(implementation = ForecastSchemas.QuotaList.class)))
  public ApiResponse<List<JsonObject>> list() {
    SheetSchema schema = sheets.open(sheetId, SheetRole.VIEWER).schema();
    return ApiResponse.of(quotas.list(schema.id()).stream().map(Quotas.Quota::toJson).toList());
  }

  @POST
  @Operation(operationId = "createQuota", summary = "Set a quota for an owner (or the team, owner null) and the period holding date, in the forecast's currency (editors)")
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ForecastSchemas.QuotaInput.class), examples = @ExampleObject(name = "a quarter", value = "{\"owner\":\"ada\",\"period\":\"quarter\",\"date\":\"2026-10-01\",\"amount\":50000}")))
  @APIResponse(responseCode = "201", description = "Set", content = @Content(schema = @Schema(implementation = ForecastSchemas.QuotaAnswer.class)))
  public Response create(JsonObject body) {
    SheetSchema schema = sheets.open(sheetId, SheetRole.EDITOR).schema();
    Checks.body(body);
    Checks checks = new Checks();
    Optional<String> owner = Optional.empty();
    JsonValue ownerValue = body.get("owner");
    if (ownerValue instanceof JsonString text && !text.getString().isBlank()) {
      owner = Optional.of(text.getString().strip());
      checks.require(owner.get().length() <= 200, "owner", "at most 200 characters");
    } else if (ownerValue != null && ownerValue.getValueType() != JsonValue.ValueType.NULL && !(ownerValue instanceof JsonString)) {
      checks.add("owner", "an owner's name as in the owner column, or null for the team");
    }
    ForecastQuery.Length length = ForecastQuery.length(body.get("period") instanceof JsonString p ? p.getString() : null, checks);
    LocalDate date = ForecastQuery.date(body.get("date") instanceof JsonString d ? d.getString() : null, "date", inputs.today(), checks);
    BigDecimal amount = amount(body, checks);
    checks.orThrow("The quota is not valid");
    ForecastSettings settings = inputs.settings(schema);
    Period period = ForecastQuery.period(length, date, settings.fiscalYearStart());
    Quotas.Quota quota = quotas.create(schema.id(), owner, period, amount, settings.currency());
    return Response.status(Response.Status.CREATED).entity(ApiResponse.of(quota.toJson())).build();
  }

  @PUT
  @Path("/{quotaId}")
  @Operation(operationId = "updateQuota", summary = "Change a quota's amount (editors)")
  @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = ForecastSchemas.QuotaAnswer.class)))
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ForecastSchemas.QuotaChange.class)))
  public ApiResponse<JsonObject> update(@PathParam("quotaId") String quotaId, JsonObject body) {
    SheetSchema schema = sheets.open(sheetId, SheetRole.EDITOR).schema();
    Checks checks = new Checks();
    BigDecimal amount = amount(Checks.body(body), checks);
    checks.orThrow("The quota is not valid");
    return ApiResponse.of(ApiException.found(quotas.update(schema.id(), quotaId, amount), "The quota").toJson());
  }

  @DELETE
  @Path("/{quotaId}")
  @Operation(operationId = "deleteQuota", summary = "Remove a quota (editors)")
  @APIResponse(responseCode = "204", description = "Removed")
  public Response delete(@PathParam("quotaId") String quotaId) {
    SheetSchema schema = sheets.open(sheetId, SheetRole.EDITOR).schema();
    ApiException.unlessFound(quotas.delete(schema.id(), quotaId), "The quota");
    return Response.noContent().build();
  }

  private static BigDecimal amount(JsonObject body, Checks checks) {
    if (body.get("amount") instanceof JsonNumber number) {
      BigDecimal amount = number.bigDecimalValue();
      if (amount.signum() >= 0 && amount.compareTo(MAX_AMOUNT) < 0 && Math.max(0, amount.stripTrailingZeros().scale()) <= 4) {
        return amount;
      }
    }
    checks.add("amount", "a number from 0 to 10^15 with at most 4 decimals");
    return BigDecimal.ZERO;
  }
}
