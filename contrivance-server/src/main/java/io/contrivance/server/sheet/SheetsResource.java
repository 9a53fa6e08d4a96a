package io.contrivance.server.sheet;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.Sheet;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.Templates;
import io.contrivance.core.sheet.TypeChange;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.TextFormat;
import io.contrivance.server.auth.Authenticated;
import io.contrivance.server.auth.CurrentUser;
import io.contrivance.server.user.Accounts;
import io.contrivance.server.user.EmailAddresses;
import io.contrivance.server.user.UserEntity;
import io.contrivance.server.web.ApiError;
import io.contrivance.server.web.ApiException;
import io.contrivance.server.web.ApiResponse;
import io.contrivance.server.web.Checks;
import io.contrivance.server.web.Paging;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Spreadsheets: create (from columns or the sales template), read, rename, delete; columns; sharing; activity. */
@Path("/spreadsheets")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Spreadsheets")
public class SheetsResource {

  @Inject Sheets sheets;
  @Inject SheetViews views;
  @Inject SheetDirectory directory;
  @Inject Collaborators collaborators;
  @Inject Event<SheetShared> shared;
  @Inject ActivityLog activity;
  @Inject CurrentUser currentUser;
  @Inject Accounts accounts;
  @Inject JdbcSheetStore.ColumnTypes types;

  @GET
  @Operation(operationId = "listSpreadsheets", summary = "Spreadsheets the caller owns or that are shared with them, most recently changed first")
  public ApiResponse<List<SheetDirectory.SheetSummary>> list(@QueryParam("page") String pageText, @QueryParam("limit") String limitText) {
    Paging paging = Paging.of(pageText, limitText, 50, 200);
    String me = currentUser.id();
    List<SheetDirectory.SheetSummary> list = directory.visibleTo(me, paging.limit(), paging.offset());
    long total = directory.countVisibleTo(me);
    return ApiResponse.page(list, paging.pagination(total));
  }

