package io.contrivance.plugins.email;

import io.contrivance.api.Notification;
import io.contrivance.api.NotificationChannel;
import io.contrivance.api.PluginConfig;
import io.contrivance.api.PluginContext;
import io.contrivance.api.Recipient;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.pf4j.Extension;

/** Sends each notification, or a digest, as one SMTP mail. */
@Extension
public class EmailChannel implements NotificationChannel {

  @Override
  public String channel() {
    return "email";
  }

  @Override
  public void deliver(PluginContext context, Recipient to, Notification notification) throws MessagingException {
    send(context, to, MailTemplates.one(to, notification), notification.id());
  }

  @Override
  public void digest(PluginContext context, Recipient to, List<Notification> notifications) throws MessagingException {
    send(context, to, MailTemplates.digest(to, notifications), "digest-" + notifications.get(0).id());
  }

  private static void send(PluginContext context, Recipient to, MailTemplates.Mail mail, String id) throws MessagingException {
    // Jakarta Mail finds its providers through the context class loader: make it this plugin's.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(EmailChannel.class.getClassLoader());
    try {
      Session session = session(context.config());
      MimeMessage message = new IdentifiedMessage(session, "<" + id + "@contrivance>");
      message.setFrom(new InternetAddress(context.config().require(EmailSettings.FROM)));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.email(), to.name(), StandardCharsets.UTF_8.name()));
      message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
      message.setSentDate(Date.from(context.clock().instant()));
      MimeBodyPart text = new MimeBodyPart();
      text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
      // Alternatives go from the plainest to the richest.
      message.setContent(new MimeMultipart("alternative", text, html));
      Transport.send(message);
      context.logger().log(System.Logger.Level.DEBUG, "sent mail " + id);
    } catch (UnsupportedEncodingException e) {
      throw new MessagingException("cannot encode the recipient's name", e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  static Session session(PluginConfig config) {
    String protocol = config.flag(EmailSettings.SSL, false) ? "smtps" : "smtp";
    String timeout = String.valueOf(config.integer(EmailSettings.TIMEOUT, 20) * 1000);
    Properties props = new Properties();
    props.put("mail.transport.protocol", protocol);
    props.put("mail." + protocol + ".host", config.require(EmailSettings.HOST));
    props.put("mail." + protocol + ".port", String.valueOf(config.integer(EmailSettings.PORT, 587)));
    props.put("mail." + protocol + ".connectiontimeout", timeout);
    props.put("mail." + protocol + ".timeout", timeout);
    props.put("mail." + protocol + ".writetimeout", timeout);
    if (config.flag(EmailSettings.STARTTLS, true)) {
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
    }
    Optional<String> user = config.get(EmailSettings.USERNAME);
    if (user.isEmpty()) {
      return Session.getInstance(props);
    }
    props.put("mail." + protocol + ".auth", "true");
    String password = config.get(EmailSettings.PASSWORD).orElse("");
    return Session.getInstance(props, new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(user.get(), password);
      }
    });
  }

  /** A message whose Message-ID names the notification, so a receiver can tell a repeat. */
  private static final class IdentifiedMessage extends MimeMessage {
    private final String messageId;

    IdentifiedMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
