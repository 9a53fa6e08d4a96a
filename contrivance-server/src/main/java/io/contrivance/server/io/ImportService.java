package io.contrivance.server.io;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.Sheet;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.TextFormat;
import io.contrivance.server.bootstrap.Database;
import io.contrivance.server.job.JobQueue;
import io.contrivance.server.job.JobRequest;
import io.contrivance.server.job.Jobs;
import io.contrivance.server.sheet.Sheets;
import io.contrivance.server.web.ApiError;
import io.contrivance.server.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * Starting imports (the upload stored with its import and job in one transaction), previews, and
 * the answers that describe an import. The work itself is {@link ImportJobs}.
 */
@ApplicationScoped
public class ImportService {

  /** Largest file accepted: a few million rows of a wide sheet. */
  static final long MAX_BYTES = 2L << 30;
  static final int PREVIEW_ROWS = 20;
  static final int GUESS_ROWS = 500;

  @Inject Database db;
  @Inject Imports imports;
  @Inject Jobs jobs;
  @Inject Sheets sheets;
  @Inject Clock clock;

  /** A file as the request carries it: its bytes, media type and name, and the multipart fields beside it. */
  interface Upload {
    /** Calls the consumer with the file; returns the fields (all of them, once the file has been read). */
    Map<String, String> read(FileConsumer consumer) throws IOException;
  }

  @FunctionalInterface
  interface FileConsumer {
    void accept(InputStream in, String contentType, String fileName) throws IOException;
  }

