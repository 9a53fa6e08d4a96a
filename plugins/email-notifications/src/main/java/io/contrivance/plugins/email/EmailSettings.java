package io.contrivance.plugins.email;

import io.contrivance.api.ConfigField;
import io.contrivance.api.PluginSettings;
import java.util.List;
import org.pf4j.Extension;

/** What an admin configures: the SMTP server, how to reach it, and the sender. */
@Extension
public class EmailSettings implements PluginSettings {

  static final String HOST = "smtp.host";
  static final String PORT = "smtp.port";
  static final String STARTTLS = "smtp.starttls";
  static final String SSL = "smtp.ssl";
  static final String USERNAME = "smtp.username";
  static final String PASSWORD = "smtp.password";
  static final String TIMEOUT = "smtp.timeout.seconds";
  static final String FROM = "from";

  @Override
  public List<ConfigField> fields() {
    return List.of(
        new ConfigField(HOST, "string", true, null, "The SMTP server's host name"),
        new ConfigField(PORT, "integer", false, "587", "Its port: 587 for STARTTLS, 465 for implicit TLS, 25 for neither"),
        new ConfigField(STARTTLS, "boolean", false, "true", "Require STARTTLS before sending (port 587)"),
        new ConfigField(SSL, "boolean", false, "false", "Connect with TLS from the start (port 465)"),
        new ConfigField(USERNAME, "string", false, null, "The user to sign in as; none: send without signing in"),
        new ConfigField(PASSWORD, "secret", false, null, "That user's password"),
        new ConfigField(TIMEOUT, "integer", false, "20", "Seconds to wait for the server before a send fails (and is tried again later)"),
        new ConfigField(FROM, "string", true, null, "The sender, e.g. Contrivance <crm@example.com>"));
  }
}
