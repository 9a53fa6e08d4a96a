package io.contrivance.server.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The import's file reader: the CSV spectrum's corner cases, encodings, delimiters, and XLSX's typed cells. */
class TabularFileTest {

  private static final TabularFile.Format DETECT = new TabularFile.Format(null, null, null, null);

  private static List<List<String>> rows(TabularFile file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<TabularFile.Cell> row;
    while ((row = file.next()) != null) {
      rows.add(row.stream().map(TabularFile.Cell::text).toList());
    }
    return rows;
  }

  static Stream<String> spectrum() {
    return Stream.of(
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines", "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spectrum")
  void readsEveryCaseOfTheCsvSpectrum_asItsPublishedRecords(String name) throws IOException {
    List<Map<String, String>> expected = new ArrayList<>();
    try (InputStream json = getClass().getResourceAsStream("/csv-spectrum/json/" + name + ".json"); JsonReader reader = Json.createReader(json)) {
      for (JsonObject record : reader.readArray().getValuesAs(JsonObject.class)) {
        Map<String, String> values = new LinkedHashMap<>();
        record.forEach((k, v) -> values.put(k, record.getString(k)));
        expected.add(values);
      }
    }
    List<Map<String, String>> read = new ArrayList<>();
    try (InputStream csv = getClass().getResourceAsStream("/csv-spectrum/csvs/" + name + ".csv"); TabularFile file = TabularFile.open(csv, "text/csv", DETECT)) {
      for (List<String> row : rows(file)) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < file.header().size(); i++) {
          values.put(file.header().get(i), i < row.size() ? row.get(i) : "");
        }
        read.add(values);
      }
    }
    assertThat(read).isEqualTo(expected);
  }

