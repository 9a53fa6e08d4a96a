package io.contrivance.core;

import io.contrivance.core.store.SheetStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Deterministic workbooks for tests: sequential ids and a fixed clock. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  private Fixtures() {}

  static IdSource sequentialIds(String prefix) {
    AtomicLong next = new AtomicLong();
    return () -> prefix + next.incrementAndGet();
  }

  static Workbook workbook() {
    return workbook(SheetStore.inMemory(), "id");
  }

  static Workbook workbook(SheetStore store, String idPrefix) {
    return Workbook.builder().store(store).ids(sequentialIds(idPrefix)).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }
}
