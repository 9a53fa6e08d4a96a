package io.contrivance.bench;

import io.contrivance.core.Sheet;
import io.contrivance.core.Workbook;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.Templates;
import io.contrivance.core.type.CellValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The collaboration engine without a database: edits per second through the sequencer (decide,
 * validate, commit to the in-memory store, publish the event) on a 10,000-row sales pipeline.
 *
 * <ul>
 *   <li>{@code setCell}: one cell of a random row, against the current revision;
 *   <li>{@code setCellFromOldRevision}: the same, made against a revision 50 edits old, so that
 *       the engine checks what others changed since (the concurrent-edit policy path);
 *   <li>{@code setCellFourThreads}: four threads editing one sheet (they share its order).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class EngineBenchmark {

  private static final ColumnId NEXT_STEP = ColumnId.of("next_step");
  private static final ColumnId DEAL_VALUE = ColumnId.of("deal_value");

  private Sheet sheet;
  private Sheet ann;
  private List<RowId> rows;
  private long counter;

  @Setup
  public void setUp() {
    Workbook workbook = Workbook.inMemory();
    sheet = workbook.createFromTemplate(Templates.SALES_PIPELINE, "Bench");
    var values = new ArrayList<Map<ColumnId, CellValue>>();
    for (int i = 0; i < 10_000; i++) {
      values.add(Map.of(ColumnId.of("company"), new CellValue.Text("Company " + i), ColumnId.of("stage"), new CellValue.Choice("Lead")));
    }
    rows = sheet.addRowsValues(values).value().stream().map(Row::id).toList();
    ann = sheet.as(Origin.user("ann"));
  }

  @Benchmark
  public EditResult<Row> setCell() {
    long n = counter++;
    return ann.updateRowValues(rows.get((int) (n % rows.size())), Map.of(NEXT_STEP, new CellValue.Text("call " + n)), OptionalLong.empty());
  }

  @Benchmark
  public EditResult<Row> setCellFromOldRevision() {
    long n = counter++;
    Sheet old = sheet.as(Origin.user(n % 2 == 0 ? "ann" : "bob").op("op", Math.max(0, sheet.revision() - 50)));
    return old.updateRowValues(rows.get((int) (n % 97)), Map.of(DEAL_VALUE, CellValue.money(Long.toString(1000 + n % 500), "USD")), OptionalLong.empty());
  }

  @Benchmark
  @Threads(4)
  public EditResult<Row> setCellFourThreads() {
    long n = Thread.currentThread().getId() * 1_000_003L + System.nanoTime();
    return ann.updateRowValues(rows.get((int) Math.floorMod(n, rows.size())), Map.of(NEXT_STEP, new CellValue.Text("call")), OptionalLong.empty());
  }
}