  @POST
  @Transactional
  @Operation(operationId = "createSpreadsheet", summary = "Create a spreadsheet from {name, description, columns[]} or {name, template: \"sales_pipeline\"}")
  @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = SheetSchemas.SpreadsheetAnswer.class)))
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SheetSchemas.NewSpreadsheet.class)))
  public Response create(JsonObject body) {
    Checks.body(body);
    String name = ColumnJson.string(body, "name");
    String description = Optional.ofNullable(ColumnJson.string(body, "description")).orElse("");
    String template = ColumnJson.string(body, "template");
    ColumnJson.Problems problems = new ColumnJson.Problems();
    if (name == null || name.isBlank()) {
      // Checked here as well as by the core, so that it comes in the same answer as the columns' problems.
      problems.add("name", "must not be blank");
    }
    List<Column> columns;
    if (template != null) {
      if (!template.equals(Templates.SALES_PIPELINE)) {
        throw ApiException.invalid("Unknown template", List.of(ApiError.Detail.of("template", "must be " + Templates.SALES_PIPELINE)));
      }
      String currency = Optional.ofNullable(ColumnJson.string(body, "currency")).orElse("USD");
      columns = Templates.salesPipeline(currency);
    } else {
      columns = readColumns(body.get("columns"), problems);
    }
    if (!problems.details.isEmpty()) {
      throw ApiException.invalid("The spreadsheet is not valid", problems.details);
    }
    TextFormat format = JdbcSheetStore.format(ColumnJson.string(body, "text_format"));
    Sheet sheet = sheets.workbook().create(name == null ? "" : name, description, columns, format, Origin.user(currentUser.id()));
    return Response.status(Response.Status.CREATED).entity(ApiResponse.of(views.sheet(sheets.open(sheet.id().value(), SheetRole.OWNER), SheetRole.OWNER))).build();
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getSpreadsheet", summary = "A spreadsheet with its columns (each with a stable id) and the caller's role")
  @APIResponse(responseCode = "200", description = "The spreadsheet", content = @Content(schema = @Schema(implementation = SheetSchemas.SpreadsheetAnswer.class)))
  public ApiResponse<JsonObject> get(@PathParam("id") String id) {
    Sheets.Access access = sheets.access(id, SheetRole.VIEWER);
    return ApiResponse.of(views.sheet(access.sheet(), access.role()));
  }

  @PUT
  @Path("/{id}")
  @Transactional
  @Operation(operationId = "updateSpreadsheet", summary = "Rename a spreadsheet or change its description (editors)")
  @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = SheetSchemas.SpreadsheetAnswer.class)))
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SheetSchemas.SpreadsheetChange.class)))
  public ApiResponse<JsonObject> update(@PathParam("id") String id, JsonObject body) {
    Checks.body(body);
    Sheets.Access access = sheets.access(id, SheetRole.EDITOR);
    Sheet sheet = access.sheet();
    SheetSchema schema = sheet.schema();
    sheet.describe(
        Optional.ofNullable(ColumnJson.string(body, "name")).orElse(schema.name()),
        Optional.ofNullable(ColumnJson.string(body, "description")).orElse(schema.description()));
    return ApiResponse.of(views.sheet(sheet, access.role()));
  }

  @DELETE
  @Path("/{id}")
  @Transactional
  @Operation(operationId = "deleteSpreadsheet", summary = "Delete a spreadsheet and its rows (owner)")
  @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = SheetSchemas.DeletedAnswer.class)))
  public ApiResponse<JsonObject> delete(@PathParam("id") String id) {
    Sheet sheet = sheets.open(id, SheetRole.OWNER);
    sheets.workbook().delete(sheet.id());
    sheets.forgetRoles(id);
    return ApiResponse.of(JSON.createObjectBuilder().add("id", id).add("deleted", true).build());
  }

  // ------------------------------------------------------------------ columns

  @POST
  @Path("/{id}/columns")
  @Transactional
  @Operation(operationId = "addColumn", summary = "Add a column at the end (editors)")
  @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = SheetSchemas.ColumnAnswer.class)))
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SheetSchemas.NewColumn.class)))
  public Response addColumn(@PathParam("id") String id, JsonObject body) {
    Checks.body(body);
    Sheet sheet = sheets.open(id, SheetRole.EDITOR);
    SheetSchema schema = sheet.schema();
    String name = Optional.ofNullable(ColumnJson.string(body, "name")).orElse("column");
    Column column = readColumn(body, schema.freshColumnId(name), schema, "");
    sheet.addColumn(column);
    return Response.status(Response.Status.CREATED).entity(ApiResponse.of(ColumnJson.write(column))).build();
  }

  @PATCH
  @Path("/{id}/columns/{columnId}")
  @Transactional
  @Operation(operationId = "updateColumn", summary = "Rename a column, change whether it is required, its rules, display options or position (editors)")
  @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = SheetSchemas.ColumnAnswer.class)))
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SheetSchemas.ColumnChange.class)))
  public ApiResponse<JsonObject> updateColumn(@PathParam("id") String id, @PathParam("columnId") String columnId, JsonObject body) {
    Checks.body(body);
    Sheet sheet = sheets.open(id, SheetRole.EDITOR);
    SheetSchema schema = sheet.schema();
    Column current = column(schema, columnId);
    JsonObject written = ColumnJson.write(current);
    var builder = JSON.createObjectBuilder(written);
    if (ColumnJson.givesOptions(body)) {
      // New options replace the stored ones, whichever place of the body they are in.
      builder.add("type_settings", JSON.createObjectBuilder(written.getJsonObject("type_settings")).remove("options"));
      builder.add("validation_rules", JSON.createObjectBuilder(written.getJsonObject("validation_rules")).remove("options"));
    }
    for (String key : List.of("name", "is_required", "validation_rules", "display_options", "concurrent_edits", "options")) {
      if (body.containsKey(key)) {
        builder.add(key, body.get(key));
      }
    }
    Column changed = readColumn(builder.build(), current.id(), schema, "");
    if (!changed.type().equals(current.type())) {
      // Other options: a change of the type's settings, which converts the cells (and is refused
      // if a cell holds an option that is no longer there).
      convert(sheet, current, changed.type(), TypeChange.Policy.REJECT_IF_LOSSY);
    }
    sheet.updateColumn(changed);
    if (body.get("position") instanceof JsonNumber position) {
      sheet.moveColumn(current.id(), position.intValue());
    }
    return ApiResponse.of(ColumnJson.write(column(sheet.schema(), columnId)));
  }

  @PUT
  @Path("/{id}/columns/{columnId}/type")
  @Transactional
  @Operation(
      operationId = "changeColumnType",
      summary = "Change a column's type, converting its cells",
      description = "Body: {column_type, type_settings | options, policy: reject_if_lossy (default) | clear_unconvertible, preview: false}. "
          + "The answer lists every cell that does not convert. A lossy change with reject_if_lossy answers 422 conversion_failed and changes nothing.")
  @APIResponse(responseCode = "200", description = "Converted, or what would be (preview)", content = @Content(schema = @Schema(implementation = SheetSchemas.TypeChangeAnswer.class)))
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SheetSchemas.ColumnTypeChange.class)))
  public ApiResponse<JsonObject> changeType(@PathParam("id") String id, @PathParam("columnId") String columnId, JsonObject body) {
    Checks.body(body);
    Sheet sheet = sheets.open(id, SheetRole.EDITOR);
    Column current = column(sheet.schema(), columnId);
    var spec = JSON.createObjectBuilder(body).add("name", current.name()).build();
    ColumnType type = readColumn(spec, current.id(), sheet.schema(), "").type();
    String policyText = Optional.ofNullable(ColumnJson.string(body, "policy")).orElse("reject_if_lossy");
    TypeChange.Policy policy;
    try {
      policy = TypeChange.Policy.valueOf(policyText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("Unknown policy", List.of(ApiError.Detail.of("policy", "must be reject_if_lossy or clear_unconvertible")));
    }
    boolean preview = body.getBoolean("preview", false);
    return ApiResponse.of(preview ? report(sheet.previewTypeChange(current.id(), type)) : convert(sheet, current, type, policy));
  }

  /** Changes a column's type and answers the conversion report, or 422 naming every cell that does not convert. */
  private static JsonObject convert(Sheet sheet, Column current, ColumnType type, TypeChange.Policy policy) {
    TypeChange change = sheet.changeColumnType(current.id(), type, policy);
    JsonObject report = report(change);
    if (!change.applied()) {
      List<ApiError.Detail> details =
          change.failures().stream().map(f -> new ApiError.Detail("rows." + f.row() + "." + current.id(), f.message() + " (was '" + f.oldText() + "')", f.code())).toList();
      throw ApiException.invalid("Some cells would not convert; nothing changed. Use policy clear_unconvertible to clear them.", details)
          .withCurrent(report);
    }
    return report;
  }

  @DELETE
  @Path("/{id}/columns/{columnId}")
  @Transactional
  @Operation(operationId = "deleteColumn", summary = "Delete a column and its cells (editors)")
  @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = SheetSchemas.DeletedAnswer.class)))
  public ApiResponse<JsonObject> deleteColumn(@PathParam("id") String id, @PathParam("columnId") String columnId) {
    Sheet sheet = sheets.open(id, SheetRole.EDITOR);
    sheet.deleteColumn(column(sheet.schema(), columnId).id());
    return ApiResponse.of(JSON.createObjectBuilder().add("id", columnId).add("deleted", true).build());
  }

  // ------------------------------------------------------------------ sharing

  @GET
  @Path("/{id}/collaborators")
  @Operation(operationId = "listCollaborators", summary = "The owner and the people a spreadsheet is shared with")
  public ApiResponse<List<Collaborators.Collaborator>> collaborators(@PathParam("id") String id) {
    sheets.open(id, SheetRole.VIEWER);
    List<Collaborators.Collaborator> people = collaborators.of(id);
    return ApiResponse.of(people);
  }

  @POST
  @Path("/{id}/collaborators")
  @Transactional
  @Operation(operationId = "shareSpreadsheet", summary = "Share a spreadsheet: {\"email\" or \"user_id\", \"role\": \"viewer\" | \"editor\"} (owner)")
  @APIResponse(responseCode = "200", description = "Shared", content = @Content(schema = @Schema(implementation = SheetSchemas.ShareAnswer.class)))
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SheetSchemas.Invitation.class)))
  public ApiResponse<JsonObject> share(@PathParam("id") String id, JsonObject body) {
    Checks.body(body);
    SheetSchema schema = sheets.open(id, SheetRole.OWNER).schema();
    String role = ColumnJson.string(body, "role");
    Checks checks = new Checks().require("viewer".equals(role) || "editor".equals(role), "role", "must be viewer or editor");
    Optional<UserEntity> user = Optional.empty();
    if (ColumnJson.string(body, "user_id") != null) {
      user = accounts.find(ColumnJson.string(body, "user_id"));
    } else if (ColumnJson.string(body, "email") != null) {
      user = EmailAddresses.normalize(ColumnJson.string(body, "email")).flatMap(accounts::findByEmail);
    }
    checks.require(user.isPresent(), body.containsKey("user_id") ? "user_id" : "email", "must name a registered user");
    checks.orThrow("The invitation has invalid fields");
    if (user.get().id().equals(currentUser.id())) {
      throw ApiException.invalid("You own this spreadsheet", List.of(ApiError.Detail.of("email", "is the owner's")));
    }
    String userId = user.get().id();
    if (collaborators.share(id, userId, role)) {
      shared.fire(new SheetShared(id, schema.name(), currentUser.id(), userId, role));
    }
    sheets.forgetRoles(id);
    return ApiResponse.of(JSON.createObjectBuilder().add("user_id", userId).add("email", user.get().email()).add("name", user.get().name()).add("role", role).build());
  }

  @DELETE
  @Path("/{id}/collaborators/{userId}")
  @Transactional
  @Operation(operationId = "unshareSpreadsheet", summary = "Stop sharing with someone (owner), or leave a shared spreadsheet (the collaborator)")
  @APIResponse(responseCode = "200", description = "No longer shared", content = @Content(schema = @Schema(implementation = SheetSchemas.UnsharedAnswer.class)))
  public ApiResponse<JsonObject> unshare(@PathParam("id") String id, @PathParam("userId") String userId) {
    sheets.open(id, currentUser.id().equals(userId) ? SheetRole.VIEWER : SheetRole.OWNER);
    boolean removed = collaborators.unshare(id, userId);
    sheets.forgetRoles(id);
    if (!removed) {
      throw ApiException.notFound("The collaborator");
    }
    return ApiResponse.of(JSON.createObjectBuilder().add("user_id", userId).add("removed", true).build());
  }

  // ------------------------------------------------------------------ public link

  @POST
  @Path("/{id}/public-link")
  @Transactional
  @Operation(operationId = "enablePublicLink", summary = "Turn on a read-only public link (owner); a new link replaces the old one")
  @APIResponse(responseCode = "200", description = "The link", content = @Content(schema = @Schema(implementation = SheetSchemas.PublicLinkAnswer.class)))
  public ApiResponse<JsonObject> enable(@PathParam("id") String id) {
    sheets.open(id, SheetRole.OWNER);
    String token = directory.enablePublicLink(id);
    return ApiResponse.of(JSON.createObjectBuilder().add("token", token).add("path", "/api/public/" + token).build());
  }

  @DELETE
  @Path("/{id}/public-link")
  @Transactional
  @Operation(operationId = "disablePublicLink", summary = "Turn the public link off (owner)")
  @APIResponse(responseCode = "200", description = "The link is off", content = @Content(schema = @Schema(implementation = SheetSchemas.PublicLinkOffAnswer.class)))
  public ApiResponse<JsonObject> disable(@PathParam("id") String id) {
    sheets.open(id, SheetRole.OWNER);
    directory.disablePublicLink(id);
    return ApiResponse.of(JSON.createObjectBuilder().add("public_link", false).build());
  }

  // ------------------------------------------------------------------ activity

  @GET
  @Path("/{id}/activity")
  @Operation(operationId = "listActivity", summary = "The audit log: who changed what, when, old and new values, newest first; row_id narrows it to one row's history")
  @APIResponse(responseCode = "200", description = "Newest first", content = @Content(schema = @Schema(implementation = SheetSchemas.ActivityPage.class)))
  public ApiResponse<List<JsonObject>> activity(
      @PathParam("id") String id, @QueryParam("page") String pageText, @QueryParam("limit") String limitText, @QueryParam("row_id") String rowId) {
    Paging paging = Paging.of(pageText, limitText, 50, 200);
    sheets.open(id, SheetRole.VIEWER);
    String row = rowId == null || rowId.isBlank() ? null : rowId.strip();
    List<JsonObject> entries = activity.page(id, row, paging.limit(), paging.offset());
    long total = activity.count(id, row);
    return ApiResponse.page(entries, paging.pagination(total));
  }

  // ------------------------------------------------------------------ helpers

  /** The columns of a new sheet; what is wrong with them goes to {@code problems}. */
  private List<Column> readColumns(JsonValue json, ColumnJson.Problems problems) {
    if (!(json instanceof JsonArray array) || array.isEmpty()) {
      problems.add("columns", "must be a non-empty array (or give \"template\": \"sales_pipeline\")");
      return List.of();
    }
    Map<String, ColumnId> ids = new HashMap<>();
    List<ColumnId> assigned = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject column = array.get(i) instanceof JsonObject o ? o : JSON.createObjectBuilder().build();
      String name = Optional.ofNullable(ColumnJson.string(column, "name")).orElse("column");
      String base = ColumnId.fromName(name).value();
      String candidate = base;
      for (int n = 2; ids.containsKey(candidate); n++) {
        candidate = base + "_" + n;
      }
      ColumnId id = ColumnId.of(candidate);
      ids.put(candidate, id);
      ids.put(name.strip().toLowerCase(Locale.ROOT), id);
      assigned.add(id);
    }
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject column = array.get(i) instanceof JsonObject o ? o : JSON.createObjectBuilder().build();
      Column read = ColumnJson.read(column, assigned.get(i), types.registry(), ids, "columns[" + i + "].", problems);
      if (read != null) {
        columns.add(read);
      }
    }
    return columns;
  }

  private Column readColumn(JsonObject json, ColumnId id, SheetSchema schema, String prefix) {
    Map<String, ColumnId> ids = new HashMap<>();
    for (Column c : schema.columns()) {
      ids.put(c.id().value(), c.id());
      ids.put(c.name().toLowerCase(Locale.ROOT), c.id());
    }
    ColumnJson.Problems problems = new ColumnJson.Problems();
    Column column = ColumnJson.read(json, id, types.registry(), ids, prefix, problems);
    if (column == null) {
      throw ApiException.invalid("The column is not valid", problems.details);
    }
    return column;
  }

  private static Column column(SheetSchema schema, String columnId) {
    try {
      return schema.column(ColumnId.of(columnId)).orElseThrow(() -> ApiException.notFound("The column"));
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("The column");
    }
  }

  private static JsonObject report(TypeChange change) {
    var failures = JSON.createArrayBuilder();
    change.failures().forEach(f -> failures.add(JSON.createObjectBuilder().add("row_id", f.row().value()).add("old_value", f.oldText()).add("code", f.code()).add("message", f.message())));
    var dropped = JSON.createArrayBuilder();
    change.droppedRules().forEach(r -> dropped.add(r.code()));
    return JSON.createObjectBuilder()
        .add("column_id", change.column().value())
        .add("from", change.from().id())
        .add("to", change.to().id())
        .add("converted", change.converted())
        .add("failures", failures)
        .add("dropped_rules", dropped)
        .add("applied", change.applied())
        .build();
  }
}
