package io.contrivance.server.io;

import io.contrivance.server.auth.Authenticated;
import io.contrivance.server.sheet.SheetRole;
import io.contrivance.server.sheet.Sheets;
import io.contrivance.server.web.ApiException;
import io.contrivance.server.web.ApiResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An import's progress, its report of refused rows, cancel and undo: for anyone who can see its sheet (cancel and undo: editors). */
@Path("/imports/{id}")
@RequestScoped
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Import and export")
public class ImportsResource {

  @Inject Imports imports;
  @Inject ImportService service;
  @Inject Sheets sheets;

  @PathParam("id")
  String id;

  private Imports.Import find(SheetRole needed) {
    Imports.Import imp = imports.find(id).orElseThrow(() -> ApiException.notFound("The import"));
    try {
      sheets.open(imp.sheetId(), needed);
    } catch (ApiException e) {
      if (e.status().getStatusCode() == 404) {
        throw ApiException.notFound("The import");
      }
      throw e;
    }
    return imp;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "getImport", summary = "An import: its state, progress (rows read, written, refused, rate, time left) and first refused cells")
  @APIResponse(responseCode = "200", description = "The import", content = @Content(schema = @Schema(implementation = ImportSchemas.ImportAnswer.class)))
  public ApiResponse<JsonObject> get() {
    return ApiResponse.of(service.answer(find(SheetRole.VIEWER)));
  }

  @GET
  @Path("/errors")
  @Produces("text/csv")
  @Operation(operationId = "getImportErrors", summary = "Every refused cell as CSV: row, column, value, reason")
  @APIResponse(responseCode = "200", description = "The report", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
  public Response errors() {
    Imports.Import imp = find(SheetRole.VIEWER);
    StreamingOutput body =
        out -> {
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer)) {
            csv.writeRecord("row", "column", "value", "reason");
            imports.refusals(imp.id(), r -> csv.writeRecord(Long.toString(r.row()), r.column() == null ? "" : r.column(), r.value() == null ? "" : r.value(), r.reason()));
          }
        };
    return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition", "attachment; filename=\"import-" + imp.id() + "-errors.csv\"").build();
  }

  @POST
  @Path("/cancel")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "cancelImport", summary = "Stop a running import; what it wrote is taken back (409 unless it is running)")
  @APIResponse(responseCode = "202", description = "Cancelling: the state becomes cancelled once what was written is taken back", content = @Content(schema = @Schema(implementation = ImportSchemas.ImportAnswer.class)))
  public Response cancel() {
    Imports.Import imp = find(SheetRole.EDITOR);
    if (!imports.requestCancel(imp.id())) {
      throw ApiException.conflict("import_not_running", "The import is " + imp.state() + ", not running");
    }
    return Response.accepted(ApiResponse.of(service.answer(imports.find(id).orElseThrow()))).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  @POST
  @Path("/undo")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "undoImport", summary = "Take a finished import back as one step: the rows it added are deleted, the rows it changed or deleted restored (409 unless it is done)")
  @APIResponse(responseCode = "202", description = "Undoing: the state becomes undone when finished", content = @Content(schema = @Schema(implementation = ImportSchemas.ImportAnswer.class)))
  public Response undo() {
    Imports.Import imp = find(SheetRole.EDITOR);
    if (!service.undo(imp)) {
      throw ApiException.conflict("import_not_undoable", imp.options().dryRun() ? "A dry run wrote nothing to undo" : "The import is " + imp.state() + "; only a finished import can be undone");
    }
    return Response.accepted(ApiResponse.of(service.answer(imports.find(id).orElseThrow()))).type(MediaType.APPLICATION_JSON_TYPE).build();
  }
}
