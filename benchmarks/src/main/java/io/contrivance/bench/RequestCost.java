package io.contrivance.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one request costs each process on this machine: throughput of a ladder of requests (an
 * unauthenticated one, an authenticated one, a row read, a row write on own sheets and on one
 * sheet, batch inserts) with the CPU time that Liberty, PostgreSQL and this driver spent per request,
 * read from {@code /proc}. Run it against a server left running by the bench script; run it twice
 * and read the second (the first warms the server's JIT):
 *
 * <pre>
 * BENCH_KEEP=1 BENCH_MODE=none benchmarks/server-bench.sh
 * java -cp benchmarks/target/benchmarks.jar io.contrivance.bench.RequestCost http://127.0.0.1:9281 [jwks,validate,get,patch,patch1,batch]
 * </pre>
 *
 * Linux only. Clock ticks are 10 ms, so each phase should run for seconds ({@code -Dbench.seconds}).
 */
public final class RequestCost {

  private RequestCost() {}

  public static void main(String[] args) throws Exception {
    String base = args.length > 0 ? args[0] : "http://127.0.0.1:9281";
    Set<String> which = Set.of((args.length > 1 ? args[1] : "jwks,validate,get,patch,patch1,batch").split(","));
    String token = ServerLoad.register(base);
    String sheet = ServerLoad.createSheet(base, token, "Cost");
    List<String> rows = ServerLoad.insertBatch(base, token, sheet, 32, 0);
    List<String> own = new ArrayList<>();
    List<String> ownRows = new ArrayList<>();
    for (int c = 0; c < 32; c++) {
      own.add(ServerLoad.createSheet(base, token, "Own " + c));
      ownRows.add(ServerLoad.insertBatch(base, token, own.get(c), 1, 0).get(0));
    }
    if (which.contains("jwks")) {
      measure("GET /api/auth/jwks (no token)", i -> ServerLoad.send("GET", base + "/api/auth/jwks", null, null, 200));
    }
    if (which.contains("validate")) {
      measure("GET /api/auth/validate", i -> ServerLoad.get(base + "/api/auth/validate", token));
    }
    if (which.contains("get")) {
      measure("GET row", i -> ServerLoad.get(base + "/api/spreadsheets/" + sheet + "/rows/" + rows.get(i), token));
    }
    if (which.contains("patch")) {
      measure("PATCH row, own sheets", i -> ServerLoad.patch(base + "/api/spreadsheets/" + own.get(i) + "/rows/" + ownRows.get(i), token, "{\"data\":{\"next_step\":\"call " + System.nanoTime() + "\"}}"));
    }
    if (which.contains("patch1")) {
      measure("PATCH row, one sheet", i -> ServerLoad.patch(base + "/api/spreadsheets/" + sheet + "/rows/" + rows.get(i), token, "{\"data\":{\"next_step\":\"call " + System.nanoTime() + "\"}}"));
    }
    if (which.contains("batch")) {
      String batches = ServerLoad.createSheet(base, token, "Batches");
      Ticks before = Ticks.now();
      long started = System.nanoTime();
      int count = 40;
      for (int b = 0; b < count; b++) {
        ServerLoad.insertBatch(base, token, batches, 1000, b * 1000);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Ticks spent = Ticks.now().minus(before);
      System.out.printf(Locale.ROOT, "batch insert, one client: %,.0f rows/s; CPU per 1,000 rows: Liberty %.0f ms, PostgreSQL %.0f ms, driver %.0f ms%n",
          count * 1000 / seconds, spent.liberty * 10.0 / count, spent.postgres * 10.0 / count, spent.driver * 10.0 / count);
    }
  }

  private static void measure(String what, ServerLoad.Call call) throws Exception {
    Ticks before = Ticks.now();
    ServerLoad.Result result = ServerLoad.closedLoop(call);
    Ticks spent = Ticks.now().minus(before);
    ServerLoad.report(what, result);
    // closedLoop warms up before it measures: its CPU time counts those requests too.
    double requests = result.requests() + result.warmUpRequests();
    System.out.printf(Locale.ROOT, "   CPU per request: Liberty %.3f ms, PostgreSQL %.3f ms, driver %.3f ms%n",
        spent.liberty * 10.0 / requests, spent.postgres * 10.0 / requests, spent.driver * 10.0 / requests);
  }

  /** CPU clock ticks (user + system) used so far by the server, the database and this process. */
  private record Ticks(long liberty, long postgres, long driver) {
    static Ticks now() throws IOException, InterruptedException {
      return new Ticks(ticks(pids("-f", "ws-server.jar")), ticks(pids("-x", "postgres")), ticks(List.of(ProcessHandle.current().pid())));
    }

    Ticks minus(Ticks other) {
      return new Ticks(liberty - other.liberty, postgres - other.postgres, driver - other.driver);
    }

    private static List<Long> pids(String flag, String pattern) throws IOException, InterruptedException {
      Process pgrep = new ProcessBuilder("pgrep", flag, pattern).start();
      String out = new String(pgrep.getInputStream().readAllBytes());
      pgrep.waitFor();
      return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.strip())).toList();
    }

    private static long ticks(List<Long> pids) {
      long sum = 0;
      for (long pid : pids) {
        try {
          String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
          // The process ended meanwhile (a PostgreSQL backend): its time is not counted.
        }
      }
      return sum;
    }
  }
}
