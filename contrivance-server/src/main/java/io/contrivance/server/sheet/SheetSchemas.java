package io.contrivance.server.sheet;

import io.contrivance.server.web.ApiResponse.Pagination;
import io.contrivance.server.web.Deleted;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The published shapes of spreadsheets, columns, rows, views and sharing: what {@code /openapi}
 * shows and clients generate their models from.
 *
 * <p>The resources read bodies as JSON objects and check them by hand rather than binding these
 * records, for two reasons a binder cannot serve: every failing field is reported in one answer
 * (a binder stops at the first value of the wrong type), and a body may say one thing in more
 * than one accepted place (a select's options under {@code validation_rules}, {@code type_settings}
 * or beside the type). Rows are written straight from their stored JSON. The ITs read answers
 * through a client generated from these shapes, so a shape that drifts from the wire fails there.
 */
public final class SheetSchemas {

  private SheetSchemas() {}

  // ------------------------------------------------------------------ requests

  @Schema(description = "A new spreadsheet: columns of its own, or the sales pipeline template")
  public record NewSpreadsheet(
      @Schema(required = true, example = "Q1 Sales Pipeline") String name,
      @Schema(example = "Enterprise deals closing this quarter") String description,
      @Schema(description = "The columns, in order (unless template is given)") List<NewColumn> columns,
      @Schema(description = "Instead of columns: the built-in template", enumeration = {"sales_pipeline"}) String template,
      @Schema(description = "With the template: the deal value's ISO 4217 currency", example = "USD") String currency,
      @Schema(description = "How dates and numbers typed as text are read", enumeration = {"ISO", "US", "UK", "EUROPE"}) String textFormat) {}

  @Schema(description = "A column to add, or a column of a new spreadsheet")
  public record NewColumn(
      @Schema(required = true, example = "Deal Value") String name,
      @Schema(required = true, description = "A built-in type (text, number, currency, percent, date, datetime, boolean, select, multi_select, email, url, phone, rating) or one a plugin adds", example = "currency") String columnType,
      @Schema(description = "The type's settings, e.g. {\"currency\": \"USD\"} or {\"options\": [...]}") Map<String, Object> typeSettings,
      @Schema(description = "A select's options; may also be given in validation_rules or type_settings") List<String> options,
      @Schema(name = "is_required", description = "Whether every row must have a value") Boolean required,
      ValidationRules validationRules,
      @Schema(description = "Free-form settings for the UI, e.g. {\"width\": 200}") Map<String, Object> displayOptions,
      @Schema(description = "What happens when two people change the same cell at once", enumeration = {"last_writer_wins", "merge_sets", "flag_conflict"}) String concurrentEdits) {}

  @Schema(description = "A column's rules: each one present is checked on every write")
  public record ValidationRules(
      @Schema(description = "Least value: a number, an amount in the column's currency, or a date") Object min,
      @Schema(description = "Greatest value") Object max,
      Integer minLength,
      Integer maxLength,
      @Schema(description = "A regular expression the whole text must match") String pattern,
      @Schema(description = "No two rows may hold the same value") Boolean unique,
      @Schema(description = "A select's options") List<String> options,
      @Schema(description = "Required only when another column's value meets the condition") Condition requiredWhen) {}

  @Schema(description = "A condition on another column of the row")
  public record Condition(
      @Schema(required = true, description = "The column's id or name") String column,
      @Schema(required = true, enumeration = {"blank", "not_blank", "in", "not_in", "at_least", "at_most", "above", "below"}) String operator,
      List<String> values) {}

  @Schema(description = "Changes to a spreadsheet; absent fields stay as they are")
  public record SpreadsheetChange(String name, String description) {}

  @Schema(description = "Changes to a column; absent fields stay as they are")
  public record ColumnChange(
      String name,
      @Schema(name = "is_required") Boolean required,
      ValidationRules validationRules,
      Map<String, Object> displayOptions,
      @Schema(enumeration = {"last_writer_wins", "merge_sets", "flag_conflict"}) String concurrentEdits,
      @Schema(description = "A select's new options") List<String> options,
      @Schema(description = "The column's new place, 0 first") Integer position) {}

