package io.contrivance.server.io;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The published shapes of imports: what {@code /openapi} shows. The resources write the JSON by hand (see {@link ImportService#answer}). */
public final class ImportSchemas {

  private ImportSchemas() {}

  @Schema(description = "A refused cell (column absent: the whole row)")
  public record ImportError(
      @Schema(required = true, description = "The row in the file, the header being row 1") long row,
      String column,
      @Schema(description = "The file's text for the cell") String value,
      @Schema(required = true) String reason) {}

  @Schema(description = "An import and its progress")
  public record Import(
      @Schema(required = true) String id,
      @Schema(required = true) String sheetId,
      @Schema(required = true, enumeration = {"running", "done", "failed", "cancelled", "undoing", "undone"}) String state,
      @Schema(required = true, enumeration = {"append", "upsert", "replace"}) String mode,
      @Schema(required = true, enumeration = {"skip", "abort"}) String onError,
      @Schema(required = true) boolean dryRun,
      String key,
      String fileName,
      @Schema(required = true) long fileBytes,
      @Schema(required = true) long bytesRead,
      @Schema(required = true) long rowsRead,
      @Schema(required = true, description = "Rows added or updated (in a dry run: that would be)") long rowsWritten,
      @Schema(required = true) long rowsAdded,
      @Schema(required = true) long rowsUpdated,
      @Schema(required = true, description = "Rows deleted before the file's rows were added (replace)") long rowsDeleted,
      @Schema(required = true, description = "File rows refused (each refused cell is in errors)") long rowsRefused,
      @Schema(description = "Rows read per second") Long rate,
      @Schema(description = "Share of the file read, 0 to 1 (CSV)") Double progress,
      @Schema(description = "Estimated seconds until the file is read (CSV)") Long secondsLeft,
      @Schema(description = "Why the import failed") String error,
      @Schema(required = true, description = "The first refused cells") List<ImportError> errors,
      @Schema(required = true, description = "Every refused cell as a CSV file") String errorsUrl,
      @Schema(required = true) String createdAt,
      String startedAt,
      String finishedAt) {}

  public record ImportList(@Schema(required = true) boolean success, @Schema(required = true) List<Import> data) {}

  public record ImportAnswer(@Schema(required = true) boolean success, @Schema(required = true) Import data) {}

  @Schema(description = "How the file was read")
  public record PreviewFile(
      @Schema(required = true, enumeration = {"csv", "xlsx"}) String format, String encoding, String delimiter, String worksheet, List<String> worksheets) {}

  @Schema(description = "A column of the file")
  public record PreviewColumn(
      @Schema(required = true) int index,
      @Schema(required = true) String header,
      @Schema(required = true, description = "The type its values suggest") String detectedType,
      @Schema(description = "The sheet column it goes to (null: skipped)") String columnId,
      String columnName,
      String columnType,
      @Schema(required = true) List<String> samples) {}

  @Schema(description = "A sheet column no file column fills")
  public record UnmappedColumn(@Schema(required = true) String id, @Schema(required = true) String name) {}

  @Schema(description = "What importing the file would do with its columns")
  public record Preview(
      @Schema(required = true) PreviewFile file,
      @Schema(required = true) List<PreviewColumn> columns,
      @Schema(required = true, description = "The first rows, as text") List<List<String>> sampleRows,
      @Schema(description = "File header → sheet column id (null: skipped), to send back as mapping") Map<String, String> mapping,
      List<UnmappedColumn> unmappedColumns) {}

  public record PreviewAnswer(@Schema(required = true) boolean success, @Schema(required = true) Preview data) {}
}
