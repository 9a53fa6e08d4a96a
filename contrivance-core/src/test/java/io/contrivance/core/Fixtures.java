package io.contrivance.core;

import io.contrivance.core.sheet.IdSource;
import io.contrivance.core.store.SheetStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Deterministic workbooks for tests: sequential ids and a fixed clock. */
public final class Fixtures {

  public static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  private Fixtures() {}

  public static IdSource sequentialIds(String prefix) {
    AtomicLong next = new AtomicLong();
    return () -> prefix + next.incrementAndGet();
  }

  public static Workbook workbook() {
    return workbook(SheetStore.inMemory(), "id");
  }

  public static Workbook workbook(SheetStore store, String idPrefix) {
    return Workbook.builder().store(store).ids(sequentialIds(idPrefix)).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }
}
