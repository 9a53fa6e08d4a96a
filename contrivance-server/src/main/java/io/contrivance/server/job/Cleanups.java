package io.contrivance.server.job;

import io.contrivance.server.auth.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.logging.Logger;

/** The recurring cleanups of the ground floor's data: expired refresh tokens and finished jobs. */
final class Cleanups {

  private static final Logger LOG = Logger.getLogger(Cleanups.class.getName());

  private Cleanups() {}

  /** Refresh tokens a day past their expiry, and the sessions they leave empty. */
  @ApplicationScoped
  static class ExpiredTokens implements JobHandler {
    @Inject Sessions sessions;
    @Inject Clock clock;

    @Override
    public String kind() {
      return "cleanup.refresh_tokens";
    }

    @Override
    public Optional<Duration> every() {
      return Optional.of(Duration.ofHours(1));
    }

    @Override
    public void run(JobContext context) {
      int purged = sessions.purgeExpired(OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofDays(1)), ZoneOffset.UTC));
      LOG.fine(() -> "purged " + purged + " expired refresh tokens");
    }
  }

  /** Done and discarded jobs after a week (dead ones stay until an admin retries or discards them). */
  @ApplicationScoped
  static class FinishedJobs implements JobHandler {
    @Inject Jobs jobs;
    @Inject Clock clock;

    @Override
    public String kind() {
      return "cleanup.jobs";
    }

    @Override
    public Optional<Duration> every() {
      return Optional.of(Duration.ofHours(1));
    }

    @Override
    public void run(JobContext context) {
      int purged = jobs.queue().purgeFinished(clock.instant().minus(Duration.ofDays(7)));
      LOG.fine(() -> "purged " + purged + " finished jobs");
    }
  }
}
