package io.contrivance.server.sheet;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.server.auth.Authenticated;
import io.contrivance.server.auth.CurrentUser;
import io.contrivance.server.web.ApiException;
import io.contrivance.server.web.ApiResponse;
import io.contrivance.server.web.Checks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Saved views of a sheet, shared with everyone who can read it: readers list them, editors save,
 * change and remove them. A view's sort, filters and quick search are checked exactly as the rows
 * endpoint checks them, so a saved view always reads.
 */
@Path("/spreadsheets/{sheetId}/views")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Rows")
public class SavedViewsResource {

  static final int MAX_NAME = 100;
  static final int MAX_FILTERS = 20;

  @Inject Sheets sheets;
  @Inject SavedViews views;
  @Inject CurrentUser currentUser;

  @PathParam("sheetId")
  String sheetId;

  @GET
  @Operation(operationId = "listViews", summary = "The sheet's saved views, by name")
  @APIResponse(responseCode = "200", description = "By name", content = @Content(schema = @Schema(implementation = SheetSchemas.SavedViewList.class)))
  public ApiResponse<List<JsonObject>> list() {
    SheetSchema schema = sheets.open(sheetId, SheetRole.VIEWER).schema();
    return ApiResponse.of(views.list(schema).stream().map(SavedViews.SavedView::toJson).toList());
  }

  @POST
  @Operation(operationId = "createView", summary = "Save a view: a name, sort, filters, quick search and hidden columns (editors)")
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SheetSchemas.SavedViewInput.class), 
          examples = @ExampleObject(
              name = "big open deals",
              value = "{\"name\":\"Big open deals\",\"sort\":\"deal_value:desc\",\"filters\":[\"deal_value:ge:10000\",\"stage:ne:Closed-Lost\"],"
                  + "\"q\":null,\"hidden\":[\"notes\"]}")))
  @APIResponse(responseCode = "201", description = "Saved", content = @Content(schema = @Schema(implementation = SheetSchemas.SavedViewAnswer.class)))
  public Response create(JsonObject body) {
    SheetSchema schema = sheets.open(sheetId, SheetRole.EDITOR).schema();
    Checks checks = new Checks();
    String name = name(Checks.body(body), checks);
    SavedViews.Settings settings = settings(body, schema, checks);
    SavedViews.SavedView saved = views.create(schema.id(), name, settings, currentUser.id());
    return Response.status(Response.Status.CREATED).entity(ApiResponse.of(saved.toJson())).build();
  }

  @PUT
  @Path("/{viewId}")
  @Operation(operationId = "updateView", summary = "Change a saved view: its name and settings, as when saving it (editors)")
  @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = SheetSchemas.SavedViewAnswer.class)))
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SheetSchemas.SavedViewInput.class)))
  public ApiResponse<JsonObject> update(@PathParam("viewId") String viewId, JsonObject body) {
    SheetSchema schema = sheets.open(sheetId, SheetRole.EDITOR).schema();
    Checks checks = new Checks();
    String name = name(Checks.body(body), checks);
    SavedViews.Settings settings = settings(body, schema, checks);
    return ApiResponse.of(ApiException.found(views.update(schema, viewId, name, settings), "The view").toJson());
  }

  @DELETE
  @Path("/{viewId}")
  @Operation(operationId = "deleteView", summary = "Remove a saved view (editors)")
  @APIResponse(responseCode = "204", description = "Removed")
  public Response delete(@PathParam("viewId") String viewId) {
    SheetSchema schema = sheets.open(sheetId, SheetRole.EDITOR).schema();
    ApiException.unlessFound(views.delete(schema.id(), viewId), "The view");
    return Response.noContent().build();
  }

  private static String name(JsonObject body, Checks checks) {
    String name = body.get("name") instanceof JsonString s ? s.getString().strip() : "";
    checks.require(!name.isEmpty() && name.length() <= MAX_NAME, "name", "a name of 1 to " + MAX_NAME + " characters");
    return name;
  }

  /** The view's settings, checked; every problem (with the name's) is answered in one 422. */
  private static SavedViews.Settings settings(JsonObject body, SheetSchema schema, Checks checks) {
    String sort = optionalText(body, "sort", checks);
    String search = optionalText(body, "q", checks);
    List<String> filters = texts(body, "filters", checks);
    checks.require(filters.size() <= MAX_FILTERS, "filters", "at most " + MAX_FILTERS + " filters");
    List<String> hidden = texts(body, "hidden", checks);
    List<String> ids = schema.columns().stream().map(Column::id).map(id -> id.value()).toList();
    for (String id : hidden) {
      checks.require(ids.contains(id), "hidden", "'" + id + "' is not a column id of the sheet");
    }
    checks.orThrow("The view is not valid");
    // The same checks as reading rows with these parameters (field names sort, filter, q).
    RowQuery.parse(schema.id().value(), schema, sort, filters, search, null, 0, 1);
    return new SavedViews.Settings(sort, filters, search, hidden.stream().distinct().toList());
  }

  private static String optionalText(JsonObject body, String field, Checks checks) {
    JsonValue value = body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString s) {
      return s.getString().isBlank() ? null : s.getString().strip();
    }
    checks.add(field, "must be a string or null");
    return null;
  }

  private static List<String> texts(JsonObject body, String field, Checks checks) {
    JsonValue value = body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    List<String> texts = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (JsonValue item : array) {
        if (item instanceof JsonString s) {
          texts.add(s.getString());
        } else {
          checks.add(field, "must be an array of strings");
          break;
        }
      }
    } else {
      checks.add(field, "must be an array of strings");
    }
    return texts;
  }
}
