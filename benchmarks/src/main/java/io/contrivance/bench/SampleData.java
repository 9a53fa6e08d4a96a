package io.contrivance.bench;

import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.Rule;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.Templates;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import io.contrivance.core.type.TextFormat;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Realistic sales-pipeline rows, generated from a seed so every run measures the same data. */
final class SampleData {

  static final String[] COMPANIES = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Tyrell", "Cyberdyne"};
  static final String[] OWNERS = {"Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov"};

  private SampleData() {}

  /** The 10-column sales pipeline template. */
  static SheetSchema pipeline() {
    return SheetSchema.of(SheetId.of("bench"), "Pipeline", Templates.salesPipeline());
  }

  /** The pipeline plus ten more columns of other types: 20 columns. */
  static SheetSchema wide() {
    List<Column> columns = new ArrayList<>(Templates.salesPipeline());
    columns.add(Column.builder("Seats", ColumnTypes.integer()).rule(Rule.min(CellValue.decimal("0"))).build());
    columns.add(Column.builder("Discount", ColumnTypes.percent()).build());
    columns.add(Column.builder("Created", ColumnTypes.date()).build());
    columns.add(Column.builder("Last Contact", ColumnTypes.dateTime(ZoneId.of("Europe/Berlin"))).build());
    columns.add(Column.builder("Strategic", ColumnTypes.bool()).build());
    columns.add(Column.builder("Region", ColumnTypes.select("EMEA", "AMER", "APAC")).build());
    columns.add(Column.builder("Tags", ColumnTypes.multiSelect("Hot", "Renewal", "Upsell", "Partner")).build());
    columns.add(Column.builder("Website", ColumnTypes.url()).build());
    columns.add(Column.builder("Phone", ColumnTypes.phone()).build());
    columns.add(Column.builder("Ticket", ColumnTypes.text()).rule(Rule.pattern("[A-Z]{3}-[0-9]{1,6}")).build());
    return SheetSchema.of(SheetId.of("wide"), "Wide", columns);
  }

  /** Text input for one row of the schema, as a person would type it. */
  static Map<String, String> text(SheetSchema schema, SplittableRandom random, int i) {
    Map<String, String> row = new HashMap<>();
    String company = COMPANIES[random.nextInt(COMPANIES.length)] + " " + i;
    row.put("Company", company);
    row.put("Contact", "Contact " + i);
    row.put("Email", "buyer" + i + "@" + COMPANIES[i % COMPANIES.length].toLowerCase(java.util.Locale.ROOT) + ".example.com");
    row.put("Deal Value", "$" + (1_000 + random.nextInt(500_000)) + "." + (10 + random.nextInt(90)));
    int stage = random.nextInt(Templates.STAGES.size());
    row.put("Stage", Templates.STAGES.get(stage));
    row.put("Probability", (stage * 20) + "%");
    row.put("Expected Close", "2026-" + (1 + random.nextInt(12)) + "-" + (1 + random.nextInt(28)));
    row.put("Owner", OWNERS[random.nextInt(OWNERS.length)]);
    row.put("Next Step", "Follow up on proposal " + i);
    row.put("Notes", "Met at the trade fair; interested in the enterprise plan. Budget approved for Q" + (1 + i % 4) + ".");
    if (schema.columns().size() > 10) {
      row.put("Seats", Integer.toString(5 + random.nextInt(5_000)));
      row.put("Discount", random.nextInt(30) + "%");
      row.put("Created", "2025-" + (1 + random.nextInt(12)) + "-" + (1 + random.nextInt(28)));
      row.put("Last Contact", "2026-03-" + (1 + random.nextInt(28)) + " " + random.nextInt(24) + ":" + (10 + random.nextInt(50)));
      row.put("Strategic", random.nextBoolean() ? "yes" : "no");
      row.put("Region", new String[] {"EMEA", "AMER", "APAC"}[random.nextInt(3)]);
      row.put("Tags", random.nextBoolean() ? "Hot, Renewal" : "Upsell");
      row.put("Website", "https://www." + COMPANIES[i % COMPANIES.length].toLowerCase(java.util.Locale.ROOT) + i + ".example.com/");
      row.put("Phone", "+1 (555) " + (100 + random.nextInt(900)) + "-" + (1000 + random.nextInt(9000)));
      row.put("Ticket", "CRM-" + random.nextInt(999_999));
    }
    return row;
  }

  /** Typed rows, parsed from {@link #text} with each column's type. */
  static List<Row> rows(SheetSchema schema, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Map<ColumnId, CellValue> cells = new HashMap<>();
      for (Map.Entry<String, String> e : text(schema, random, i).entrySet()) {
        Column column = schema.resolve(e.getKey()).orElseThrow();
        cells.put(column.id(), column.type().parse(e.getValue(), TextFormat.ISO).orElseThrow());
      }
      rows.add(Row.of(RowId.of("r" + i), (i + 1L) << 16, cells));
    }
    return rows;
  }
}
