package io.contrivance.server.it;

import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.json;
import static io.contrivance.server.it.Api.post;
import static io.contrivance.server.it.Api.put;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Email notifications end to end: the bundled email plugin configured through the admin API, the
 * server's job queue sending through it to GreenMail (a real SMTP server, in this test's process).
 * The test server retries after 0.5 s (doubling) and sends digests every 10 s instead of daily.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailIT {

  private static final int PORT = Integer.getInteger("it.smtp.port", 3925);
  private static final String PLUGIN = "email-notifications";
  private static GreenMail smtp;

  private static GreenMail startSmtp() {
    GreenMail mail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    mail.setUser("crm", "s3cret");
    return mail;
  }

  @BeforeAll
  static void configureThePlugin() {
    smtp = startSmtp();
    String admin = Api.admin().accessToken();
    JsonObject plugin = get("/api/admin/plugins", admin).json().getJsonArray("data").getValuesAs(JsonObject.class).stream().filter(p -> p.getString("id").equals(PLUGIN)).findFirst().orElseThrow();
    assertThat(plugin.getString("state")).as("bundled, and disabled until configured").isEqualTo("disabled");

    Api.Reply unconfigured = post("/api/admin/plugins/" + PLUGIN + "/enable", admin, "");
    assertThat(unconfigured.status()).isEqualTo(422);
    assertThat(unconfigured.toString()).contains("smtp.host");

    Api.Reply bad = put("/api/admin/plugins/" + PLUGIN + "/config", admin, "{\"smtp.port\":\"many\",\"smtp.colour\":\"blue\"}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.toString()).contains("\"smtp.port\"", "\"smtp.colour\"");

    Api.Reply configured =
        put("/api/admin/plugins/" + PLUGIN + "/config", admin,
            "{\"smtp.host\":\"127.0.0.1\",\"smtp.port\":" + PORT + ",\"smtp.starttls\":false,\"smtp.username\":\"crm\",\"smtp.password\":\"s3cret\",\"from\":\"Contrivance <crm@example.com>\"}");
    assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
    JsonObject password = field(configured.data(), "smtp.password");
    assertThat(password.getBoolean("set")).isTrue();
    assertThat(password.getOrDefault("value", JsonValue.NULL)).as("a secret is never returned").isEqualTo(JsonValue.NULL);
    assertThat(get("/api/admin/plugins/" + PLUGIN + "/config", admin).toString()).doesNotContain("s3cret");
    assertThat(field(configured.data(), "smtp.host").getString("value")).isEqualTo("127.0.0.1");

    Api.Reply enabled = post("/api/admin/plugins/" + PLUGIN + "/enable", admin, "");
    assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
    assertThat(enabled.data().getString("state")).isEqualTo("started");
    assertThat(enabled.data().getJsonArray("provides").toString()).contains("notification_channel:email");
  }

  private static JsonObject field(JsonObject config, String name) {
    return config.getJsonArray("fields").getValuesAs(JsonObject.class).stream().filter(f -> f.getString("name").equals(name)).findFirst().orElseThrow();
  }

  @AfterAll
  static void disableThePlugin() {
    post("/api/admin/plugins/" + PLUGIN + "/disable", Api.admin().accessToken(), "");
    if (smtp != null) {
      smtp.stop();
    }
  }

  private static List<MimeMessage> mailsTo(GreenMail mail, String address) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
      try {
        for (Address a : m.getAllRecipients()) {
          if (a.toString().contains(address)) {
            return true;
          }
        }
        return false;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static String share(Api.Session owner, Api.Session with, String name) {
    String sheet = post("/api/spreadsheets", owner.accessToken(), json("name", name, "template", "sales_pipeline")).data().getString("id");
    assertThat(post("/api/spreadsheets/" + sheet + "/collaborators", owner.accessToken(), json("email", with.email(), "role", "editor")).status()).isEqualTo(200);
    return sheet;
  }

  @Test
  @Order(1)
  void aShare_sendsOneMail_withAPlainTextAndAnHtmlPart() throws Exception {
    Api.Session owner = Api.newUser();
    Api.Session colleague = Api.newUser();
    String sheet = share(owner, colleague, "Q3 deals");

    await("the mail arrives", Duration.ofSeconds(20), () -> !mailsTo(smtp, colleague.email()).isEmpty());
    Thread.sleep(1_000); // and no second one follows
    List<MimeMessage> mails = mailsTo(smtp, colleague.email());
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails.get(0);
    assertThat(mail.getSubject()).isEqualTo("Test User shared “Q3 deals” with you");
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat((String) parts.getBodyPart(0).getContent()).contains("/#/sheets/" + sheet);
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat((String) parts.getBodyPart(1).getContent()).contains("href=\"http://localhost:9080/#/sheets/" + sheet + "\"");
  }

  @Test
  @Order(2)
  void withTheSmtpServerDown_theMailIsTriedAgainWithGrowingWaits_andDeliveredOnceWhenItIsBack() throws Exception {
    Api.Session owner = Api.newUser();
    Api.Session colleague = Api.newUser();
    smtp.stop();
    try {
      share(owner, colleague, "While down");
      await("tried three times", Duration.ofSeconds(30), () -> attempts(colleague) >= 3);
    } finally {
      smtp = startSmtp();
    }
    await("delivered once the server is back", Duration.ofSeconds(60), () -> !mailsTo(smtp, colleague.email()).isEmpty());
    await("the job is done", Duration.ofSeconds(10), () -> "done".equals(jobState(colleague)));
    Thread.sleep(1_000);
    assertThat(mailsTo(smtp, colleague.email())).hasSize(1);
    assertThat(lastError(colleague)).as("the job kept no error once it succeeded").isNull();

    // What admins see of it.
    String admin = Api.admin().accessToken();
    String job = (String) Api.emailJob(colleague, "id");
    Api.Reply seen = get("/api/jobs/" + job, admin);
    assertThat(seen.data().getString("state")).isEqualTo("done");
    assertThat(seen.data().getInt("attempts")).isGreaterThanOrEqualTo(4);
    assertThat(seen.data().getString("queue")).isEqualTo("email");
    assertThat(seen.toString()).as("the payload is not shown").doesNotContain("payload");
    assertThat(get("/api/jobs/" + job, colleague.accessToken()).status()).isEqualTo(403);
    assertThat(post("/api/jobs/" + job + "/retry", admin, "").status()).as("only a dead job is retried").isEqualTo(409);
    assertThat(get("/api/jobs/no-such-job", admin).status()).isEqualTo(404);
    JsonObject email = get("/api/queue-stats", admin).data().getJsonArray("queues").getValuesAs(JsonObject.class).stream().filter(q -> q.getString("queue").equals("email")).findFirst().orElseThrow();
    assertThat(email.getInt("done")).isGreaterThanOrEqualTo(2);
    assertThat(email.containsKey("oldest_waiting_seconds")).isTrue();
    assertThat(get("/api/queue-stats", colleague.accessToken()).status()).isEqualTo(403);
  }

  @Test
  @Order(3)
  void aDigest_groupsTheNotificationsOfAPeriodIntoOneMail() throws Exception {
    Api.Session owner = Api.newUser();
    Api.Session colleague = Api.newUser();
    assertThat(put("/api/notifications/preferences", colleague.accessToken(), "{\"preferences\":{\"sharing\":\"digest\"}}").status()).isEqualTo(200);
    share(owner, colleague, "Renewals");
    share(owner, colleague, "EMEA expansion");
    share(owner, colleague, "Partners");

    await("the digest arrives", Duration.ofSeconds(60), () -> !mailsTo(smtp, colleague.email()).isEmpty());
    Thread.sleep(1_000);
    List<MimeMessage> mails = mailsTo(smtp, colleague.email());
    assertThat(mails).as("one digest, no single mails").hasSize(1);
    assertThat(mails.get(0).getSubject()).isEqualTo("Your Contrivance digest: 3 notifications");
    assertThat(GreenMailUtil.getBody(mails.get(0))).contains("Renewals", "EMEA expansion", "Partners");
    assertThat(get("/api/notifications", colleague.accessToken()).data().getInt("unread_count")).as("still in the app too").isEqualTo(3);
  }

  private static int attempts(Api.Session user) {
    Object attempts = Api.emailJob(user, "attempts");
    return attempts == null ? 0 : ((Number) attempts).intValue();
  }

  private static String jobState(Api.Session user) {
    return (String) Api.emailJob(user, "state");
  }

  private static String lastError(Api.Session user) {
    return (String) Api.emailJob(user, "last_error");
  }
}
