package io.contrivance.server.io;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.TextFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes rows to a file format, one row at a time: {@link #csv} and {@link #xlsx}. The first line
 * (row) holds the column names; each cell is the column type's own text (CSV) or a typed cell
 * (XLSX), so that importing the file again reads the same values.
 */
abstract class SheetExport implements Consumer<Map<ColumnId, CellValue>>, AutoCloseable {

  final List<Column> columns;

  SheetExport(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  /** Ends the file (and flushes it); the stream stays the caller's. */
  @Override
  public abstract void close() throws IOException;

  /** RFC 4180: comma, CRLF, fields quoted where needed; UTF-8, after a byte-order mark if asked (Excel needs one to read UTF-8). */
  static SheetExport csv(OutputStream out, List<Column> columns, boolean byteOrderMark) throws IOException {
    if (byteOrderMark) {
      out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
    csv.writeRecord(columns.stream().map(Column::name).toList());
    return new SheetExport(columns) {
      @Override
      public void accept(Map<ColumnId, CellValue> row) {
        List<String> fields = new ArrayList<>(this.columns.size());
        for (Column column : this.columns) {
          CellValue value = row.getOrDefault(column.id(), CellValue.BLANK);
          fields.add(value instanceof CellValue.Blank ? "" : column.type().format(value, TextFormat.ISO));
        }
        csv.writeRecord(fields);
      }

      @Override
      public void close() throws IOException {
        csv.close();
      }
    };
  }

  /** One worksheet named for the sheet; numbers, amounts, percentages, dates and booleans as typed cells, rows flushed as they go. */
  static SheetExport xlsx(OutputStream out, String sheetName, List<Column> columns) {
    Workbook workbook = new Workbook(out, "Contrivance", "1.0");
    Worksheet worksheet = workbook.newWorksheet(worksheetName(sheetName));
    for (int c = 0; c < columns.size(); c++) {
      worksheet.value(0, c, columns.get(c).name());
      worksheet.style(0, c).bold().set();
    }
    return new SheetExport(columns) {
      private int row = 1;

      @Override
      public void accept(Map<ColumnId, CellValue> cells) {
        for (int c = 0; c < this.columns.size(); c++) {
          Column column = this.columns.get(c);
          CellValue value = cells.getOrDefault(column.id(), CellValue.BLANK);
          write(worksheet, row, c, column, value);
        }
        row++;
        if (row % 1_000 == 0) {
          try {
            worksheet.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }

      @Override
      public void close() throws IOException {
        workbook.finish();
      }
    };
  }

  private static void write(Worksheet sheet, int r, int c, Column column, CellValue value) {
    if (value instanceof CellValue.Blank) {
      return;
    } else if (value instanceof CellValue.Decimal decimal) {
      sheet.value(r, c, decimal.value());
    } else if (value instanceof CellValue.Money money) {
      sheet.value(r, c, money.amount());
      int digits = Math.max(0, money.currency().getDefaultFractionDigits());
      // Excel's currency tag, [$USD]: a quoted literal would need escaping that the writer does not do.
      sheet.style(r, c).format("#,##0" + (digits > 0 ? "." + "0".repeat(digits) : "") + " [$" + money.currency().getCurrencyCode() + "]").set();
    } else if (value instanceof CellValue.Percent percent) {
      sheet.value(r, c, percent.fraction());
      sheet.style(r, c).format("0.##%").set();
    } else if (value instanceof CellValue.Date date) {
      sheet.value(r, c, date.value());
      sheet.style(r, c).format("yyyy-mm-dd").set();
    } else if (value instanceof CellValue.DateTime moment) {
      sheet.value(r, c, moment.value());
      sheet.style(r, c).format("yyyy-mm-dd hh:mm").set();
    } else if (value instanceof CellValue.Bool bool) {
      sheet.value(r, c, bool.value());
    } else {
      sheet.value(r, c, column.type().format(value, TextFormat.ISO));
    }
  }

  /** Excel's rules: at most 31 characters, none of {@code [ ] : * ? / \}, not blank. */
  static String worksheetName(String name) {
    String cleaned = name.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
    if (cleaned.isEmpty()) {
      cleaned = "Sheet";
    }
    return cleaned.length() > 31 ? cleaned.substring(0, 31) : cleaned;
  }
}
