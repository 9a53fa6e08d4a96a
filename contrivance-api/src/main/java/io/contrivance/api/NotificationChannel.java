package io.contrivance.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Delivers notifications to people outside the application (email, chat). The application decides
 * who gets what and when from each person's preferences; a channel only delivers. Calls come from
 * the application's job queue: throwing fails this try, and the same notification comes again after
 * a backoff (so a delivery should be idempotent by {@link Notification#id} where the channel can
 * manage it).
 */
public interface NotificationChannel extends ExtensionPoint {

  /** The channel's name in preferences; {@code email} for email. */
  String channel();

  /** Delivers one notification to one person now. */
  void deliver(PluginContext context, Recipient to, Notification notification) throws Exception;

  /** Delivers a day's notifications to one person as one message; by default one by one. */
  default void digest(PluginContext context, Recipient to, List<Notification> notifications) throws Exception {
    for (Notification notification : notifications) {
      deliver(context, to, notification);
    }
  }
}
