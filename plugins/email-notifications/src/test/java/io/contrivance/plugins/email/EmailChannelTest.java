package io.contrivance.plugins.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.contrivance.api.Notification;
import io.contrivance.api.PluginConfig;
import io.contrivance.api.PluginContext;
import io.contrivance.api.Recipient;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The channel against GreenMail, a real SMTP server on a loopback port. */
class EmailChannelTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

  private static final Recipient ADA = new Recipient("u1", "ada@example.com", "Ada <Lovelace>");

  private static PluginContext context(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(Map.of("smtp.host", "127.0.0.1", "smtp.port", String.valueOf(smtp.getSmtp().getPort()), "smtp.starttls", "false", "from", "Contrivance <crm@example.com>"));
    values.putAll(extra);
    return new PluginContext("email-notifications", new PluginConfig(values), System.getLogger("test"), Clock.systemUTC(), HttpClient.newHttpClient(), (kind, payload, delay, key) -> {
      throw new UnsupportedOperationException("no jobs here");
    });
  }

  private static Notification shared(String id, String sheet) {
    return new Notification(id, "sharing", "Bob shared “" + sheet + "” with you", "You can view and edit the sheet “" + sheet + "” now.", "http://localhost:9080/#/sheets/s1", Instant.now());
  }

  @Test
  void aNotification_isOneMailWithAPlainTextAndAnHtmlPart_escaped() throws Exception {
    new EmailChannel().deliver(context(Map.of()), ADA, shared("n1", "Q3 <deals>"));

    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails[0];
    assertThat(mail.getSubject()).isEqualTo("Bob shared “Q3 <deals>” with you");
    assertThat(mail.getAllRecipients()[0].toString()).contains("ada@example.com");
    assertThat(mail.getHeader("Message-ID")[0]).isEqualTo("<n1@contrivance>");
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat((String) parts.getBodyPart(0).getContent()).contains("Hello Ada <Lovelace>", "Q3 <deals>", "http://localhost:9080/#/sheets/s1");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat((String) parts.getBodyPart(1).getContent()).contains("Ada &lt;Lovelace&gt;", "Q3 &lt;deals&gt;", "href=\"http://localhost:9080/#/sheets/s1\"").doesNotContain("<deals>");
  }

  @Test
  void aDigest_isOneMailListingEveryNotification() throws Exception {
    new EmailChannel().digest(context(Map.of()), ADA, List.of(shared("n1", "Q3 deals"), shared("n2", "Renewals"), shared("n3", "EMEA")));

    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject()).isEqualTo("Your Contrivance digest: 3 notifications");
    String body = GreenMailUtil.getBody(mails[0]);
    assertThat(body).contains("Q3 deals", "Renewals", "EMEA");
  }

  @Test
  void withAUser_itSignsIn() throws Exception {
    smtp.setUser("crm", "s3cret");
    new EmailChannel().deliver(context(Map.of("smtp.username", "crm", "smtp.password", "s3cret")), ADA, shared("n1", "Q3 deals"));
    assertThat(smtp.getReceivedMessages()).hasSize(1);

    assertThatThrownBy(() -> new EmailChannel().deliver(context(Map.of("smtp.username", "crm", "smtp.password", "wrong")), ADA, shared("n2", "Q3 deals")))
        .isInstanceOf(MessagingException.class);
  }

  @Test
  void anUnreachableServer_failsTheSend_soThatItIsTriedAgain() {
    assertThatThrownBy(() -> new EmailChannel().deliver(context(Map.of("smtp.port", "1", "smtp.timeout.seconds", "2")), ADA, shared("n1", "Q3 deals")))
        .isInstanceOf(MessagingException.class);
  }
}
