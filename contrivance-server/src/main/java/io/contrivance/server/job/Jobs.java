package io.contrivance.server.job;

import io.contrivance.server.bootstrap.Database;
import io.contrivance.server.bootstrap.Settings;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's job queue: enqueue inside the caller's transaction (the job exists exactly when
 * what decided it was committed), and this instance's workers, which run every {@link JobHandler}
 * bean's jobs and enqueue the recurring ones ({@link JobHandler#every}) once per period across all
 * instances (by idempotency key).
 */
@ApplicationScoped
public class Jobs {

  private static final Logger LOG = Logger.getLogger(Jobs.class.getName());

  @Inject Database db;
  @Inject Settings settings;
  @Inject Instance<JobHandler> handlers;

  @Resource ManagedThreadFactory threads;
  @Resource TransactionSynchronizationRegistry transactions;

  private JobQueue queue;
  private JobRunner runner;
  private ScheduledExecutorService recurring;
  private final String worker = workerName();

  void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
    queue = new JobQueue(db.direct(), settings.jobFirstBackoff());
    List<JobHandler> all = handlers.stream().toList();
    runner =
        new JobRunner(
            queue,
            kind -> all.stream().filter(h -> h.handles(kind)).findFirst(),
            () -> all.stream().flatMap(h -> h.readyKinds().stream()).toList(),
            new JobRunner.Options(worker, settings.jobWorkers(), settings.jobLease(), Duration.ofSeconds(1)),
            threads);
    recurring = Executors.newSingleThreadScheduledExecutor(threads);
    // Often enough that no period is missed by much: a quarter of the shortest, at most a minute.
    long tick = all.stream().flatMap(h -> h.every().stream()).mapToLong(Duration::toSeconds).min().orElse(240) / 4;
    tick = Math.max(1, Math.min(60, tick));
    recurring.scheduleWithFixedDelay(() -> enqueueRecurring(all), Math.min(5, tick), tick, TimeUnit.SECONDS);
    LOG.info("Job workers started: " + settings.jobWorkers() + " threads as " + worker + ", lease " + settings.jobLease().toSeconds() + " s");
  }

  void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @BeforeDestroyed(ApplicationScoped.class) Object event) {
    if (recurring != null) {
      recurring.shutdownNow();
    }
    if (runner != null) {
      runner.close();
    }
  }

  /** Each recurring kind once per period: the key names the period, so the first instance to enqueue it wins. */
  private void enqueueRecurring(List<JobHandler> all) {
    try {
      long now = Instant.now().getEpochSecond();
      for (JobHandler handler : all) {
        Optional<Duration> every = handler.every();
        if (every.isPresent() && handler.readyKinds().contains(handler.kind())) {
          long period = Math.max(1, every.get().toSeconds());
          queue.enqueue(JobRequest.of(handler.kind(), "{}").priority(-10).attempts(3).idempotencyKey(handler.kind() + "@" + (now / period)));
        }
      }
      runner.wake();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not enqueue the recurring jobs", e);
    }
  }

  /**
   * Enqueues in the caller's transaction (or on its own if there is none); workers on this
   * instance look for it as soon as that transaction commits.
   */
  public String enqueue(JobRequest request) {
    String id = db.onRequestTransaction(connection -> JobQueue.enqueue(connection, request));
    if (transactions != null && transactions.getTransactionKey() != null) {
      transactions.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
              if (status == Status.STATUS_COMMITTED && runner != null) {
                runner.wake();
              }
            }
          });
    } else if (runner != null) {
      runner.wake();
    }
    return id;
  }

  /** Tells this instance's workers to look for work now (after a transaction that enqueued a job has committed). */
  public void wake() {
    if (runner != null) {
      runner.wake();
    }
  }

  public JobQueue queue() {
    return queue;
  }

  private static String workerName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "host";
    }
    return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
  }
}
