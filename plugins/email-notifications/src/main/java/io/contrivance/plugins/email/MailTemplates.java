package io.contrivance.plugins.email;

import io.contrivance.api.Notification;
import io.contrivance.api.Recipient;
import java.util.List;

/** The mails' subject, plain text and HTML, from the notification; every value escaped in the HTML. */
final class MailTemplates {

  /** A mail's content. */
  record Mail(String subject, String text, String html) {}

  private MailTemplates() {}

  static Mail one(Recipient to, Notification n) {
    String text = "Hello " + to.name() + ",\n\n" + n.title() + "\n\n" + n.body() + "\n" + (n.link() == null ? "" : "\nOpen it: " + n.link() + "\n") + footerText();
    String html =
        page(
            "<p>Hello " + escape(to.name()) + ",</p>"
                + "<h2 style=\"font-size:18px;margin:16px 0 8px\">" + escape(n.title()) + "</h2>"
                + "<p>" + escape(n.body()) + "</p>"
                + (n.link() == null ? "" : "<p><a href=\"" + escape(n.link()) + "\" style=\"color:#2563eb\">Open in Contrivance</a></p>"));
    return new Mail(n.title(), text, html);
  }

  static Mail digest(Recipient to, List<Notification> all) {
    String subject = "Your Contrivance digest: " + all.size() + (all.size() == 1 ? " notification" : " notifications");
    StringBuilder text = new StringBuilder("Hello " + to.name() + ",\n\nHere is what happened since your last digest:\n\n");
    StringBuilder items = new StringBuilder();
    for (Notification n : all) {
      text.append("- ").append(n.title()).append('\n').append("  ").append(n.body()).append('\n');
      if (n.link() != null) {
        text.append("  ").append(n.link()).append('\n');
      }
      items.append("<li style=\"margin-bottom:12px\"><strong>")
          .append(n.link() == null ? escape(n.title()) : "<a href=\"" + escape(n.link()) + "\" style=\"color:#2563eb\">" + escape(n.title()) + "</a>")
          .append("</strong><br>")
          .append(escape(n.body()))
          .append("</li>");
    }
    text.append(footerText());
    String html = page("<p>Hello " + escape(to.name()) + ",</p><p>Here is what happened since your last digest:</p><ul>" + items + "</ul>");
    return new Mail(subject, text.toString(), html);
  }

  private static String footerText() {
    return "\n--\nYou get this because of your notification preferences in Contrivance.\n";
  }

  private static String page(String content) {
    return "<!DOCTYPE html><html><body style=\"font-family:system-ui,sans-serif;color:#111827;max-width:600px\">"
        + content
        + "<p style=\"color:#6b7280;font-size:12px;margin-top:24px\">You get this because of your notification preferences in Contrivance.</p></body></html>";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
