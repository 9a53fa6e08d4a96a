package io.contrivance.server.sheet;

import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters of a page of rows, the same for a signed-in reader and a public link. */
public class RowPageParams {

  @QueryParam("sort")
  @Parameter(description = "<column id or name>[:asc|desc]")
  public String sort;

  @QueryParam("filter")
  @Parameter(description = "<column>:<eq|ne|lt|le|gt|ge|contains|empty|not_empty>:<value>, repeatable; values typed as in a cell")
  public List<String> filters;

  @QueryParam("q")
  @Parameter(description = "Quick search: rows with any cell containing the text, regardless of case")
  public String search;

  @QueryParam("cursor")
  @Parameter(description = "Start after the row that ended an earlier page (its next_cursor)")
  public String cursor;

  @QueryParam("offset")
  @Parameter(description = "Start at this row of the view (0 is the first); not with cursor")
  public String offset;

  @QueryParam("limit")
  @Parameter(description = "Rows in the page, 1 to 1000 (default 100)")
  public String limit;

  @QueryParam("total")
  @Parameter(description = "true: also count the rows of the view (pagination.total); counting a large filtered view reads all of it")
  public String total;
}