  @Schema(description = "A column's new type; its cells are converted")
  public record ColumnTypeChange(
      @Schema(required = true, example = "number") String columnType,
      Map<String, Object> typeSettings,
      List<String> options,
      @Schema(description = "What to do with cells that do not convert", enumeration = {"reject_if_lossy", "clear_unconvertible"}, defaultValue = "reject_if_lossy") String policy,
      @Schema(description = "true: report what would happen, change nothing", defaultValue = "false") Boolean preview) {}

  @Schema(description = "Someone to share with: a registered user's email or id")
  public record Invitation(
      @Schema(example = "ada@example.com") String email,
      String userId,
      @Schema(required = true, enumeration = {"viewer", "editor"}) String role) {}

  @Schema(description = "One row ({\"data\": {...}}) or a batch of up to 1,000 ({\"rows\": [{\"data\": {...}}]})")
  public record NewRows(
      @Schema(description = "The row's cells by column id or name", example = "{\"Company\": \"Acme\", \"Deal Value\": 30000, \"Stage\": \"Lead\"}") Map<String, Object> data,
      @Schema(description = "A batch, added all or nothing") List<RowCells> rows) {}

  @Schema(description = "A row's cells by column id or name")
  public record RowCells(@Schema(required = true) Map<String, Object> data) {}

  @Schema(description = "Cells to change; with version, a stale write answers 409 with the current row")
  public record RowChange(
      @Schema(required = true, description = "The cells to change by column id or name (null clears)") Map<String, Object> data,
      @Schema(description = "The version of the row the change was made to") Long version) {}

  @Schema(description = "Where a row goes in the sheet's order")
  public record RowMove(@Schema(required = true, description = "0 is the top", minimum = "0") Integer index) {}

  @Schema(description = "A saved view: a sort, filters, a search and hidden columns, as the rows endpoint takes them")
  public record SavedViewInput(
      @Schema(required = true, example = "Big deals") String name,
      @Schema(example = "deal_value:desc") String sort,
      @Schema(example = "[\"stage:eq:Proposal\"]") List<String> filters,
      @Schema(description = "Full-text search") String q,
      @Schema(description = "Ids of hidden columns") List<String> hidden) {}

  // ------------------------------------------------------------------ answers

  @Schema(description = "A spreadsheet with its columns and the caller's role")
  public record Spreadsheet(
      @Schema(required = true) String id,
      @Schema(required = true) String name,
      String description,
      String textFormat,
      @Schema(required = true, enumeration = {"owner", "editor", "viewer", "public"}) String role,
      String ownerId,
      @Schema(description = "Goes up by one with every change") long revision,
      String createdAt,
      String updatedAt,
      long rowCount,
      @Schema(description = "The read-only link, shown to the owner only", nullable = true) String publicLink,
      @Schema(required = true) List<ColumnView> columns) {}

  @Schema(description = "A column as stored: its stable id, type, settings and rules")
  public record ColumnView(
      @Schema(required = true, example = "deal_value") String id,
      @Schema(required = true) String name,
      @Schema(required = true) String columnType,
      Map<String, Object> typeSettings,
      @Schema(name = "is_required") boolean required,
      ValidationRules validationRules,
      Map<String, Object> displayOptions,
      String concurrentEdits) {}

  @Schema(description = "A row: cells by column id, with its version and authors")
  public record SheetRow(
      @Schema(required = true) String id,
      @Schema(description = "Its place in the sheet's order (sparse)") long position,
      @Schema(required = true, description = "Cells by column id; currency cells are {amount, currency}") Map<String, Object> data,
      @Schema(description = "Goes up by one with every change of the row") long version,
      @Schema(nullable = true) String createdBy,
      @Schema(nullable = true) String updatedBy,
      String createdAt,
      String updatedAt) {}

  @Schema(description = "What adding rows answers: the row's fields for one row, rows for a batch")
  public record RowOrBatch(
      String id,
      Long position,
      Map<String, Object> data,
      Long version,
      @Schema(nullable = true) String createdBy,
      @Schema(nullable = true) String updatedBy,
      String createdAt,
      String updatedAt,
      @Schema(description = "For a batch: the rows added, in sheet order") List<SheetRow> rows) {}

