package io.contrivance.core.collab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrivance.core.Fixtures;
import io.contrivance.core.Sheet;
import io.contrivance.core.Workbook;
import io.contrivance.core.sheet.Column;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.EditResult;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.Row;
import io.contrivance.core.sheet.RowId;
import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.core.store.SheetStore;
import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnTypes;
import io.contrivance.core.type.TextFormat;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  static final ColumnId NAME = ColumnId.of("name");

  private final ExecutorService pool = Executors.newFixedThreadPool(16);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** The in-memory store, with a gate that can hold a commit and a switch that makes commits fail. */
  static final class TestStore implements SheetStore {
    final SheetStore delegate = SheetStore.inMemory();
    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    volatile CountDownLatch entered;
    volatile CountDownLatch release;
    final AtomicBoolean failNext = new AtomicBoolean();

    @Override
    public void commit(SheetId sheet, Commit commit) {
      batchSizes.add(commit.events().size());
      CountDownLatch gate = release;
      if (gate != null) {
        release = null;
        entered.countDown();
        try {
          gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failNext.compareAndSet(true, false)) {
        throw new IllegalStateException("the disk is full");
      }
      delegate.commit(sheet, commit);
    }

    // Everything else is the in-memory store's.
    @Override public List<SheetId> sheetIds() { return delegate.sheetIds(); }
    @Override public Optional<SheetSchema> schema(SheetId sheet) { return delegate.schema(sheet); }
    @Override public long revision(SheetId sheet) { return delegate.revision(sheet); }
    @Override public Optional<Row> row(SheetId sheet, RowId row) { return delegate.row(sheet, row); }
    @Override public List<Row> rows(SheetId sheet) { return delegate.rows(sheet); }
    @Override public List<Row> rows(SheetId sheet, long afterPosition, int limit) { return delegate.rows(sheet, afterPosition, limit); }
    @Override public long rowCount(SheetId sheet) { return delegate.rowCount(sheet); }
    @Override public void create(SheetSchema schema, List<Row> rows, Origin creator) { delegate.create(schema, rows, creator); }
    @Override public void delete(SheetId sheet) { delegate.delete(sheet); }
    @Override public Optional<List<SheetEvent>> eventsSince(SheetId sheet, long revision) { return delegate.eventsSince(sheet, revision); }
  }

  /** A sheet made straight on an engine, so that a test can watch its sequencer's queue. */
  private record Direct(Engine engine, SheetId id) {
    static Direct create(SheetStore store) {
      SheetSchema schema = new SheetSchema(SheetId.of("deals"), "Deals", "", List.of(Column.builder("Name", ColumnTypes.text()).build()), TextFormat.ISO);
      store.create(schema, List.of(), Origin.SYSTEM);
      return new Direct(Engine.of(store, Fixtures.sequentialIds("id"), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC)), schema.id());
    }

    Sequencer sequencer() {
      return engine.sequencer(id);
    }

    EditResult<Row> addRowValues(Map<ColumnId, CellValue> values) {
      return engine.editor(id, Origin.SYSTEM).addRowValues(values);
    }

    EditResult<List<Row>> addRowsValues(List<Map<ColumnId, CellValue>> rows) {
      return engine.editor(id, Origin.SYSTEM).addRowsValues(rows);
    }

    EditResult<Row> updateRowValues(RowId row, Map<ColumnId, CellValue> values, OptionalLong version) {
      return engine.editor(id, Origin.SYSTEM).updateRowValues(row, values, version);
    }

    void onChange(Consumer<SheetEvent> listener) {
      engine.subscribe(id, listener);
    }

    long revision() {
      return engine.store().revision(id);
    }

    List<Row> rows() {
      return engine.store().rows(id);
    }

    Optional<Row> row(RowId row) {
      return engine.store().row(id, row);
    }
  }

  private static Map<ColumnId, CellValue> name(String value) {
    return Map.of(NAME, new CellValue.Text(value));
  }

  @Test
  void editsArrivingDuringACommit_areStoredTogetherInTheNextOne_inOrder() throws Exception {
    TestStore store = new TestStore();
    Direct sheet = Direct.create(store);
    List<Row> rows = sheet.addRowsValues(Collections.nCopies(16, name("start"))).value();
    List<SheetEvent> events = Collections.synchronizedList(new ArrayList<>());
    sheet.onChange(events::add);
    store.batchSizes.clear();

    store.entered = new CountDownLatch(1);
    store.release = new CountDownLatch(1);
    CountDownLatch gate = store.release;
    Future<EditResult<Row>> first = pool.submit(() -> sheet.updateRowValues(rows.get(0).id(), name("first"), OptionalLong.empty()));
    assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();
    var others = new ArrayList<Future<EditResult<Row>>>();
    for (int i = 1; i < 16; i++) {
      RowId row = rows.get(i).id();
      others.add(pool.submit(() -> sheet.updateRowValues(row, name("later"), OptionalLong.empty())));
    }
    Sequencer sequencer = sheet.sequencer();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sequencer.queued() < 15 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(first.isDone()).as("not acknowledged before it is stored").isFalse();
    gate.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS).isApplied()).isTrue();
    for (Future<EditResult<Row>> other : others) {
      assertThat(other.get(10, TimeUnit.SECONDS).isApplied()).isTrue();
    }
    assertThat(store.batchSizes).containsExactly(1, 15);
    assertThat(sheet.revision()).isEqualTo(1 + 16);
    assertThat(events).extracting(SheetEvent::revision).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(2, 17).boxed().toList());
    assertThat(sheet.rows()).allSatisfy(r -> assertThat(r.cell(NAME)).isNotEqualTo(new CellValue.Text("start")));
  }

  @Test
  void editsBuildOnEditsStillInFlight() throws Exception {
    TestStore store = new TestStore();
    Direct sheet = Direct.create(store);
    Row row = sheet.addRowValues(name("v0")).value();

    store.entered = new CountDownLatch(1);
    store.release = new CountDownLatch(1);
    CountDownLatch gate = store.release;
    Future<EditResult<Row>> first = pool.submit(() -> sheet.updateRowValues(row.id(), name("v1"), OptionalLong.of(1)));
    assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();
    // Decided against the uncommitted v1 (version 2), so its expected version is 2.
    Future<EditResult<Row>> second = pool.submit(() -> sheet.updateRowValues(row.id(), name("v2"), OptionalLong.of(2)));
    while (sheet.sequencer().queued() < 1) {
      Thread.sleep(1);
    }
    gate.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).isApplied()).isTrue();
    assertThat(second.get(10, TimeUnit.SECONDS).value().version()).isEqualTo(3);
    assertThat(sheet.row(row.id()).orElseThrow().cell(NAME)).isEqualTo(new CellValue.Text("v2"));
  }

  @Test
  void aFailedCommit_failsItsEdits_storesNothing_andTheNextEditWorks() {
    TestStore store = new TestStore();
    Workbook workbook = Fixtures.workbook(store, "id");
    Sheet sheet = workbook.create("Deals", List.of(Column.builder("Name", ColumnTypes.text()).build()));
    Row row = sheet.addRowValues(name("kept")).value();

    store.failNext.set(true);
    assertThatThrownBy(() -> sheet.updateRowValues(row.id(), name("lost"), OptionalLong.empty())).hasMessage("the disk is full");
    assertThat(sheet.row(row.id()).orElseThrow().cell(NAME)).isEqualTo(new CellValue.Text("kept"));
    assertThat(sheet.revision()).isEqualTo(1);

    assertThat(sheet.updateRowValues(row.id(), name("next"), OptionalLong.of(1)).isApplied()).isTrue();
    assertThat(sheet.revision()).isEqualTo(2);
  }

  @Test
  void twoWorkbooksOnOneStore_neverLoseAnEdit() throws Exception {
    SheetStore store = SheetStore.inMemory();
    Workbook one = Fixtures.workbook(store, "a");
    Workbook two = Workbook.builder().store(store).ids(Fixtures.sequentialIds("b")).build();
    Sheet sheet = one.create("Deals", List.of(Column.builder("Name", ColumnTypes.text()).build()));
    List<Row> rows = sheet.addRowsValues(Collections.nCopies(8, name("0"))).value();
    Sheet other = two.open(sheet.id()).orElseThrow();

    var futures = new ArrayList<Future<?>>();
    for (int t = 0; t < 8; t++) {
      Sheet handle = t % 2 == 0 ? sheet : other;
      RowId row = rows.get(t).id();
      futures.add(
          pool.submit(
              () -> {
                for (int i = 1; i <= 100; i++) {
                  assertThat(handle.updateRowValues(row, name(Integer.toString(i)), OptionalLong.empty()).isApplied()).isTrue();
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertThat(sheet.revision()).isEqualTo(1 + 800);
    assertThat(sheet.rows()).allSatisfy(r -> assertThat(r.cell(NAME)).isEqualTo(new CellValue.Text("100")));
    assertThat(store.eventsSince(sheet.id(), 1).orElseThrow()).hasSize(800);
  }

  @Test
  void reloadSchemas_makesAnotherWorkbooksSchemaChangeVisibleAtOnce() {
    SheetStore store = SheetStore.inMemory();
    Workbook one = Fixtures.workbook(store, "a");
    Workbook two = Workbook.builder().store(store).ids(Fixtures.sequentialIds("b")).build();
    Sheet sheet = one.create("Deals", List.of(Column.builder("Name", ColumnTypes.text()).build()));
    Sheet other = two.open(sheet.id()).orElseThrow();
    assertThat(other.schema().columns().get(0).name()).isEqualTo("Name");

    sheet.renameColumn(NAME, "Company");
    assertThat(other.schema().columns().get(0).name()).as("within the freshness window").isEqualTo("Name");
    two.reloadSchemas();
    assertThat(other.schema().columns().get(0).name()).isEqualTo("Company");
  }
}
