package io.contrivance.bench;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Load driver for a running Contrivance server, in its own process (see benchmarks/server-bench.sh).
 * Measures, on loopback: single-row update and read latency and throughput at 32 concurrent clients;
 * batch insert rows/s through the API next to PostgreSQL COPY of the same rows in the same run; and
 * the latency of a 1,000-row page from a 1,000,000-row sheet.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.contrivance.bench.ServerLoad <base url> <jdbc url>}
 */
public final class ServerLoad {

  private static final int CLIENTS = 32;

  /** Row ids as the server makes them: version 7 UUIDs, ordered by time. */
  private static final com.fasterxml.uuid.impl.TimeBasedEpochGenerator ROW_IDS = com.fasterxml.uuid.Generators.timeBasedEpochGenerator();
  private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));

  private ServerLoad() {}

  public static void main(String[] args) throws Exception {
    String base = args.length > 0 ? args[0] : "http://127.0.0.1:9281";
    String jdbc = args.length > 1 ? args[1] : "jdbc:postgresql://127.0.0.1:15434/postgres?user=postgres";
    String token = register(base);
    String sheet = createSheet(base, token, "Load");

    // 1. Single-row updates and reads: each client owns one row, so no write waits on another's lock.
    List<String> rows = insertBatch(base, token, sheet, CLIENTS, 0);
    List<String> ownSheets = new ArrayList<>();
    List<String> ownRows = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      ownSheets.add(createSheet(base, token, "Own " + c));
      ownRows.add(insertBatch(base, token, ownSheets.get(c), 1, 0).get(0));
    }
    // -Dbench.open.only=true: only the fixed-rate writes below (for comparing builds or settings).
    boolean openOnly = Boolean.getBoolean("bench.open.only");
    if (!openOnly) {
      report("single-row update (PATCH), each client on its own sheet", closedLoop(i -> patch(base + "/api/spreadsheets/" + ownSheets.get(i) + "/rows/" + ownRows.get(i), token, "{\"data\":{\"next_step\":\"call " + System.nanoTime() + "\"}}")));
      report("single-row update (PATCH), all clients on one sheet", closedLoop(i -> patch(base + "/api/spreadsheets/" + sheet + "/rows/" + rows.get(i), token, "{\"data\":{\"next_step\":\"call " + System.nanoTime() + "\",\"deal_value\":" + (1000 + (System.nanoTime() % 1000)) + "}}")));
      report("single-row read (GET)", closedLoop(i -> get(base + "/api/spreadsheets/" + sheet + "/rows/" + rows.get(i), token)));
    }
    // The same writes at a fixed offered rate: the latency a client sees when the server is asked
    // for that many writes a second (a closed loop at saturation only measures its own queue).
    for (int rate : rates()) {
      report("single-row update (PATCH) at " + rate + "/s offered, each client on its own sheet", openLoop(rate, i -> patch(base + "/api/spreadsheets/" + ownSheets.get(i) + "/rows/" + ownRows.get(i), token, "{\"data\":{\"next_step\":\"call " + System.nanoTime() + "\"}}")));
    }
    if (openOnly || Boolean.getBoolean("bench.writes.only")) {
      return;
    }

    // 2. Batch insert through the API versus COPY of the same rows into the same table.
    String batchSheet = createSheet(base, token, "Batch");
    int batches = Integer.getInteger("bench.batches", 50);
    // Request bodies built before the clock starts, as the COPY baseline's data is: what is timed is
    // the server (the answer is still read whole).
    List<String> bodies = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      bodies.add(batchBody(1000, b * 1000));
    }
    double apiRate;
    // Connected before the clock starts, as the COPY's connection is.
    try (Connection connection = DriverManager.getConnection(jdbc)) {
      long started = System.nanoTime();
      for (String body : bodies) {
        send("POST", base + "/api/spreadsheets/" + batchSheet + "/rows", token, body, 201);
      }
      mergePendingIndexEntries(connection, "spreadsheet_rows");
      apiRate = batches * 1000 / ((System.nanoTime() - started) / 1e9);
    }
    double copyRate = copy(jdbc, batches * 1000, false);
    double shapedRate = copy(jdbc, batches * 1000, true);
    System.out.printf(Locale.ROOT, "batch insert: API %,.0f rows/s (batches of 1,000, one client) vs COPY %,.0f rows/s into a bare temporary table = %.0f%%, "
        + "vs COPY %,.0f rows/s into a logged table with the rows table's indexes, 1,000 rows a COPY = %.0f%%%n", apiRate, copyRate, 100 * apiRate / copyRate, shapedRate, 100 * apiRate / shapedRate);

    if (Boolean.getBoolean("bench.skip.million")) {
      return;
    }
    // 3. A 1,000-row page of a 1,000,000-row sheet (rows loaded with COPY as a fixture).
    String big = createSheet(base, token, "Million");
    long loaded = loadMillion(jdbc, big);
    List<String> cursors = cursors(base, token, big, 40);
    long[] pages = new long[cursors.size() * 5];
    for (int round = 0, k = 0; round < 5; round++) {
      for (String cursor : cursors) {
        long t = System.nanoTime();
        get(base + "/api/spreadsheets/" + big + "/rows?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor), token);
        pages[k++] = System.nanoTime() - t;
      }
    }
    Arrays.sort(pages);
    System.out.printf(Locale.ROOT, "1,000-row page of a %,d-row sheet: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (%d pages across the sheet)%n",
        loaded, pages[pages.length / 2] / 1e6, pages[(int) (pages.length * 0.95)] / 1e6, pages[(int) (pages.length * 0.99)] / 1e6, pages.length);

    // 4. Quick search over the same sheet: a rare text (every row read) and a common one (the first page fills at once).
    for (String q : List.of("Company%20424242", "follow")) {
      long[] searches = new long[10];
      for (int i = 0; i < searches.length; i++) {
        long t = System.nanoTime();
        get(base + "/api/spreadsheets/" + big + "/rows?limit=1000&q=" + q, token);
        searches[i] = System.nanoTime() - t;
      }
      Arrays.sort(searches);
      System.out.printf(Locale.ROOT, "quick search q=%s on the %,d-row sheet: p50 %.0f ms, max %.0f ms (10 searches)%n", q, loaded, searches[5] / 1e6, searches[9] / 1e6);
    }

    // 5. The grid's reads: 250-row windows at offsets across the sheet, the first with the count,
    // and a window deep in a sorted view.
    String windows = base + "/api/spreadsheets/" + big + "/rows?limit=250";
    timed("250-row window at offsets across the sheet", 5, 11, i -> get(windows + "&offset=" + Math.min(loaded - 250, i * (loaded / 10)), token));
    timed("first window with the count (total=true)", 5, 1, i -> get(windows + "&total=true", token));
    timed("250-row window at offset 500,000 sorted by deal_value", 3, 1, i -> get(windows + "&sort=deal_value&offset=500000", token));
    // What the grid's first read of a quick search costs: the window and the view's count.
    timed("first window with the count, q= a text every row holds", 3, 1, i -> get(windows + "&total=true&q=follow", token));
    timed("first window with the count, q= a text one row holds", 3, 1, i -> get(windows + "&total=true&q=Company%20424242", token));
  }

  /** Runs {@code calls} different requests {@code rounds} times and prints p50, p95 and max. */
  private static void timed(String what, int rounds, int calls, IndexedCall call) throws Exception {
    long[] times = new long[rounds * calls];
    for (int round = 0, k = 0; round < rounds; round++) {
      for (int i = 0; i < calls; i++) {
        long t = System.nanoTime();
        call.run(i);
        times[k++] = System.nanoTime() - t;
      }
    }
    Arrays.sort(times);
    System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d reads)%n", what, times[times.length / 2] / 1e6, times[(int) (times.length * 0.95)] / 1e6,
        times[times.length - 1] / 1e6, times.length);
  }

  @FunctionalInterface
  interface IndexedCall {
    void run(int index) throws Exception;
  }

  @FunctionalInterface
  interface Call {
    void run(int client) throws Exception;
  }

  /**
   * Measured requests, the seconds they took, their sorted latencies, the unmeasured warm-up
   * requests before them, and the percent of the machine's CPU stolen by the host meanwhile.
   */
  record Result(long requests, double seconds, long[] latencies, long warmUpRequests, double stealPercent) {}

  /** Each of 32 clients sends its next request as soon as the previous answer arrives, for RUN. */
  static Result closedLoop(Call call) throws InterruptedException {
    long warmUp = warmUp(call);
    AtomicBoolean stop = new AtomicBoolean();
    List<long[]> perClient = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      perClient.add(new long[2_000_000]);
    }
    int[] counts = new int[CLIENTS];
    CpuSteal steal = CpuSteal.now();
    long start = System.nanoTime();
    onEveryClient(
        client -> {
          while (!stop.get()) {
            long t = System.nanoTime();
            call.run(client);
            perClient.get(client)[counts[client]++] = System.nanoTime() - t;
          }
        },
        () -> {
          Thread.sleep(RUN.toMillis());
          stop.set(true);
        });
    return result(perClient, counts, (System.nanoTime() - start) / 1e9, warmUp, CpuSteal.now().percentSince(steal));
  }

  /** What the driver's main thread does while the clients run. */
  @FunctionalInterface
  interface Meanwhile {
    void run() throws InterruptedException;
  }

  /**
   * The clients' threads, kept for the whole run: each thread keeps its HTTP connection, so a test
   * is measured on the connections its warm-up used (with new threads, the first half-second of a
   * test measured 32 connections being opened and the server's first requests on each).
   */
  private static final java.util.concurrent.ExecutorService CLIENT_THREADS =
      java.util.concurrent.Executors.newFixedThreadPool(
          CLIENTS,
          task -> {
            Thread thread = new Thread(task, "client");
            thread.setDaemon(true);
            return thread;
          });

  /** Runs {@code body} on each of the 32 clients' own threads; returns when every one has ended. */
  static void onEveryClient(Call body, Meanwhile meanwhile) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      CLIENT_THREADS.execute(() -> {
        try {
          body.run(client);
        } catch (Exception e) {
          e.printStackTrace();
        } finally {
          done.countDown();
        }
      });
    }
    meanwhile.run();
    done.await();
  }

  /**
   * With {@code -Dbench.dump=FILE}, writes each fixed-rate request as "wall-clock time it was due
   * (ms since the epoch), latency (µs)", in due order: to line slow requests up with a GC log or a
   * database log.
   */
  private static void dump(long start, long interval, List<long[]> perClient, int[] counts) {
    String file = System.getProperty("bench.dump");
    if (file == null) {
      return;
    }
    long epochNanos = System.currentTimeMillis() * 1_000_000 - System.nanoTime();
    try (var out = new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(file)))) {
      int most = Arrays.stream(counts).max().orElse(0);
      for (int i = 0; i < most; i++) {
        for (int c = 0; c < CLIENTS; c++) {
          if (i < counts[c]) {
            long due = start + ((long) i * CLIENTS + c) * interval;
            out.printf(Locale.ROOT, "%.3f %d%n", (due + epochNanos) / 1e6, perClient.get(c)[i] / 1000);
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every client's latencies, merged and sorted. */
  private static Result result(List<long[]> perClient, int[] counts, double seconds, long warmUp, double stealPercent) {
    long total = Arrays.stream(counts).sum();
    long[] all = new long[(int) total];
    int k = 0;
    for (int c = 0; c < CLIENTS; c++) {
      System.arraycopy(perClient.get(c), 0, all, k, counts[c]);
      k += counts[c];
    }
    Arrays.sort(all);
    return new Result(total, seconds, all, warmUp, stealPercent);
  }

  /** The offered rates of the fixed-rate write test ({@code -Dbench.rates=1000,2000}). */
  static List<Integer> rates() {
    return Arrays.stream(System.getProperty("bench.rates", "1000,2000").split(",")).map(String::strip).map(Integer::valueOf).toList();
  }

  /**
   * Sends {@code rate} requests a second for RUN, spread over the 32 clients: request k is due at
   * start + k / rate, and client k % 32 sends it when due (or as soon as its previous answer came,
   * if later). Each latency is measured from when the request was due, so a server that falls
   * behind shows it in the figures instead of slowing the load down (no coordinated omission).
   */
  static Result openLoop(int rate, Call call) throws InterruptedException {
    long warmUp = warmUp(call);
    long interval = 1_000_000_000L / rate;
    long perClient = RUN.toNanos() / interval / CLIENTS + 1;
    List<long[]> perClientSamples = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      perClientSamples.add(new long[(int) perClient]);
    }
    int[] counts = new int[CLIENTS];
    CpuSteal steal = CpuSteal.now();
    long start = System.nanoTime() + 10_000_000;
    onEveryClient(
        client -> {
          for (long k = client; counts[client] < perClient; k += CLIENTS) {
            long due = start + k * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
              java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            call.run(client);
            perClientSamples.get(client)[counts[client]++] = System.nanoTime() - due;
          }
        },
        () -> {});
    // The run ends here: writing the dump is not part of it.
    double seconds = (System.nanoTime() - start) / 1e9;
    double stolen = CpuSteal.now().percentSince(steal);
    dump(start, interval, perClientSamples, counts);
    return result(perClientSamples, counts, seconds, warmUp, stolen);
  }

  /**
   * The same requests from all clients for {@code bench.warmup} seconds (10 by default), unmeasured:
   * until the server's JIT has compiled the path, the first test measures the compiler (a freshly
   * started server did a third of its warm throughput in the first seconds).
   */
  static long warmUp(Call call) throws InterruptedException {
    java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
    long until = System.nanoTime() + Duration.ofSeconds(Integer.getInteger("bench.warmup", 10)).toNanos();
    onEveryClient(
        client -> {
          while (System.nanoTime() < until) {
            call.run(client);
            sent.incrementAndGet();
          }
        },
        () -> {});
    return sent.get();
  }

  static void report(String what, Result result) {
    long[] l = result.latencies();
    System.out.printf(Locale.ROOT, "%s, %d clients: %,.0f requests/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms (%,d requests in %.0f s; CPU stolen by the host: %.0f %%)%n",
        what, CLIENTS, result.requests() / result.seconds(), l[l.length / 2] / 1e6, l[(int) (l.length * 0.99)] / 1e6, l[l.length - 1] / 1e6, result.requests(), result.seconds(),
        result.stealPercent());
  }

  static String register(String base) throws Exception {
    String body = "{\"email\":\"bench-" + UUID.randomUUID() + "@example.com\",\"password\":\"benchmark secret\",\"name\":\"Bench\"}";
    return field(send("POST", base + "/api/auth/register", null, body, 201), "access_token");
  }

  static String createSheet(String base, String token, String name) throws Exception {
    return field(send("POST", base + "/api/spreadsheets", token, "{\"name\":\"" + name + "\",\"template\":\"sales_pipeline\"}", 201), "id");
  }

  static List<String> insertBatch(String base, String token, String sheet, int count, int offset) throws Exception {
    String answer = send("POST", base + "/api/spreadsheets/" + sheet + "/rows", token, batchBody(count, offset), 201);
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\",\"position\"").matcher(answer);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  static String batchBody(int count, int offset) {
    StringBuilder body = new StringBuilder("{\"rows\":[");
    for (int i = 0; i < count; i++) {
      body.append(i == 0 ? "" : ",").append(rowJson(offset + i));
    }
    return body.append("]}").toString();
  }

  static String rowJson(int i) {
    return "{\"data\":{\"company\":\"Company " + i + "\",\"contact\":\"Contact " + i + "\",\"email\":\"buyer" + i + "@example.com\",\"deal_value\":" + (1000 + i % 500_000)
        + ",\"stage\":\"" + new String[] {"Lead", "Qualified", "Proposal", "Negotiation"}[i % 4] + "\",\"probability\":" + (10 + i % 80)
        + ",\"expected_close\":\"2026-" + (1 + i % 12) + "-" + (1 + i % 28) + "\",\"owner\":\"Owner " + (i % 20) + "\",\"next_step\":\"Follow up " + i + "\"}}";
  }

  /**
   * Rows/s of COPY of the same rows (as the server stores them). {@code likeTable}: into a scratch
   * table shaped as the rows table with its indexes, logged, in COPYs of 1,000 rows each committed
   * (what the API's batches do); otherwise into a bare temporary table (no indexes, no WAL) in one COPY.
   */
  static double copy(String jdbc, int count, boolean likeTable) throws SQLException, IOException {
    try (Connection connection = DriverManager.getConnection(jdbc)) {
      String table = likeTable ? "copy_bench_indexed" : "copy_bench";
      connection.createStatement().execute(likeTable
          ? "create table " + table + " (like spreadsheet_rows including defaults including indexes)"
          : "create temp table " + table + " (like spreadsheet_rows including defaults)");
      int perCopy = likeTable ? 1_000 : count;
      List<String> chunks = new ArrayList<>();
      StringBuilder data = new StringBuilder();
      for (int i = 0; i < count; i++) {
        String json = storedJson(i);
        data.append("s\t").append(ROW_IDS.generate()).append('\t').append((i + 1L) << 16).append("\t1\t").append(json.replace("\\", "\\\\")).append("\tu\tu\t2026-11-23 00:00:00+00\t2026-11-23 00:00:00+00\n");
        if ((i + 1) % perCopy == 0 || i == count - 1) {
          chunks.add(data.toString());
          data.setLength(0);
        }
      }
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      long started = System.nanoTime();
      for (String chunk : chunks) {
        copy.copyIn("copy " + table + " from stdin", new StringReader(chunk));
      }
      if (likeTable) {
        mergePendingIndexEntries(connection, table);
      }
      double rate = count / ((System.nanoTime() - started) / 1e9);
      if (likeTable) {
        connection.createStatement().execute("drop table " + table);
      }
      return rate;
    }
  }

  /**
   * Merges the pending entries of the table's GIN index into the index: part of storing rows, timed
   * on both sides. The server merges the rows table's list every second in the background, and the
   * copied table keeps the rows index's 16 MB pending-list limit, so without this the COPY would
   * leave all of its index work for later.
   */
  static void mergePendingIndexEntries(Connection connection, String table) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("select gin_clean_pending_list(c.oid) from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam where i.indrelid = '" + table + "'::regclass and a.amname = 'gin'");
    }
  }

  static String storedJson(int i) {
    return "{\"company\":\"Company " + i + "\",\"contact\":\"Contact " + i + "\",\"email\":\"buyer" + i + "@example.com\",\"deal_value\":{\"amount\":" + (1000 + i % 500_000)
        + ",\"currency\":\"USD\"},\"stage\":\"" + new String[] {"Lead", "Qualified", "Proposal", "Negotiation"}[i % 4] + "\",\"probability\":" + (10 + i % 80)
        + ",\"expected_close\":\"2026-" + String.format(Locale.ROOT, "%02d-%02d", 1 + i % 12, 1 + i % 28) + "\",\"owner\":\"Owner " + (i % 20) + "\",\"next_step\":\"Follow up " + i + "\"}";
  }

  /** Loads 1,000,000 rows into a sheet with COPY (a fixture for the read benchmark). */
  static long loadMillion(String jdbc, String sheet) throws SQLException, IOException {
    int count = Integer.getInteger("bench.rows", 1_000_000);
    try (Connection connection = DriverManager.getConnection(jdbc)) {
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      for (int chunk = 0; chunk < count; chunk += 100_000) {
        StringBuilder data = new StringBuilder();
        for (int i = chunk; i < Math.min(count, chunk + 100_000); i++) {
          data.append(sheet).append('\t').append(ROW_IDS.generate()).append('\t').append((i + 1L) << 16).append("\t1\t").append(storedJson(i).replace("\\", "\\\\"))
              .append("\t\\N\t\\N\t2026-11-23 00:00:00+00\t2026-11-23 00:00:00+00\n");
        }
        copy.copyIn("copy spreadsheet_rows (sheet_id, id, position, version, data, created_by, updated_by, created_at, updated_at) from stdin", new StringReader(data.toString()));
      }
      try (PreparedStatement analyze = connection.prepareStatement("analyze spreadsheet_rows")) {
        analyze.execute();
      }
    }
    return count;
  }

  /** Cursors spread across the sheet: walk it once with large pages and keep every n-th cursor. */
  static List<String> cursors(String base, String token, String sheet, int wanted) throws Exception {
    List<String> all = new ArrayList<>();
    all.add(null);
    String cursor = null;
    do {
      String page = get(base + "/api/spreadsheets/" + sheet + "/rows?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor), token);
      Matcher m = Pattern.compile("\"next_cursor\":\"([^\"]+)\"").matcher(page);
      cursor = m.find() ? m.group(1) : null;
      if (cursor != null) {
        all.add(cursor);
      }
    } while (cursor != null);
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < wanted; i++) {
      picked.add(all.get((int) ((long) i * all.size() / wanted)));
    }
    return picked;
  }

  static String get(String url, String token) throws Exception {
    return send("GET", url, token, null, 200);
  }

  static String patch(String url, String token, String body) throws Exception {
    return send("PATCH", url, token, body, 200);
  }

  static String send(String method, String url, String token, String body, int expected) throws Exception {
    RawHttp.Reply reply = RawHttp.send(method, url, token, body);
    if (reply.status() != expected) {
      throw new IllegalStateException(method + " " + url + " answered " + reply.status() + ": " + reply.body().substring(0, Math.min(300, reply.body().length())));
    }
    return reply.body();
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }
}
