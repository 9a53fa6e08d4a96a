package io.contrivance.server.notify;

import io.contrivance.api.Notification;
import io.contrivance.api.Recipient;
import io.contrivance.server.bootstrap.Settings;
import io.contrivance.server.job.JobContext;
import io.contrivance.server.job.JobHandler;
import io.contrivance.server.job.JobRequest;
import io.contrivance.server.job.Jobs;
import io.contrivance.server.plugin.PluginHost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The jobs that take notifications out of the app: one email per notification for people who want
 * them at once, a digest per person per period for those who want a digest, and the cleanup of old
 * notifications. Mail goes through the started plugin that provides the {@code email} channel; each
 * send is recorded as the job's effect, so a job run again after its worker died does not send
 * twice.
 */
final class EmailJobs {

  static final String SEND = "notify.email";
  static final String DIGESTS = "notify.digests";
  static final String DIGEST = "notify.digest";

  private static final Logger LOG = Logger.getLogger(EmailJobs.class.getName());

  private EmailJobs() {}

  static Notification toChannel(Notifications.Stored stored, Settings settings) {
    String link = stored.link() == null ? null : settings.publicUrl() + stored.link();
    return new Notification(stored.id(), stored.category(), stored.title(), stored.body(), link, stored.createdAt());
  }

  /** Sends one notification by email. */
  @ApplicationScoped
  static class Send implements JobHandler {
    @Inject Notifications notifications;
    @Inject PluginHost plugins;
    @Inject Settings settings;

    @Override
    public String kind() {
      return SEND;
    }

    @Override
    public boolean ready() {
      return plugins.channel("email").isPresent();
    }

    @Override
    public void run(JobContext context) throws Exception {
      String id = context.job().payload();
      Optional<Notifications.ForDelivery> delivery = notifications.forDelivery(id);
      if (delivery.isEmpty()) {
        return; // deleted meanwhile, with its user
      }
      // Disabled since this job was claimed: tried again later, here or elsewhere.
      PluginHost.Channel channel = plugins.channel("email").orElseThrow(() -> new IllegalStateException("no started plugin delivers email on this instance now"));
      Notifications.ForDelivery d = delivery.get();
      context.once(SEND + ":" + id, () -> channel.extension().deliver(plugins.context(channel.pluginId()), new Recipient(d.userId(), d.email(), d.name()), toChannel(d.notification(), settings)));
    }
  }

  /** Once a period: a digest job for each person with digest notifications waiting. */
  @ApplicationScoped
  static class Digests implements JobHandler {
    @Inject Notifications notifications;
    @Inject Jobs jobs;
    @Inject Settings settings;
    @Inject Clock clock;

    @Override
    public String kind() {
      return DIGESTS;
    }

    @Override
    public Optional<Duration> every() {
      return Optional.of(settings.digestPeriod());
    }

    @Override
    public void run(JobContext context) {
      // The digest holds what was made before the start of this period: a whole period's notifications.
      long period = settings.digestPeriod().toSeconds();
      Instant cutoff = Instant.ofEpochSecond(clock.instant().getEpochSecond() / period * period);
      for (String userId : notifications.usersWithDigest(cutoff)) {
        jobs.enqueue(JobRequest.of(DIGEST, userId + "@" + cutoff.getEpochSecond()).onQueue("email").idempotencyKey(DIGEST + ":" + userId + "@" + cutoff.getEpochSecond()));
      }
    }
  }

  /** One person's digest: everything waiting for it, in one mail. */
  @ApplicationScoped
  static class Digest implements JobHandler {
    @Inject Notifications notifications;
    @Inject PluginHost plugins;
    @Inject Settings settings;

    @Override
    public String kind() {
      return DIGEST;
    }

    @Override
    public boolean ready() {
      return plugins.channel("email").isPresent();
    }

    @Override
    public void run(JobContext context) throws Exception {
      String[] parts = context.job().payload().split("@", 2);
      String userId = parts[0];
      Instant cutoff = Instant.ofEpochSecond(Long.parseLong(parts[1]));
      List<Notifications.ForDelivery> waiting = notifications.digestOf(userId, cutoff);
      if (waiting.isEmpty()) {
        return;
      }
      PluginHost.Channel channel = plugins.channel("email").orElseThrow(() -> new IllegalStateException("no started plugin delivers email on this instance now"));
      Notifications.ForDelivery first = waiting.get(0);
      Recipient to = new Recipient(first.userId(), first.email(), first.name());
      List<Notification> items = waiting.stream().map(d -> toChannel(d.notification(), settings)).toList();
      context.once(context.job().idempotencyKey(), () -> channel.extension().digest(plugins.context(channel.pluginId()), to, items));
      notifications.markDigested(waiting.stream().map(d -> d.notification().id()).toList());
    }
  }

  /** Read notifications after 90 days, any after a year. */
  @ApplicationScoped
  static class Cleanup implements JobHandler {
    @Inject Notifications notifications;
    @Inject Clock clock;

    @Override
    public String kind() {
      return "cleanup.notifications";
    }

    @Override
    public Optional<Duration> every() {
      return Optional.of(Duration.ofDays(1));
    }

    @Override
    public void run(JobContext context) {
      Instant now = clock.instant();
      int purged = notifications.purge(now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(365)));
      LOG.fine(() -> "purged " + purged + " old notifications");
    }
  }
}
