package io.contrivance.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of this machine's CPU time the hypervisor gave to other guests ("steal" in /proc/stat)
 * since a moment: on a shared virtual machine the same build measured 2x apart within an hour, and
 * this says which runs met a busy host.
 */
record CpuSteal(long steal, long total) {

  /** The machine's counters now; zeros where /proc/stat cannot be read (not Linux). */
  static CpuSteal now() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("cpu ")) {
          String[] fields = line.trim().split("\\s+");
          long total = 0;
          // user nice system idle iowait irq softirq steal: guest time is already counted in user.
          for (int i = 1; i <= 8 && i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
          }
          return new CpuSteal(fields.length > 8 ? Long.parseLong(fields[8]) : 0, total);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not measurable here: reported as unknown.
    }
    return new CpuSteal(0, 0);
  }

  /** Percent of all CPU time since {@code before} that was stolen; NaN if unknown. */
  double percentSince(CpuSteal before) {
    long elapsed = total - before.total;
    return elapsed <= 0 ? Double.NaN : 100.0 * (steal - before.steal) / elapsed;
  }
}