  @Schema(description = "Where a page of rows sits")
  public record RowPagination(
      int limit,
      @Schema(description = "Pass as cursor to read the next page; absent on the last page") String nextCursor,
      @Schema(description = "The rows of the view, when asked for with total=true") Long total,
      Integer offset) {}

  @Schema(description = "The conversion of a column's cells to a new type")
  public record TypeChangeReport(
      String columnId,
      String from,
      String to,
      @Schema(description = "Cells converted") int converted,
      @Schema(description = "Cells that did not convert") List<ConversionFailure> failures,
      @Schema(description = "Rules the new type cannot keep") List<String> droppedRules,
      @Schema(description = "false for a preview or a refused change") boolean applied) {}

  @Schema(description = "A cell that does not convert")
  public record ConversionFailure(String rowId, String oldValue, String code, String message) {}

  @Schema(description = "A person no longer shared with")
  public record Unshared(String userId, boolean removed) {}

  @Schema(description = "A read-only public link")
  public record PublicLink(String token, @Schema(example = "/api/public/lt9n2RiTtLY4rJxRnqmy5UmYOsXVuFQj") String path) {}

  @Schema(description = "The public link is off")
  public record PublicLinkOff(@Schema(description = "Always false: the link is off") boolean publicLink) {}

  @Schema(description = "One change in a spreadsheet's history")
  public record ActivityEntry(
      long id,
      String at,
      long revision,
      @Schema(enumeration = {"row_created", "cell_updated", "row_deleted", "row_moved", "schema_changed"}) String action,
      @Schema(nullable = true) String userId,
      @Schema(nullable = true) String userEmail,
      @Schema(nullable = true) String rowId,
      @Schema(nullable = true) String columnId,
      @Schema(nullable = true, description = "The value before: a cell, a row or a schema") Object oldValue,
      @Schema(nullable = true, description = "The value after") Object newValue) {}

  @Schema(description = "A saved view")
  public record SavedViewView(
      @Schema(required = true) String id,
      @Schema(required = true) String name,
      @Schema(nullable = true) String sort,
      List<String> filters,
      @Schema(nullable = true) String q,
      List<String> hidden,
      @Schema(nullable = true) String createdBy,
      String updatedAt) {}

  // ------------------------------------------------------------------ envelopes

  public record SpreadsheetAnswer(@Schema(required = true) boolean success, @Schema(required = true) Spreadsheet data) {}

  public record ColumnAnswer(@Schema(required = true) boolean success, @Schema(required = true) ColumnView data) {}

  public record TypeChangeAnswer(@Schema(required = true) boolean success, @Schema(required = true) TypeChangeReport data) {}

  public record RowAnswer(@Schema(required = true) boolean success, @Schema(required = true) SheetRow data) {}

  public record NewRowsAnswer(@Schema(required = true) boolean success, @Schema(required = true) RowOrBatch data) {}

  public record RowPage(@Schema(required = true) boolean success, @Schema(required = true) List<SheetRow> data, @Schema(required = true) RowPagination pagination) {}

  public record DeletedAnswer(@Schema(required = true) boolean success, @Schema(required = true) Deleted data) {}

  public record ShareAnswer(@Schema(required = true) boolean success, @Schema(required = true) Collaborators.Collaborator data) {}

  public record UnsharedAnswer(@Schema(required = true) boolean success, @Schema(required = true) Unshared data) {}

  public record PublicLinkAnswer(@Schema(required = true) boolean success, @Schema(required = true) PublicLink data) {}

  public record PublicLinkOffAnswer(@Schema(required = true) boolean success, @Schema(required = true) PublicLinkOff data) {}

  public record ActivityPage(@Schema(required = true) boolean success, @Schema(required = true) List<ActivityEntry> data, Pagination pagination) {}

  public record SavedViewAnswer(@Schema(required = true) boolean success, @Schema(required = true) SavedViewView data) {}

  public record SavedViewList(@Schema(required = true) boolean success, @Schema(required = true) List<SavedViewView> data) {}
}
