package io.contrivance.server.it;

import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.json;
import static io.contrivance.server.it.Api.post;
import static io.contrivance.server.it.Api.put;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The second instance killed with {@code kill -9} while it runs a job (an email held up by a slow
 * SMTP server), then started again: the job is taken again once its lease runs out and the mail goes
 * out once; and the plugin state the instance had (a plugin disabled) survives the restart. The
 * second instance holds its leases for 5 s (CONTRIVANCE_JOBS_LEASE_SECONDS in the build).
 */
class RestartIT {

  private static final String B = System.getProperty("it.base.url.2", "http://127.0.0.1:9182");
  private static final String SERVER = System.getProperty("it.server.bin", "target/liberty/wlp/bin/server");
  private static final String NAME = System.getProperty("it.server2.name", "contrivanceIT2");
  private static final int SMTP_PORT = Integer.getInteger("it.smtp.port", 3925) + 1;

  private static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static boolean ready(String base) {
    try {
      return get(base + "/health/ready", null).status() == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static JsonObject plugin(String base, String token, String id) {
    return get(base + "/api/admin/plugins", token).json().getJsonArray("data").getValuesAs(JsonObject.class).stream().filter(p -> p.getString("id").equals(id)).findFirst().orElseThrow();
  }

  /**
   * An SMTP server that holds each connection until released, then passes it on to the real one: a
   * job sending through it is running, and stays running, until the test says.
   */
  static final class SlowSmtp implements AutoCloseable {
    final ServerSocket server;
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger held = new AtomicInteger();
    private final int target;

    SlowSmtp(int port, int target) throws IOException {
      this.target = target;
      server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
      Thread accept = new Thread(this::accept, "slow-smtp");
      accept.setDaemon(true);
      accept.start();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Thread t = new Thread(() -> pass(client));
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void pass(Socket client) {
      held.incrementAndGet();
      try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target)) {
        release.await();
        Thread back = new Thread(() -> copy(upstream, client));
        back.setDaemon(true);
        back.start();
        copy(client, upstream);
        back.join(10_000);
      } catch (IOException | InterruptedException e) {
        // the client went away (killed): nothing to pass on
      }
    }

    private static void copy(Socket from, Socket to) {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // closed
      }
    }

    @Override
    public void close() throws IOException {
      release.countDown();
      server.close();
    }
  }

