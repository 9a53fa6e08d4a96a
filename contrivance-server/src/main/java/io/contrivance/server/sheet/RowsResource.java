package io.contrivance.server.sheet;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.Sheet;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.ParseResult;
import io.contrivance.server.auth.Authenticated;
import io.contrivance.server.bootstrap.Database;
import io.contrivance.server.web.ApiError;
import io.contrivance.server.web.ApiException;
import io.contrivance.server.web.ApiResponse;
import io.contrivance.server.web.Checks;
import io.contrivance.server.web.Paging;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Rows of a sheet. Every write goes through the core engine (parsing, validation, all-or-nothing
 * batches), which stores the change with its op-log and audit entries in one transaction and
 * broadcasts it to the sheet's sockets. A row is
 * {@code {"id","position","data":{<column id>: value},"version","created_by","updated_by","created_at","updated_at"}}.
 */
@Path("/spreadsheets/{sheetId}/rows")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Rows")
public class RowsResource {

  static final int MAX_PAGE = 1_000;
  static final int MAX_BATCH = 1_000;
  /** Far beyond any sheet's rows, so that a typo is an error rather than an empty page. */
  static final long MAX_OFFSET = 100_000_000;

  @Inject Sheets sheets;
  @Inject SheetViews views;
  @Inject RowPages pages;

  @PathParam("sheetId")
  String sheetId;

  @GET
  @Operation(
      operationId = "listRows",
      summary = "Rows a page at a time, in sheet order or sorted and filtered by any column",
      description = "A page starts at the first row of the view, after the cursor of an earlier page, or at an offset. "
          + "pagination holds next_cursor when more rows follow, and total when asked for.")
  @APIResponse(responseCode = "200", description = "A page of rows", content = @Content(schema = @Schema(implementation = SheetSchemas.RowPage.class)))
  public Response list(@BeanParam RowPageParams params) {
    return pages.page(sheets.open(sheetId, SheetRole.VIEWER), params);
  }

