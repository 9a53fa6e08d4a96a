package io.contrivance.server.io;

import io.contrivance.core.Sheet;
import io.contrivance.server.auth.Authenticated;
import io.contrivance.server.auth.CurrentUser;
import io.contrivance.server.sheet.SheetRole;
import io.contrivance.server.sheet.Sheets;
import io.contrivance.server.web.ApiResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Importing a CSV or XLSX file into a sheet (editors and the owner). The file is the request body
 * ({@code text/csv} or the XLSX media type) with the options as query parameters, or a multipart
 * body whose {@code file} part is the file and whose other parts are the options.
 */
@Path("/spreadsheets/{id}/imports")
@RequestScoped
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Import and export")
public class SheetImportsResource {

  static final String OPTIONS =
      "Options (query parameters, or multipart fields beside file): mode=append|upsert|replace, key=<column> (upsert), "
          + "mapping={\"<file header>\":\"<column id or name>\"|null}, locale=<BCP 47 tag or ISO|US|UK|EUROPE>, on_error=skip|abort, dry_run=true, "
          + "format=csv|xlsx, encoding=<charset>, delimiter=<char or \\t>, worksheet=<name or 1-based number>.";

  @Inject Sheets sheets;
  @Inject ImportService service;
  @Inject Imports imports;
  @Inject CurrentUser currentUser;
  @Context HttpServletRequest http;
  @Context UriInfo uri;

  @PathParam("id")
  String sheetId;

  static Map<String, String> query(UriInfo uri) {
    Map<String, String> query = new HashMap<>();
    uri.getQueryParameters().forEach((k, v) -> query.put(k, v.get(0)));
    return query;
  }

  @POST
  @Consumes({"text/csv", TabularFile.XLSX, "multipart/form-data", MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "importIntoSpreadsheet", summary = "Import a file's rows into the sheet, as a job: 202 with the import to follow", description = OPTIONS + " The header Idempotency-Key makes a retried upload answer the first import instead of importing again.")
  @RequestBody(required = true, content = {@Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = TabularFile.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
  @APIResponse(responseCode = "202", description = "The import, started (or the one started earlier with this idempotency key)", content = @Content(schema = @Schema(implementation = ImportSchemas.ImportAnswer.class)))
  public Response start(@HeaderParam("Idempotency-Key") @Parameter(description = "a key of the client's choosing: the same key answers the same import") String idempotencyKey) throws IOException {
    Sheet sheet = sheets.open(sheetId, SheetRole.EDITOR);
    ImportService.Started started = service.start(sheet, currentUser.id(), ImportService.upload(http), query(uri), idempotencyKey);
    return Response.accepted(ApiResponse.of(service.answer(started.imp())))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Location", "/api/imports/" + started.imp().id())
        .header("Idempotent-Replayed", started.replayed() ? "true" : null)
        .build();
  }

  @POST
  @Path("/preview")
  @Consumes({"text/csv", TabularFile.XLSX, "multipart/form-data", MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "previewImport", summary = "How a file would be imported into the sheet: its columns, where each goes, detected types and the first rows", description = OPTIONS)
  @RequestBody(required = true, content = {@Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = TabularFile.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
  @APIResponse(responseCode = "200", description = "The preview", content = @Content(schema = @Schema(implementation = ImportSchemas.PreviewAnswer.class)))
  public ApiResponse<JsonObject> preview() throws IOException {
    Sheet sheet = sheets.open(sheetId, SheetRole.EDITOR);
    return ApiResponse.of(service.preview(sheet.schema(), ImportService.upload(http), query(uri)));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "listImports", summary = "The sheet's latest imports, newest first")
  @APIResponse(responseCode = "200", description = "Imports", content = @Content(schema = @Schema(implementation = ImportSchemas.ImportList.class)))
  public ApiResponse<List<JsonObject>> list() {
    sheets.open(sheetId, SheetRole.VIEWER);
    return ApiResponse.of(imports.ofSheet(sheetId, 20).stream().map(service::answer).toList());
  }
}
