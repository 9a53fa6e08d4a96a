package io.contrivance.server.sheet;

import io.contrivance.core.Sheet;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.server.auth.Public;
import io.contrivance.server.web.ApiException;
import io.contrivance.server.web.ApiResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Read-only public links: anyone with the link (a random, unguessable token the owner turns on or
 * off under /api/spreadsheets/{id}/public-link) reads the sheet and its rows without signing in, and
 * can change nothing.
 */
@Path("/public")
@Public
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public links")
public class PublicLinks {

  @Inject Sheets sheets;
  @Inject SheetViews views;
  @Inject SheetDirectory directory;
  @Inject RowPages pages;

  @GET
  @Path("/{token}")
  @Operation(operationId = "getPublicSpreadsheet", summary = "A spreadsheet shared by public link (no sign-in)")
  @APIResponse(responseCode = "200", description = "The spreadsheet", content = @Content(schema = @Schema(implementation = SheetSchemas.SpreadsheetAnswer.class)))
  public ApiResponse<JsonObject> sheet(@PathParam("token") String token) {
    return ApiResponse.of(views.sheet(shared(token), "public"));
  }

  @GET
  @Path("/{token}/rows")
  @Operation(operationId = "listPublicRows", summary = "Rows of a spreadsheet shared by public link, sorted and filtered as for members")
  @APIResponse(responseCode = "200", description = "A page of rows", content = @Content(schema = @Schema(implementation = SheetSchemas.RowPage.class)))
  public Response rows(
      @PathParam("token") String token, @BeanParam RowPageParams params) {
    Sheet sheet = shared(token);
    return pages.page(sheet, params);
  }

  private Sheet shared(String token) {
    if (token == null || token.length() > 64) {
      throw ApiException.notFound("The shared spreadsheet");
    }
    String id = directory.sheetOfPublicLink(token).orElseThrow(() -> ApiException.notFound("The shared spreadsheet"));
    return sheets.workbook().open(SheetId.of(id)).orElseThrow(() -> ApiException.notFound("The shared spreadsheet"));
  }
}
