package io.contrivance.bench;

import io.contrivance.core.Sheet;
import io.contrivance.core.Workbook;
import io.contrivance.core.sheet.SheetSchema;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Heap held by a 100,000-row × 20-column sheet in the in-memory store, filled through the public
 * API (text parsed, validated, stored). Aim: under 200 MB. Run:
 * {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar io.contrivance.bench.HeapFootprint}
 */
public final class HeapFootprint {

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    SheetSchema wide = SampleData.wide();
    long before = usedAfterGc();
    Workbook workbook = Workbook.inMemory();
    Sheet sheet = workbook.create(wide.name(), wide.columns());
    SplittableRandom random = new SplittableRandom(7);
    long started = System.nanoTime();
    for (int done = 0; done < rows; ) {
      int batch = Math.min(Sheet.MAX_BATCH, rows - done);
      List<Map<String, String>> texts = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        texts.add(SampleData.text(wide, random, done + i));
      }
      var result = sheet.addRows(texts);
      if (!result.isApplied()) {
        throw new IllegalStateException("rejected: " + result.violations().subList(0, Math.min(3, result.violations().size())));
      }
      done += batch;
    }
    long loadMillis = (System.nanoTime() - started) / 1_000_000;
    long after = usedAfterGc();
    long cells = sheet.rows().stream().mapToLong(r -> r.cells().size()).sum();
    System.out.printf(
        "rows=%d columns=%d cells=%d heap=%.1f MB (%.0f bytes/row, %.1f bytes/cell) load=%d ms (%,.0f rows/s, parse+validate+store)%n",
        sheet.rowCount(),
        sheet.schema().columns().size(),
        cells,
        (after - before) / 1e6,
        (after - before) / (double) rows,
        (after - before) / (double) cells,
        loadMillis,
        rows * 1000.0 / Math.max(1, loadMillis));
    if (sheet.rowCount() != rows) {
      throw new IllegalStateException("lost rows");
    }
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
