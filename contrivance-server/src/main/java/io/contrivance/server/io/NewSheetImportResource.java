package io.contrivance.server.io;

import io.contrivance.server.auth.Authenticated;
import io.contrivance.server.auth.CurrentUser;
import io.contrivance.server.web.ApiResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A new sheet from a file: its columns named by the header and typed by the first rows, owned by the caller. */
@Path("/spreadsheets/imports")
@RequestScoped
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Import and export")
public class NewSheetImportResource {

  @Inject ImportService service;
  @Inject CurrentUser currentUser;
  @Context HttpServletRequest http;
  @Context UriInfo uri;

  @POST
  @Consumes({"text/csv", TabularFile.XLSX, "multipart/form-data", MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "importAsNewSpreadsheet", summary = "Create a sheet from a file and import its rows, as a job: 202 with the import (sheet_id is the new sheet)", description = "name=<sheet name> (default: the file's name), locale, on_error, format, encoding, delimiter, worksheet as for an import.")
  @RequestBody(required = true, content = {@Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = TabularFile.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
  @APIResponse(responseCode = "202", description = "The import into the new sheet", content = @Content(schema = @Schema(implementation = ImportSchemas.ImportAnswer.class)))
  public Response start(@HeaderParam("Idempotency-Key") String idempotencyKey) throws IOException {
    ImportService.Started started = service.startNewSheet(currentUser.id(), ImportService.upload(http), SheetImportsResource.query(uri), idempotencyKey);
    return Response.accepted(ApiResponse.of(service.answer(started.imp()))).type(MediaType.APPLICATION_JSON_TYPE).header("Location", "/api/imports/" + started.imp().id()).build();
  }

  @POST
  @Path("/preview")
  @Consumes({"text/csv", TabularFile.XLSX, "multipart/form-data", MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "previewNewSpreadsheetImport", summary = "The columns and types a sheet made from the file would have, and its first rows")
  @RequestBody(required = true, content = {@Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = TabularFile.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
  @APIResponse(responseCode = "200", description = "The preview", content = @Content(schema = @Schema(implementation = ImportSchemas.PreviewAnswer.class)))
  public ApiResponse<JsonObject> preview() throws IOException {
    return ApiResponse.of(service.preview(null, ImportService.upload(http), SheetImportsResource.query(uri)));
  }
}
