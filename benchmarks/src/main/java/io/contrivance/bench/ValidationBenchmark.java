package io.contrivance.bench;

import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.sheet.SheetValidator;
import io.contrivance.core.sheet.ValidationReport;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validating a whole 1,000,000-row × 10-column sales pipeline (every type check, bound, cross-field
 * rule), single-threaded. Aim: under 1 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:ActiveProcessorCount=1"})
public class ValidationBenchmark {

  private SheetValidator validator;
  private List<Row> rows;

  @Setup
  public void setUp() {
    SheetSchema schema = SampleData.pipeline();
    validator = SheetValidator.of(schema);
    rows = SampleData.rows(schema, 1_000_000, 42);
    ValidationReport report = validator.validate(rows);
    if (report.rowsChecked() != 1_000_000) {
      throw new IllegalStateException("checked " + report.rowsChecked());
    }
  }

  @Benchmark
  public ValidationReport validateMillionRows() {
    return validator.validate(rows);
  }
}