  private static TabularFile csv(byte[] bytes) throws IOException {
    return TabularFile.open(new ByteArrayInputStream(bytes), null, DETECT);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void detectsTheEncoding_fromAByteOrderMark_orFromTheBytes() throws IOException {
    String text = "Company;Amount\nCafé Müller;1.234,56 €\n";
    record Case(byte[] bytes, String encoding) {}
    List<Case> cases =
        List.of(
            new Case(text.getBytes(StandardCharsets.UTF_8), "utf-8"),
            new Case(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8)), "utf-8"),
            new Case(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)), "utf-16le"),
            new Case(concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE)), "utf-16be"),
            new Case(text.getBytes(StandardCharsets.UTF_16LE), "utf-16le"),
            new Case(text.getBytes(Charset.forName("windows-1252")), "windows-1252"));
    for (Case c : cases) {
      try (TabularFile file = csv(c.bytes())) {
        assertThat(file.detected().encoding()).as(c.encoding()).isEqualTo(c.encoding());
        assertThat(file.header()).as(c.encoding()).containsExactly("Company", "Amount");
        assertThat(rows(file)).as(c.encoding()).containsExactly(List.of("Café Müller", "1.234,56 €"));
      }
    }
  }

  @Test
  void detectsTheDelimiter_ignoringTheOnesInsideQuotes() throws IOException {
    Map<String, String> files =
        Map.of(
            ",", "a,b,c\n\"x;y\",2,3\n",
            ";", "a;b;c\n\"x,y\";2,5;3\n",
            "\\t", "a\tb\tc\n\"x,y\"\t2\t3\n",
            "|", "a|b|c\nx, y|2|3\n");
    for (var entry : files.entrySet()) {
      try (TabularFile file = csv(entry.getValue().getBytes(StandardCharsets.UTF_8))) {
        assertThat(file.detected().delimiter()).isEqualTo(entry.getKey());
        assertThat(file.header()).containsExactly("a", "b", "c");
      }
    }
  }

  @Test
  void aChosenEncodingAndDelimiterOverrideDetection() throws IOException {
    byte[] bytes = "a:b\nÄ:1\n".getBytes(StandardCharsets.ISO_8859_1);
    try (TabularFile file = TabularFile.open(new ByteArrayInputStream(bytes), null, new TabularFile.Format("csv", StandardCharsets.ISO_8859_1, ':', null))) {
      assertThat(file.header()).containsExactly("a", "b");
      assertThat(rows(file)).containsExactly(List.of("Ä", "1"));
    }
  }

  @Test
  void countsRowsAsSpreadsheetAppsDo_theHeaderBeingRowOne_evenWithLineBreaksInsideFields() throws IOException {
    try (TabularFile file = csv("a,b\n\"one\ntwo\",1\nthree,2\n".getBytes(StandardCharsets.UTF_8))) {
      file.next();
      assertThat(file.rowNumber()).isEqualTo(2);
      file.next();
      assertThat(file.rowNumber()).isEqualTo(3);
    }
  }

  @Test
  void readsTheTypedCellsOfAnXlsxWorksheet_andEmptyRowsKeepTheirNumbers() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Workbook workbook = new Workbook(out, "test", "1.0");
    workbook.newWorksheet("Ignored");
    Worksheet sheet = workbook.newWorksheet("Deals");
    sheet.value(0, 0, "Company");
    sheet.value(0, 1, "Value");
    sheet.value(0, 2, "Close");
    sheet.value(0, 3, "Won");
    sheet.value(0, 4, "Share");
    sheet.value(1, 0, "Acme");
    sheet.value(1, 1, 1234.5);
    sheet.style(1, 1).format("#,##0.00 [$EUR]").set();
    sheet.value(1, 2, LocalDate.of(2026, 12, 31));
    sheet.style(1, 2).format("yyyy-mm-dd").set();
    sheet.value(1, 3, true);
    sheet.value(1, 4, 0.25);
    sheet.style(1, 4).format("0%").set();
    sheet.value(3, 0, "Globex");
    sheet.value(3, 1, 7);
    sheet.value(3, 2, LocalDateTime.of(2026, 1, 2, 13, 30));
    sheet.style(3, 2).format("yyyy-mm-dd hh:mm").set();
    workbook.finish();

    try (TabularFile file = TabularFile.open(new ByteArrayInputStream(out.toByteArray()), TabularFile.XLSX, new TabularFile.Format(null, null, null, "Deals"))) {
      assertThat(file.detected().worksheets()).containsExactly("Ignored", "Deals");
      assertThat(file.header()).containsExactly("Company", "Value", "Close", "Won", "Share");
      List<TabularFile.Cell> acme = file.next();
      assertThat(acme.get(1).text()).isEqualTo("1234.5 EUR");
      assertThat(acme.get(2).typed()).isEqualTo(new CellValue.Date(LocalDate.of(2026, 12, 31)));
      assertThat(acme.get(3).typed()).isEqualTo(CellValue.Bool.TRUE);
      assertThat(acme.get(4).typed()).isEqualTo(new CellValue.Percent(new BigDecimal("0.25")));
      assertThat(file.next()).isEmpty();
      List<TabularFile.Cell> globex = file.next();
      assertThat(file.rowNumber()).isEqualTo(4);
      assertThat(globex.get(1).typed()).isEqualTo(new CellValue.Decimal(new BigDecimal("7")));
      assertThat(globex.get(2).typed()).isInstanceOf(CellValue.DateTime.class);
      assertThat(file.next()).isNull();
    }
  }

  @Test
  void aFileThatIsNotAWorkbook_isRefusedWithAReason() {
    assertThatThrownBy(() -> TabularFile.open(new ByteArrayInputStream("a,b".getBytes(StandardCharsets.UTF_8)), null, new TabularFile.Format("xlsx", null, null, null)))
        .isInstanceOf(TabularFile.BadFile.class)
        .hasMessageContaining("not an XLSX");
  }

  @Test
  void valuesAreReadInTheFilesConventions() {
    TextFormat german = ImportOptions.format("de-DE").orElseThrow();
    assertThat(ImportValues.read(new TabularFile.Cell("1.234,56 €", null), ColumnTypes.currency("EUR"), german))
        .isEqualTo(ParseResult.valid(new CellValue.Money(new BigDecimal("1234.56"), java.util.Currency.getInstance("EUR"))));
    assertThat(ImportValues.read(new TabularFile.Cell("31.12.2026", null), ColumnTypes.date(), german)).isEqualTo(ParseResult.valid(new CellValue.Date(LocalDate.of(2026, 12, 31))));
    TextFormat us = ImportOptions.format("en-US").orElseThrow();
    assertThat(ImportValues.read(new TabularFile.Cell("12/31/2026", null), ColumnTypes.date(), us)).isEqualTo(ParseResult.valid(new CellValue.Date(LocalDate.of(2026, 12, 31))));
    assertThat(ImportValues.read(new TabularFile.Cell("31/12/2026", null), ColumnTypes.date(), us)).isInstanceOf(ParseResult.Invalid.class);
  }

  @Test
  void guessesColumnTypesFromSamples() {
    TextFormat iso = TextFormat.ISO;
    assertThat(ColumnGuess.guess(cells("1", "20", "300"), iso).id()).isEqualTo("number");
    assertThat(ColumnGuess.guess(cells("$1,200.00", "$5"), iso).id()).isEqualTo("currency");
    assertThat(ColumnGuess.guess(cells("2026-01-02", "2026-12-31"), iso).id()).isEqualTo("date");
    assertThat(ColumnGuess.guess(cells("yes", "no", "yes"), iso).id()).isEqualTo("boolean");
    assertThat(ColumnGuess.guess(cells("ada@example.com", "bob@example.org"), iso).id()).isEqualTo("email");
    assertThat(ColumnGuess.guess(cells("10%", "45%"), iso).id()).isEqualTo("percent");
    assertThat(ColumnGuess.guess(cells("Lead", "Qualified", "Lead", "Qualified", "Lead"), iso).id()).isEqualTo("select");
    assertThat(ColumnGuess.guess(cells("Acme", "Globex", "Initech"), iso).id()).isEqualTo("text");
  }

  private static List<TabularFile.Cell> cells(String... texts) {
    return Stream.of(texts).map(t -> new TabularFile.Cell(t, null)).toList();
  }
}