  /** The request's body as the file, or its multipart {@code file} part with the other parts as fields. */
  static Upload upload(HttpServletRequest request) {
    String contentType = request.getContentType();
    if (request.getContentLengthLong() > MAX_BYTES) {
      throw tooLarge();
    }
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return consumer -> {
        Map<String, String> fields = new HashMap<>();
        boolean file = false;
        try {
          JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
          upload.setSizeMax(MAX_BYTES);
          FileItemInputIterator parts = upload.getItemIterator(request);
          while (parts.hasNext()) {
            FileItemInput part = parts.next();
            if (part.getFieldName().equals("file") && !file) {
              file = true;
              consumer.accept(part.getInputStream(), part.getContentType(), part.getName());
            } else if (part.isFormField()) {
              fields.put(part.getFieldName(), new String(part.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8));
            }
          }
        } catch (FileUploadException e) {
          throw new ApiException(Response.Status.BAD_REQUEST, "invalid_upload", "The multipart body cannot be read: " + e.getMessage(), List.of());
        }
        if (!file) {
          throw ApiException.invalid("The file is missing", List.of(ApiError.Detail.of("file", "a multipart body needs a part named file")));
        }
        return fields;
      };
    }
    return consumer -> {
      consumer.accept(request.getInputStream(), contentType, fileName(request.getHeader("Content-Disposition")));
      return Map.of();
    };
  }

  private static String fileName(String disposition) {
    if (disposition == null) {
      return null;
    }
    var m = java.util.regex.Pattern.compile("filename=\"?([^\";]+)\"?").matcher(disposition);
    return m.find() ? m.group(1) : null;
  }

  static ApiException tooLarge() {
    return new ApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "file_too_large", "A file to import may be at most " + (MAX_BYTES >> 20) + " MB", List.of());
  }

  /** What {@link #start} answers: the import, and whether it is one started earlier with the same idempotency key. */
  record Started(Imports.Import imp, boolean replayed) {}

  /**
   * Stores the upload and starts its import on the sheet, by the current user: the import, its file
   * and its job are one transaction, so a failed upload leaves nothing. With an idempotency key
   * already used by this user on this sheet, nothing new is stored and the first import is answered.
   */
  Started start(Sheet sheet, String userId, Upload upload, Map<String, String> query, String idempotencyKey) throws IOException {
    String sheetId = sheet.id().value();
    String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
    if (key != null && key.length() > 200) {
      throw ApiException.invalid("The idempotency key is too long", List.of(ApiError.Detail.of("Idempotency-Key", "must be at most 200 characters")));
    }
    if (key != null) {
      var earlier = imports.byIdempotencyKey(sheetId, userId, key);
      if (earlier.isPresent()) {
        return new Started(earlier.get(), true);
      }
    }
    // Options given as query parameters are checked before the file is read.
    if (!query.isEmpty()) {
      ImportOptions.parse(query).checkAgainst(sheet.schema());
    }
    String id = UUID.randomUUID().toString();
    String jobId;
    try (Connection connection = db.direct().getConnection()) {
      connection.setAutoCommit(false);
      try {
        String[] name = new String[1];
        Map<String, String> fields =
            upload.read(
                (in, contentType, fileName) -> {
                  name[0] = fileName;
                  try {
                    long size = Imports.storeFile(connection, id, limited(in));
                    if (size == 0) {
                      throw ApiException.invalid("The file is empty", List.of(ApiError.Detail.of("file", "has no bytes")));
                    }
                  } catch (SQLException e) {
                    throw new IllegalStateException("could not store the upload", e);
                  }
                });
        Map<String, String> all = new HashMap<>(fields);
        all.putAll(query);
        ImportOptions options = ImportOptions.parse(all);
        options.checkAgainst(sheet.schema());
        Imports.insert(connection, id, sheetId, userId, options, name[0] == null ? null : name[0].length() > 300 ? name[0].substring(0, 300) : name[0], key, clock.instant());
        jobId = JobQueue.enqueue(connection, JobRequest.of(ImportJobs.RUN, ImportJobs.payload(id)).attempts(20));
        Imports.setJob(connection, id, jobId);
        connection.commit();
      } catch (SQLException | IOException | RuntimeException e) {
        connection.rollback();
        if (key != null && e instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
          return new Started(imports.byIdempotencyKey(sheetId, userId, key).orElseThrow(), true);
        }
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the upload", e);
    }
    jobs.wake();
    return new Started(imports.find(id).orElseThrow(), false);
  }

  private static InputStream limited(InputStream in) {
    return new java.io.FilterInputStream(in) {
      long total;

      @Override
      public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        count(Math.max(0, n));
        return n;
      }

      private void count(long n) {
        total += n;
        if (total > MAX_BYTES) {
          throw tooLarge();
        }
      }
    };
  }

  /**
   * A new sheet from a file: its columns named by the file's header and typed by a sample of its
   * rows, then the file imported into it. The upload is spooled to a temporary file, read once for
   * the columns and once for the rows.
   */
  Started startNewSheet(String userId, Upload upload, Map<String, String> query, String idempotencyKey) throws IOException {
    Path spool = Files.createTempFile("contrivance-upload", ".bin");
    try {
      String[] meta = new String[2];
      Map<String, String> fields =
          upload.read(
              (in, contentType, fileName) -> {
                Files.copy(limited(in), spool, StandardCopyOption.REPLACE_EXISTING);
                meta[0] = contentType;
                meta[1] = fileName;
              });
      Map<String, String> all = new HashMap<>(fields);
      all.putAll(query);
      ImportOptions options = ImportOptions.parse(all);
      if (!options.mode().equals(ImportOptions.APPEND) || options.key() != null) {
        throw ApiException.invalid("A new sheet is always appended to", List.of(ApiError.Detail.of("mode", "must be append (or left out) for a new sheet")));
      }
      if (Files.size(spool) == 0) {
        throw ApiException.invalid("The file is empty", List.of(ApiError.Detail.of("file", "has no bytes")));
      }
      TextFormat format = options.locale() == null ? TextFormat.ISO : ImportOptions.format(options.locale()).orElse(TextFormat.ISO);
      List<Column> columns;
      try (InputStream in = Files.newInputStream(spool)) {
        Sampled sampled = sample(in, meta[0], options, GUESS_ROWS);
        columns = newColumns(sampled, format);
      }
      if (columns.isEmpty()) {
        throw ApiException.invalid("The file has no header row", List.of(ApiError.Detail.of("file", "needs a first row naming its columns")));
      }
      String name = options.name() != null ? options.name() : meta[1] != null ? meta[1].replaceAll("\\.[A-Za-z0-9]{1,5}$", "").strip() : "Imported";
      Sheet sheet = sheets.workbook().create(name.isEmpty() ? "Imported" : name.length() > 200 ? name.substring(0, 200) : name, "", columns, format, Origin.user(userId));
      Map<String, String> forImport = new HashMap<>(all);
      forImport.remove("name");
      try (InputStream in = Files.newInputStream(spool)) {
        return start(sheet.as(Origin.user(userId)), userId, consumer -> {
          consumer.accept(in, meta[0], meta[1]);
          return Map.of();
        }, forImport, idempotencyKey);
      } catch (RuntimeException | IOException e) {
        sheets.workbook().delete(sheet.id());
        throw e;
      }
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  /** The columns of a new sheet: one per named header, typed by the sample. */
  private static List<Column> newColumns(Sampled sampled, TextFormat format) {
    List<Column> columns = new ArrayList<>();
    var names = new java.util.HashSet<String>();
    for (int i = 0; i < sampled.header().size(); i++) {
      String header = sampled.header().get(i);
      String name = header.isBlank() ? "Column " + (i + 1) : header.length() > Column.MAX_NAME_LENGTH ? header.substring(0, Column.MAX_NAME_LENGTH) : header;
      while (!names.add(name.toLowerCase(Locale.ROOT))) {
        name = name + " (" + (i + 1) + ")";
      }
      columns.add(Column.builder(name, ColumnGuess.guess(sampled.column(i), format)).build());
    }
    return columns;
  }

  /** The header and first rows of a file. */
  record Sampled(TabularFile.Detected detected, List<String> header, List<List<TabularFile.Cell>> rows) {
    List<TabularFile.Cell> column(int index) {
      return rows.stream().map(r -> index < r.size() ? r.get(index) : TabularFile.Cell.EMPTY).toList();
    }
  }

  static Sampled sample(InputStream in, String contentType, ImportOptions options, int most) throws IOException {
    try (TabularFile file = TabularFile.open(in, contentType, options.fileFormat())) {
      List<List<TabularFile.Cell>> rows = new ArrayList<>();
      List<TabularFile.Cell> row;
      while (rows.size() < most && (row = file.next()) != null) {
        rows.add(row);
      }
      return new Sampled(file.detected(), file.header(), rows);
    } catch (TabularFile.BadFile e) {
      throw ApiException.invalid("The file cannot be read", List.of(ApiError.Detail.of("file", e.getMessage())));
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof TabularFile.BadFile bad) {
        throw ApiException.invalid("The file cannot be read", List.of(ApiError.Detail.of("file", bad.getMessage())));
      }
      throw e;
    }
  }

  /**
   * What importing the file would do with its columns: how it was read (format, encoding,
   * delimiter, worksheets), each file column with the sheet column it goes to (or, without a
   * sheet, the type it would get) and sample values, and the first rows.
   */
  JsonObject preview(SheetSchema schema, Upload upload, Map<String, String> query) throws IOException {
    Object[] result = new Object[1];
    Map<String, String> fields =
        upload.read(
            (in, contentType, fileName) -> {
              Map<String, String> options = new HashMap<>(query);
              result[0] = sample(in, contentType, ImportOptions.parse(options), GUESS_ROWS);
            });
    Map<String, String> all = new HashMap<>(fields);
    all.putAll(query);
    ImportOptions options = ImportOptions.parse(all);
    if (schema != null) {
      options.checkAgainst(schema);
    }
    Sampled sampled = (Sampled) result[0];
    TextFormat format = schema == null ? ImportOptions.format(options.locale() == null ? "ISO" : options.locale()).orElse(TextFormat.ISO) : options.textFormat(schema);
    List<Column> targets = schema == null ? List.of() : ImportValues.targets(sampled.header(), schema, options.mapping());
    JsonArrayBuilder columns = JSON.createArrayBuilder();
    JsonObjectBuilder mapping = JSON.createObjectBuilder();
    for (int i = 0; i < sampled.header().size(); i++) {
      String header = sampled.header().get(i);
      JsonObjectBuilder column = JSON.createObjectBuilder().add("index", i).add("header", header);
      List<TabularFile.Cell> cells = sampled.column(i);
      ColumnType guessed = ColumnGuess.guess(cells, format);
      column.add("detected_type", guessed.id());
      if (schema != null) {
        Column target = targets.get(i);
        if (target == null) {
          column.addNull("column_id").addNull("column_name");
          mapping.addNull(header);
        } else {
          column.add("column_id", target.id().value()).add("column_name", target.name()).add("column_type", target.type().id());
          mapping.add(header, target.id().value());
        }
      }
      JsonArrayBuilder samples = JSON.createArrayBuilder();
      cells.stream().filter(c -> !c.isBlank()).limit(5).forEach(c -> samples.add(c.text()));
      column.add("samples", samples);
      columns.add(column);
    }
    JsonArrayBuilder rows = JSON.createArrayBuilder();
    for (List<TabularFile.Cell> row : sampled.rows().subList(0, Math.min(PREVIEW_ROWS, sampled.rows().size()))) {
      JsonArrayBuilder cells = JSON.createArrayBuilder();
      row.forEach(c -> cells.add(c.text()));
      rows.add(cells);
    }
    TabularFile.Detected d = sampled.detected();
    JsonObjectBuilder file = JSON.createObjectBuilder().add("format", d.kind());
    if (d.encoding() != null) {
      file.add("encoding", d.encoding()).add("delimiter", d.delimiter());
    }
    if (d.worksheet() != null) {
      file.add("worksheet", d.worksheet()).add("worksheets", JSON.createArrayBuilder(d.worksheets()));
    }
    JsonObjectBuilder answer = JSON.createObjectBuilder().add("file", file).add("columns", columns).add("sample_rows", rows);
    if (schema != null) {
      answer.add("mapping", mapping);
      JsonArrayBuilder unfilled = JSON.createArrayBuilder();
      schema.columns().stream().filter(c -> targets.stream().noneMatch(t -> t != null && t.id().equals(c.id()))).forEach(c -> unfilled.add(JSON.createObjectBuilder().add("id", c.id().value()).add("name", c.name())));
      answer.add("unmapped_columns", unfilled);
    }
    return answer.build();
  }

  /** Starts undoing a finished import (as a job: it may have written a million rows); false unless it is done. */
  boolean undo(Imports.Import imp) {
    if (imp.options().dryRun()) {
      return false;
    }
    boolean started =
        db.inTransaction(
            connection -> {
              if (!Imports.startUndo(connection, imp.id())) {
                return false;
              }
              JobQueue.enqueue(connection, JobRequest.of(ImportJobs.UNDO, ImportJobs.payload(imp.id())).attempts(20));
              return true;
            });
    if (started) {
      jobs.wake();
    }
    return started;
  }

  /** An import as the API shows it. */
  JsonObject answer(Imports.Import imp) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("id", imp.id())
            .add("sheet_id", imp.sheetId())
            .add("state", imp.state())
            .add("mode", imp.options().mode())
            .add("on_error", imp.options().onError())
            .add("dry_run", imp.options().dryRun())
            .add("file_bytes", imp.fileBytes())
            .add("bytes_read", imp.bytesRead())
            .add("rows_read", imp.rowsRead())
            .add("rows_written", imp.rowsWritten())
            .add("rows_added", imp.rowsAdded())
            .add("rows_updated", imp.rowsUpdated())
            .add("rows_deleted", imp.rowsDeleted())
            .add("rows_refused", imp.rowsRefused())
            .add("errors_url", "/api/imports/" + imp.id() + "/errors")
            .add("created_at", imp.createdAt().toString());
    if (imp.fileName() != null) {
      json.add("file_name", imp.fileName());
    }
    if (imp.options().key() != null) {
      json.add("key", imp.options().key());
    }
    if (imp.error() != null) {
      json.add("error", imp.error());
    }
    if (imp.startedAt() != null) {
      json.add("started_at", imp.startedAt().toString());
      Instant end = imp.finishedAt() != null ? imp.finishedAt() : clock.instant();
      double seconds = Math.max(0.001, Duration.between(imp.startedAt(), end).toMillis() / 1000.0);
      json.add("rate", Math.round(imp.rowsRead() / seconds));
      boolean csv = imp.bytesRead() > 0 && imp.fileBytes() > 0;
      if (csv) {
        double done = Math.min(1.0, (double) imp.bytesRead() / imp.fileBytes());
        json.add("progress", imp.state().equals("running") ? Math.round(done * 1000) / 1000.0 : 1.0);
        if (imp.state().equals("running") && done > 0.001) {
          json.add("seconds_left", Math.round(seconds * (1 - done) / done));
        }
      }
    }
    if (imp.finishedAt() != null) {
      json.add("finished_at", imp.finishedAt().toString());
    }
    JsonArrayBuilder errors = JSON.createArrayBuilder();
    for (Imports.Refusal r : imports.firstRefusals(imp.id(), 20)) {
      JsonObjectBuilder e = JSON.createObjectBuilder().add("row", r.row()).add("reason", r.reason());
      if (r.column() != null) {
        e.add("column", r.column());
      }
      if (r.value() != null) {
        e.add("value", r.value());
      }
      errors.add(e);
    }
    json.add("errors", errors);
    return json.build();
  }
}