  @GET
  @Path("/{rowId}")
  @Operation(operationId = "getRow", summary = "One row")
  @APIResponse(responseCode = "200", description = "The row", content = @Content(schema = @Schema(implementation = SheetSchemas.RowAnswer.class)))
  public Response get(@PathParam("rowId") String rowId) {
    sheets.open(sheetId, SheetRole.VIEWER);
    return Response.ok(views.rowAnswer(sheetId, rowId), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @POST
  @Operation(operationId = "createRows", summary = "Add a row ({\"data\":{...}}) or a batch of up to 1,000 ({\"rows\":[{\"data\":{...}}]}), all or nothing")
  @APIResponse(responseCode = "201", description = "The row, or the batch as rows", content = @Content(schema = @Schema(implementation = SheetSchemas.NewRowsAnswer.class)))
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SheetSchemas.NewRows.class)))
  public Response create(JsonObject body) {
    Checks.body(body);
    Sheet sheet = sheets.open(sheetId, SheetRole.EDITOR);
    SheetSchema schema = sheet.schema();
    List<ApiError.Detail> problems = new ArrayList<>();
    boolean batch = body.containsKey("rows");
    List<JsonValue> inputs = new ArrayList<>();
    if (batch) {
      if (!(body.get("rows") instanceof JsonArray array) || array.isEmpty()) {
        throw ApiException.invalid("rows must be a non-empty array", List.of(ApiError.Detail.of("rows", "must be a non-empty array of {\"data\":{...}}")));
      }
      if (array.size() > MAX_BATCH) {
        throw new ApiException(
            Response.Status.REQUEST_ENTITY_TOO_LARGE, "batch_too_large", "A batch can add at most " + MAX_BATCH + " rows", List.of(ApiError.Detail.of("rows", "has " + array.size() + " rows")));
      }
      for (JsonValue element : array) {
        inputs.add(element instanceof JsonObject o ? o.get("data") : null);
      }
    } else {
      inputs.add(body.get("data"));
    }
    List<Map<ColumnId, ParseResult>> values = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      values.add(RowInput.read(schema, inputs.get(i), batch ? "rows[" + i + "].data." : "data.", problems));
    }
    if (!problems.isEmpty()) {
      throw ApiException.invalid("Some values are not valid for their columns", problems);
    }
    List<RowId> ids = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      ids.add(RowId.of(RowIds.SOURCE.next()));
    }
    EditResult<List<Row>> result = sheet.addRowsParsed(ids, values);
    if (!result.isApplied()) {
      throw SheetViews.invalid(result.violations(), v -> (batch ? "rows[" + ids.indexOf(v.row()) + "]." : "") + "data." + v.column());
    }
    if (batch) {
      // Up to 1,000 rows: written from the stored text, as pages are.
      String rows = views.rowsText(sheetId, result.value());
      return Response.status(Response.Status.CREATED).entity("{\"success\":true,\"data\":{\"rows\":" + rows + "}}").type(MediaType.APPLICATION_JSON_TYPE).build();
    }
    return Response.status(Response.Status.CREATED).entity(views.rowAnswer(sheetId, result.value().get(0))).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  @PATCH
  @Path("/{rowId}")
  @Operation(operationId = "updateRow", summary = "Change cells of a row; with \"version\", a stale write gets 409 with the current row")
  @APIResponse(responseCode = "200", description = "The row as stored now", content = @Content(schema = @Schema(implementation = SheetSchemas.RowAnswer.class)))
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SheetSchemas.RowChange.class)))
  public Response update(@PathParam("rowId") String rowId, JsonObject body) {
    Checks.body(body);
    Sheet sheet = sheets.open(sheetId, SheetRole.EDITOR);
    List<ApiError.Detail> problems = new ArrayList<>();
    Map<ColumnId, ParseResult> values = RowInput.read(sheet.schema(), body.get("data"), "data.", problems);
    OptionalLong version = OptionalLong.empty();
    JsonValue versionJson = body.get("version");
    if (versionJson instanceof JsonNumber n && n.isIntegral()) {
      version = OptionalLong.of(n.longValue());
    } else if (versionJson != null && versionJson.getValueType() != JsonValue.ValueType.NULL) {
      problems.add(ApiError.Detail.of("version", "must be the whole-number version of the row you changed"));
    }
    if (!problems.isEmpty()) {
      throw ApiException.invalid("Some values are not valid for their columns", problems);
    }
    EditResult<Row> result = sheet.updateRowParsed(rowId(rowId), values, version);
    if (result instanceof EditResult.Conflict<Row>) {
      throw ApiException.conflict("version_conflict", "The row was changed by someone else since version " + version.getAsLong() + "; here it is now")
          .withCurrent(views.row(sheetId, rowId));
    }
    if (result instanceof EditResult.NotFound<Row>) {
      throw ApiException.notFound("The row");
    }
    if (!result.isApplied()) {
      throw SheetViews.invalid(result.violations(), v -> "data." + v.column());
    }
    return Response.ok(views.rowAnswer(sheetId, result.value()), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @DELETE
  @Path("/{rowId}")
  @Operation(operationId = "deleteRow", summary = "Delete a row")
  @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = SheetSchemas.DeletedAnswer.class)))
  public ApiResponse<JsonObject> delete(@PathParam("rowId") String rowId) {
    Sheet sheet = sheets.open(sheetId, SheetRole.EDITOR);
    if (sheet.deleteRow(rowId(rowId)) instanceof EditResult.NotFound<Row>) {
      throw ApiException.notFound("The row");
    }
    return ApiResponse.of(JSON.createObjectBuilder().add("id", rowId).add("deleted", true).build());
  }

  @POST
  @Path("/{rowId}/move")
  @Operation(operationId = "moveRow", summary = "Move a row to an index of the sheet's order ({\"index\": 0} is the top)")
  @APIResponse(responseCode = "200", description = "The row in its new place", content = @Content(schema = @Schema(implementation = SheetSchemas.RowAnswer.class)))
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SheetSchemas.RowMove.class)))
  public ApiResponse<JsonObject> move(@PathParam("rowId") String rowId, JsonObject body) {
    Checks.body(body);
    Sheet sheet = sheets.open(sheetId, SheetRole.EDITOR);
    if (!(body.get("index") instanceof JsonNumber index) || !index.isIntegral() || index.longValue() < 0) {
      throw ApiException.invalid("index is required", List.of(ApiError.Detail.of("index", "must be a whole number, 0 or more")));
    }
    if (sheet.moveRow(rowId(rowId), (int) Math.min(Integer.MAX_VALUE, index.longValue())) instanceof EditResult.NotFound<Row>) {
      throw ApiException.notFound("The row");
    }
    return ApiResponse.of(views.row(sheetId, rowId));
  }

  private static RowId rowId(String value) {
    try {
      return RowId.of(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("The row");
    }
  }
}
