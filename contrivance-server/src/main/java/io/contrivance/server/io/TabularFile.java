package io.contrivance.server.io;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.contrivance.core.type.CellValue;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * A file of rows, read one row at a time: a CSV file (FastCSV) or a worksheet of an XLSX workbook
 * (FastExcel's streaming reader). The first row is the header. Nothing holds more than the current
 * row, except what the XLSX format itself needs (its shared strings).
 */
abstract class TabularFile implements Closeable {

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /**
   * One cell as the file holds it: text to parse with the file's number and date conventions, or
   * (from a typed XLSX cell) a value, with its text in ISO form for columns of another kind.
   */
  record Cell(String text, CellValue typed) {
    static final Cell EMPTY = new Cell("", null);

    boolean isBlank() {
      return typed == null && text.isBlank();
    }
  }

  /** How to read the file; null fields are detected. */
  record Format(String kind, Charset charset, Character delimiter, String worksheet) {}

  /** What was detected (or chosen): for the preview. */
  record Detected(String kind, String encoding, String delimiter, String worksheet, List<String> worksheets) {}

  private List<String> header = List.of();
  private long row;

  List<String> header() {
    return header;
  }

  /** The row number of the last row {@link #next} returned, counting the header as row 1 (as spreadsheet apps show it). */
  long rowNumber() {
    return row;
  }

  /** The next row's cells (as many as the file has in that row), or null at the end. */
  final List<Cell> next() throws IOException {
    List<Cell> cells = read();
    if (cells != null) {
      row++;
    }
    return cells;
  }

  abstract List<Cell> read() throws IOException;

  abstract Detected detected();

  /** Reads the header row; a file without one has no columns. */
  final TabularFile start() throws IOException {
    List<Cell> first = next();
    header = first == null ? List.of() : first.stream().map(c -> c.text().strip()).toList();
    return this;
  }

  /**
   * Opens the file. {@code contentType} or the first bytes tell XLSX from CSV; for CSV the encoding
   * and the delimiter are detected from the first 64 KB unless chosen.
   */
  static TabularFile open(InputStream in, String contentType, Format format) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(1 << 16);
    byte[] sample = buffered.readNBytes(1 << 16);
    buffered.reset();
    boolean zip = sample.length >= 4 && sample[0] == 'P' && sample[1] == 'K' && sample[2] == 3 && sample[3] == 4;
    String kind = format.kind() != null ? format.kind() : zip || (contentType != null && contentType.startsWith(XLSX)) ? "xlsx" : "csv";
    if (kind.equals("xlsx")) {
      if (!zip) {
        throw new BadFile("The file is not an XLSX workbook");
      }
      return new Xlsx(buffered, format.worksheet()).start();
    }
    return Csv.open(buffered, sample, format).start();
  }

  /** The file cannot be read as what it claims to be; the message says why, for the user. */
  static final class BadFile extends IOException {
    BadFile(String message) {
      super(message);
    }
  }

  private static final class Csv extends TabularFile {
    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;
    private final Detected detected;

    private Csv(CsvReader<CsvRecord> reader, Detected detected) {
      this.reader = reader;
      this.records = reader.iterator();
      this.detected = detected;
    }

    static Csv open(BufferedInputStream in, byte[] sample, Format format) throws IOException {
      int bom = 0;
      Charset charset = format.charset();
      if (startsWith(sample, 0xEF, 0xBB, 0xBF)) {
        bom = 3;
        charset = charset == null ? StandardCharsets.UTF_8 : charset;
      } else if (startsWith(sample, 0xFF, 0xFE)) {
        bom = 2;
        charset = charset == null ? StandardCharsets.UTF_16LE : charset;
      } else if (startsWith(sample, 0xFE, 0xFF)) {
        bom = 2;
        charset = charset == null ? StandardCharsets.UTF_16BE : charset;
      }
      if (charset == null) {
        charset = guessCharset(sample);
      }
      in.skipNBytes(bom);
      String text = new String(sample, bom, sample.length - bom, charset);
      char delimiter = format.delimiter() != null ? format.delimiter() : guessDelimiter(text);
      CsvReader<CsvRecord> reader =
          CsvReader.builder()
              .fieldSeparator(delimiter)
              .skipEmptyLines(true)
              .allowExtraFields(true)
              .allowMissingFields(true)
              .allowExtraCharsAfterClosingQuote(true)
              .ofCsvRecord(new InputStreamReader(in, charset));
      String encoding = charset.name().equals("windows-1252") ? "windows-1252" : charset.name().toLowerCase(Locale.ROOT);
      return new Csv(reader, new Detected("csv", encoding, delimiter == '\t' ? "\\t" : String.valueOf(delimiter), null, List.of()));
    }

    @Override
    List<Cell> read() {
      try {
        if (!records.hasNext()) {
          return null;
        }
        List<String> fields = records.next().getFields();
        List<Cell> cells = new ArrayList<>(fields.size());
        for (String field : fields) {
          cells.add(field.isEmpty() ? Cell.EMPTY : new Cell(field, null));
        }
        return cells;
      } catch (UncheckedIOException e) {
        throw e;
      } catch (RuntimeException e) {
        // FastCSV refuses a field beyond its buffer (a quote never closed swallows the rest of the file).
        throw new UncheckedIOException(new BadFile("Row " + (rowNumber() + 1) + " cannot be read: " + e.getMessage()));
      }
    }

    @Override
    Detected detected() {
      return detected;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * UTF-8 if the sample is valid UTF-8 (a sequence cut at the sample's end is allowed), UTF-16 if
   * every other byte is zero (text of Latin letters without a byte-order mark), else Windows-1252,
   * what Excel on Windows writes.
   */
  static Charset guessCharset(byte[] sample) {
    int zerosEven = 0;
    int zerosOdd = 0;
    for (int i = 0; i < sample.length; i++) {
      if (sample[i] == 0) {
        if (i % 2 == 0) {
          zerosEven++;
        } else {
          zerosOdd++;
        }
      }
    }
    if (sample.length >= 4 && zerosOdd > sample.length / 4 && zerosEven == 0) {
      return StandardCharsets.UTF_16LE;
    }
    if (sample.length >= 4 && zerosEven > sample.length / 4 && zerosOdd == 0) {
      return StandardCharsets.UTF_16BE;
    }
    int end = sample.length;
    // Leave out a multi-byte sequence the sample may have cut.
    for (int back = 1; back <= 3 && end - back >= 0; back++) {
      int b = sample[end - back] & 0xFF;
      if (b >= 0xC0) {
        end -= back;
        break;
      }
      if (b < 0x80) {
        break;
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(sample, 0, end));
      return StandardCharsets.UTF_8;
    } catch (CharacterCodingException e) {
      return Charset.forName("windows-1252");
    }
  }

  /**
   * The candidate (comma, semicolon, tab, pipe) found the same number of times, outside quotes, on
   * most of the first lines, preferring the one found most often; a comma if none is.
   */
  static char guessDelimiter(String sample) {
    char[] candidates = {',', ';', '\t', '|'};
    List<int[]> lines = new ArrayList<>();
    int[] counts = new int[candidates.length];
    boolean quoted = false;
    for (int i = 0; i < sample.length() && lines.size() < 20; i++) {
      char c = sample.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        if (c == '\r' && i + 1 < sample.length() && sample.charAt(i + 1) == '\n') {
          i++;
        }
        lines.add(counts);
        counts = new int[candidates.length];
      } else if (!quoted) {
        for (int k = 0; k < candidates.length; k++) {
          if (c == candidates[k]) {
            counts[k]++;
          }
        }
      }
    }
    if (lines.isEmpty() || sample.length() < (1 << 16)) {
      lines.add(counts);
    }
    char best = ',';
    double bestScore = 0;
    for (int k = 0; k < candidates.length; k++) {
      int first = lines.get(0)[k];
      if (first == 0) {
        continue;
      }
      int same = 0;
      for (int[] line : lines) {
        same += line[k] == first ? 1 : 0;
      }
      double score = (double) same / lines.size() * 1000 + first;
      if (score > bestScore) {
        bestScore = score;
        best = candidates[k];
      }
    }
    return best;
  }

  private static final class Xlsx extends TabularFile {
    private static final Pattern DATE_FORMAT = Pattern.compile("(?i)(^|[^\\\\\"])[dmyhs]");
    private final Path file;
    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private final Detected detected;
    private int lastRow;
    private Row pending;

    Xlsx(InputStream in, String worksheet) throws IOException {
      // The reader needs random access to the archive: a temporary file, not the heap.
      file = Files.createTempFile("contrivance-import", ".xlsx");
      try {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        // With the cells' formats: they tell a date from a number, and name a currency.
        workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false));
        List<String> names = workbook.getSheets().map(Sheet::getName).toList();
        Optional<Sheet> chosen = worksheet == null || worksheet.isBlank() ? Optional.of(workbook.getFirstSheet()) : find(worksheet.strip());
        if (chosen.isEmpty()) {
          throw new BadFile("The workbook has no worksheet '" + worksheet + "'; it has " + String.join(", ", names));
        }
        stream = chosen.get().openStream();
        rows = stream.iterator();
        detected = new Detected("xlsx", null, null, chosen.get().getName(), names);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(file);
        if (e instanceof BadFile bad) {
          throw bad;
        }
        throw new BadFile("The file is not a readable XLSX workbook: " + e.getMessage());
      }
    }

    private Optional<Sheet> find(String worksheet) {
      Optional<Sheet> named = workbook.findSheet(worksheet);
      if (named.isPresent() || !worksheet.matches("\\d{1,3}")) {
        return named;
      }
      return workbook.getSheet(Integer.parseInt(worksheet) - 1);
    }

    /** Empty rows between rows are rows too, so that row numbers match what Excel shows; trailing ones end nowhere. */
    @Override
    List<Cell> read() throws IOException {
      try {
        if (pending == null) {
          if (!rows.hasNext()) {
            return null;
          }
          pending = rows.next();
        }
        if (pending.getRowNum() > lastRow + 1) {
          lastRow++;
          return List.of();
        }
        Row row = pending;
        pending = null;
        lastRow = row.getRowNum();
        List<Cell> cells = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
          cells.add(cell(row.getCell(i)));
        }
        return cells;
      } catch (RuntimeException e) {
        throw new BadFile("Row " + (lastRow + 1) + " of the workbook cannot be read: " + e.getMessage());
      }
    }

    private Cell cell(org.dhatim.fastexcel.reader.Cell cell) {
      if (cell == null) {
        return Cell.EMPTY;
      }
      String raw = cell.getRawValue();
      switch (cell.getType()) {
        case NUMBER:
          return number(cell, new BigDecimal(raw));
        case BOOLEAN:
          boolean value = "1".equals(raw) || "true".equalsIgnoreCase(raw);
          return new Cell(Boolean.toString(value), new CellValue.Bool(value));
        case FORMULA:
          // The value Excel cached when it last calculated; the formula itself is not evaluated.
          if (raw == null || raw.isEmpty()) {
            return Cell.EMPTY;
          }
          try {
            return number(cell, new BigDecimal(raw));
          } catch (NumberFormatException text) {
            return new Cell(raw, null);
          }
        case STRING:
          return cell.getValue() == null ? Cell.EMPTY : new Cell(cell.getValue().toString(), null);
        case EMPTY:
          return Cell.EMPTY;
        default:
          // An error cell (#DIV/0!): its text, which the column will refuse with a reason.
          return new Cell(raw == null ? "" : raw, null);
      }
    }

    private static Cell number(org.dhatim.fastexcel.reader.Cell cell, BigDecimal number) {
      String format = cell.getDataFormatString();
      Integer id = cell.getDataFormatId();
      boolean date = (id != null && ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))) || (format != null && DATE_FORMAT.matcher(format.replaceAll("\\[[^]]*]", "")).find());
      if (date) {
        LocalDateTime moment = cell.asDate();
        if (moment.toLocalTime().toSecondOfDay() == 0 && !hasTime(format)) {
          return new Cell(moment.toLocalDate().toString(), new CellValue.Date(moment.toLocalDate()));
        }
        return new Cell(moment.toString(), new CellValue.DateTime(moment.atZone(ZoneOffset.UTC)));
      }
      BigDecimal plain = number.stripTrailingZeros();
      if (plain.scale() < 0) {
        plain = plain.setScale(0);
      }
      if (format != null && format.contains("%")) {
        return new Cell(plain.movePointRight(2).stripTrailingZeros().toPlainString() + "%", new CellValue.Percent(plain));
      }
      String currency = currencyOf(format);
      if (currency != null) {
        return new Cell(plain.toPlainString() + " " + currency, null);
      }
      return new Cell(plain.toPlainString(), new CellValue.Decimal(plain));
    }

    private static boolean hasTime(String format) {
      return format != null && format.toLowerCase(Locale.ROOT).replaceAll("\\[[^]]*]", "").matches(".*[hs].*");
    }

    /** A currency code from Excel's currency tag ({@code [$USD]}, {@code [$€-407]} is left to the column). */
    private static String currencyOf(String format) {
      if (format == null) {
        return null;
      }
      var matcher = Pattern.compile("\\[\\$([A-Z]{3})\\]").matcher(format);
      return matcher.find() ? matcher.group(1) : null;
    }

    @Override
    Detected detected() {
      return detected;
    }

    @Override
    public void close() throws IOException {
      try {
        stream.close();
        workbook.close();
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }
}
