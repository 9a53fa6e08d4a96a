package io.contrivance.bench;

import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ColumnTypes;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing throughput per column type, over a rotating set of typical inputs (single thread). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class ParsingBenchmark {

  @Param({"text", "number", "currency", "percent", "date", "datetime", "boolean", "select", "multi_select", "email", "url", "phone"})
  public String type;

  private ColumnType columnType;
  private String[] inputs;
  private int next;

  @Setup
  public void setUp() {
    switch (type) {
      case "text" -> set(ColumnTypes.text(), "Acme Corporation", "  Globex  ", "Initech GmbH", "Ünïcödé Ltd");
      case "number" -> set(ColumnTypes.number(), "1,234.50", "42", "-0.75", "1e6");
      case "currency" -> set(ColumnTypes.currency("USD"), "$1,234.50", "12000", "€5", "(250.00)");
      case "percent" -> set(ColumnTypes.percent(), "50%", "12.5", "100 %", "0.5%");
      case "date" -> set(ColumnTypes.date(), "2026-03-31", "2026-12-01", "Mar 31, 2026", "2024-02-29");
      case "datetime" -> set(ColumnTypes.dateTime(ZoneId.of("Europe/Paris")), "2026-03-31 14:30", "2026-03-31T09:15:00Z", "2026-01-02 08:00 America/New_York", "2026-07-04 23:59:59");
      case "boolean" -> set(ColumnTypes.bool(), "yes", "FALSE", "1", "checked");
      case "select" -> set(ColumnTypes.select("Lead", "Qualified", "Proposal", "Negotiation", "Closed-Won", "Closed-Lost"), "Lead", "proposal", "Closed-Won", "NEGOTIATION");
      case "multi_select" -> set(ColumnTypes.multiSelect("Hot", "Renewal", "Upsell", "Partner"), "Hot", "Hot, Renewal", "upsell; partner", "Partner");
      case "email" -> set(ColumnTypes.email(), "ada@example.com", "Grace.Hopper@Navy.MIL", "buyer+crm@sub.example.co.uk", "x@y.io");
      case "url" -> set(ColumnTypes.url(), "https://example.com", "example.com/pricing", "http://localhost:8080/a", "https://www.acme.example.com/x?y=1");
      case "phone" -> set(ColumnTypes.phone(), "+1 (555) 123-4567", "555-1234", "+44 20 7946 0958", "030 1234567 ext. 12");
      default -> throw new IllegalArgumentException(type);
    }
  }

  private void set(ColumnType t, String... samples) {
    columnType = t;
    inputs = samples;
    for (String sample : samples) {
      if (!t.parse(sample, TextFormat.ISO).isValid()) {
        throw new IllegalStateException(sample + " does not parse as " + t);
      }
    }
  }

  @Benchmark
  public ParseResult parse() {
    String input = inputs[next++ & 3];
    return columnType.parse(input, TextFormat.ISO);
  }
}