  @Test
  void killingAnInstanceWhileItRunsAJob_thenStartingItAgain_completesTheJob_andSendsTheMailOnce_andKeepsItsPluginState() throws Exception {
    await("the second instance is ready", Duration.ofSeconds(90), () -> ready(B));
    Api.Session admin = Api.admin();
    String adminOnB = post(B + "/api/auth/login", null, json("email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD)).data().getString("access_token");
    GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT + 1, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    try (SlowSmtp slow = new SlowSmtp(SMTP_PORT, SMTP_PORT + 1)) {
      // Email through the slow server, started on the second instance only (settings are shared, plugin states are each instance's).
      assertThat(put("/api/admin/plugins/email-notifications/config", admin.accessToken(),
              "{\"smtp.host\":\"127.0.0.1\",\"smtp.port\":" + SMTP_PORT + ",\"smtp.starttls\":false,\"smtp.username\":null,\"smtp.password\":null,\"smtp.timeout.seconds\":120,\"from\":\"crm@example.com\"}")
          .status()).isEqualTo(200);
      post("/api/admin/plugins/email-notifications/disable", admin.accessToken(), "");
      assertThat(post(B + "/api/admin/plugins/email-notifications/enable", adminOnB, "").status()).isEqualTo(200);
      // And a plugin state to keep: column types disabled on the second instance.
      assertThat(post(B + "/api/admin/plugins/column-types/disable", adminOnB, "").status()).isEqualTo(200);

      Api.Session owner = Api.newUser();
      Api.Session colleague = Api.newUser();
      String sheet = post(B + "/api/spreadsheets", owner.accessToken(), json("name", "Killed midway", "template", "sales_pipeline")).data().getString("id");
      assertThat(post(B + "/api/spreadsheets/" + sheet + "/collaborators", owner.accessToken(), json("email", colleague.email(), "role", "editor")).status()).isEqualTo(200);

      await("the second instance is sending the mail", Duration.ofSeconds(20), () -> slow.held.get() > 0);
      assertThat(Api.emailJob(colleague, "state")).isEqualTo("running");
      kill9SecondInstance();
      slow.release.countDown();

      start();
      await("the second instance is ready again", Duration.ofSeconds(120), () -> ready(B));
      await("the mail arrives", Duration.ofSeconds(60), () -> mail.getReceivedMessages().length > 0);
      await("the job is done", Duration.ofSeconds(10), () -> "done".equals(Api.emailJob(colleague, "state")));
      Thread.sleep(2_000);
      assertThat(mail.getReceivedMessages()).as("sent once").hasSize(1);
      assertThat(((Number) Api.emailJob(colleague, "attempts")).intValue()).as("taken again after the kill").isEqualTo(2);

      String adminAgain = post(B + "/api/auth/login", null, json("email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD)).data().getString("access_token");
      assertThat(plugin(B, adminAgain, "column-types").getString("state")).as("disabled before the kill, disabled after").isEqualTo("disabled");
      assertThat(plugin(B, adminAgain, "email-notifications").getString("state")).isEqualTo("started");
      assertThat(post(B + "/api/admin/plugins/column-types/enable", adminAgain, "").data().getString("state")).isEqualTo("started");
      post(B + "/api/admin/plugins/email-notifications/disable", adminAgain, "");
    } finally {
      mail.stop();
    }
  }

  @Test
  void killingAnInstanceMidImport_thenStartingItAgain_finishesTheImport_withEveryRowOnce() throws Exception {
    await("the second instance is ready", Duration.ofSeconds(90), () -> ready(B));
    Api.Session owner = Api.newUser();
    String tokenOnB = post(B + "/api/auth/login", null, json("email", owner.email(), "password", owner.password())).data().getString("access_token");
    int rows = 100_000;
    StringBuilder csv = new StringBuilder("Company,Stage,Deal Value\n");
    for (int i = 0; i < rows; i++) {
      csv.append("Deal ").append(i).append(",Lead,").append(i % 997).append('\n');
    }
    byte[] file = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long pid = secondInstance().pid();
    String sheet = null;
    String importId = null;
    // The instance that takes the upload wakes its own workers, so it nearly always runs the import;
    // if the first instance took it, that import is cancelled and another one tried.
    for (int attempt = 0; attempt < 5 && importId == null; attempt++) {
      sheet = post(B + "/api/spreadsheets", tokenOnB, json("name", "Killed mid-import", "template", "sales_pipeline")).data().getString("id");
      String id = Api.upload(B + "/api/spreadsheets/" + sheet + "/imports", tokenOnB, "text/csv", file).data().getString("id");
      String[] worker = new String[1];
      await("the import is taken", Duration.ofSeconds(30), () -> (worker[0] = leasedBy(id)) != null);
      if (worker[0].contains("/" + pid + "/")) {
        importId = id;
      } else {
        post(B + "/api/imports/" + id + "/cancel", tokenOnB, "");
      }
    }
    assertThat(importId).as("an import run by the second instance").isNotNull();
    String running = importId;
    await("some rows are written", Duration.ofSeconds(60), () -> get("/api/imports/" + running, owner.accessToken()).data().getInt("rows_written") >= 3_000);
    assertThat(get("/api/imports/" + running, owner.accessToken()).data().getString("state")).isEqualTo("running");
    kill9SecondInstance();
    start();
    await("the import is done", Duration.ofSeconds(180), () -> !get("/api/imports/" + running, owner.accessToken()).data().getString("state").equals("running"));
    JsonObject imp = get("/api/imports/" + running, owner.accessToken()).data();
    assertThat(imp.getString("state")).as(imp.toString()).isEqualTo("done");
    assertThat(imp.getInt("rows_written")).isEqualTo(rows);
    try (var db = Api.database();
        var ps = db.prepareStatement("select count(*), count(distinct data->>'company') from spreadsheet_rows where sheet_id = ?")) {
      ps.setString(1, sheet);
      try (var rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("rows").isEqualTo(rows);
        assertThat(rs.getLong(2)).as("distinct rows: none twice").isEqualTo(rows);
      }
    }
    await("the second instance is ready again", Duration.ofSeconds(120), () -> ready(B));
  }

  private static String leasedBy(String importId) {
    try (var db = Api.database();
        var ps = db.prepareStatement("select j.leased_by from jobs j join imports i on i.job_id = j.id where i.id = ?")) {
      ps.setString(1, importId);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ProcessHandle secondInstance() {
    List<ProcessHandle> liberty =
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains("ws-server.jar") && c.contains(" " + NAME)).orElse(false)).toList();
    assertThat(liberty).as("the second instance's process").hasSize(1);
    return liberty.get(0);
  }

  private static void kill9SecondInstance() throws Exception {
    ProcessHandle liberty = secondInstance();
    new ProcessBuilder("kill", "-9", String.valueOf(liberty.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    liberty.onExit().get(10, TimeUnit.SECONDS);
  }

  private static void start() throws Exception {
    Process start = new ProcessBuilder(SERVER, "start", NAME).inheritIO().start();
    assertThat(start.waitFor(120, TimeUnit.SECONDS)).isTrue();
  }
}
