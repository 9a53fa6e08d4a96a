package io.contrivance.server.io;

import io.contrivance.core.Sheet;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.server.auth.Authenticated;
import io.contrivance.server.sheet.RowPages;
import io.contrivance.server.sheet.SheetRole;
import io.contrivance.server.sheet.Sheets;
import io.contrivance.server.web.Checks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A sheet, or a view of it, as a CSV or XLSX file, streamed; anyone who can read the sheet. */
@Path("/spreadsheets/{id}/export")
@RequestScoped
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Import and export")
public class ExportResource {

  static final String CSV = "text/csv";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  @Inject Sheets sheets;
  @Inject RowPages rows;

  @GET
  @Produces({CSV, XLSX})
  @Operation(operationId = "exportSpreadsheet", summary = "The sheet's rows as a file: all of them, a saved view, or the given sort, filters, search and columns")
  @APIResponse(responseCode = "200", description = "The file", content = {@Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
  public Response export(
      @PathParam("id") String id,
      @QueryParam("format") @Parameter(description = "csv (default) or xlsx") String format,
      @QueryParam("view") @Parameter(description = "a saved view's id: its sort, filters, search and hidden columns") String viewId,
      @QueryParam("sort") @Parameter(description = "<column id or name>[:asc|desc]") String sort,
      @QueryParam("filter") @Parameter(description = "<column>:<op>:<value>, repeatable, as for rows") List<String> filters,
      @QueryParam("q") @Parameter(description = "quick search") String search,
      @QueryParam("columns") @Parameter(description = "the columns to export, in order: ids or names, comma-separated (default: all, or the view's shown ones)") String columnList,
      @QueryParam("bom") @Parameter(description = "true: start a CSV with a UTF-8 byte-order mark (for Excel)") String bom) {
    Sheet sheet = sheets.open(id, SheetRole.VIEWER);
    SheetSchema schema = sheet.schema();
    Checks checks = new Checks();
    String kind = format == null || format.isBlank() ? "csv" : format.strip().toLowerCase();
    checks.require(kind.equals("csv") || kind.equals("xlsx"), "format", "must be csv or xlsx");
    checks.require(bom == null || bom.equals("true") || bom.equals("false"), "bom", "must be true or false");
    RowPages.View view = new RowPages.View(sort, filters, search, List.of());
    if (viewId != null && !viewId.isBlank()) {
      Optional<RowPages.View> saved = rows.savedView(schema, viewId.strip());
      checks.require(saved.isPresent(), "view", "is not a saved view of this sheet");
      if (saved.isPresent()) {
        RowPages.View v = saved.get();
        view = new RowPages.View(sort != null ? sort : v.sort(), filters != null && !filters.isEmpty() ? filters : v.filters(), search != null ? search : v.search(), v.hidden());
      }
    }
    List<Column> columns = new ArrayList<>();
    if (columnList != null && !columnList.isBlank()) {
      for (String name : columnList.split(",")) {
        Optional<Column> column = schema.resolve(name.strip());
        checks.require(column.isPresent(), "columns", "'" + name.strip() + "' is not a column of this sheet");
        column.ifPresent(columns::add);
      }
    } else {
      List<String> hidden = view.hidden();
      schema.columns().stream().filter(c -> !hidden.contains(c.id().value())).forEach(columns::add);
    }
    checks.orThrow("The export has invalid parameters");
    RowPages.View chosen = view;
    rows.check(schema, chosen); // now, while a bad sort or filter can still get an error answer

    boolean excel = kind.equals("xlsx");
    StreamingOutput body =
        out -> {
          try (SheetExport writer = excel ? SheetExport.xlsx(out, schema.name(), columns) : SheetExport.csv(out, columns, "true".equals(bom))) {
            rows.forEach(sheet, chosen, writer);
          }
        };
    String file = schema.name().replaceAll("[\\\\/:*?\"<>|\\r\\n]", " ").strip() + (excel ? ".xlsx" : ".csv");
    return Response.ok(body, excel ? XLSX : CSV + "; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + file.replaceAll("[^\\x20-\\x7e]", "_") + "\"; filename*=UTF-8''" + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20"))
        .build();
  }
}
