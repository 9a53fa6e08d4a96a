package io.contrivance.server.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Worker threads that claim jobs and run them: each loops claim → run → complete or fail, and
 * sleeps for the poll interval when nothing is ready ({@link #wake} cuts the sleep short). While a
 * job runs, its lease is renewed at a third of its length, so only a dead worker loses a job.
 * Plain Java over a {@link JobQueue}: the server starts one per instance, tests start several on
 * one database.
 */
public final class JobRunner implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(JobRunner.class.getName());

  /** How a runner runs: its name in leases, its threads, the lease length and the idle poll interval. */
  public record Options(String worker, int threads, Duration lease, Duration pollInterval) {}

  private final JobQueue queue;
  private final Function<String, Optional<JobHandler>> handlers;
  private final Supplier<Collection<String>> readyKinds;
  private final Options options;
  private final List<Thread> threads = new ArrayList<>();
  private final ScheduledExecutorService renewer;
  private final Object idle = new Object();
  private volatile boolean running = true;

  /**
   * @param handlers the handler of each kind
   * @param readyKinds the kinds this runner may take now (those whose handlers can run here)
   */
  public JobRunner(JobQueue queue, Function<String, Optional<JobHandler>> handlers, Supplier<Collection<String>> readyKinds, Options options, ThreadFactory threadFactory) {
    this.queue = queue;
    this.handlers = handlers;
    this.readyKinds = readyKinds;
    this.options = options;
    this.renewer = Executors.newSingleThreadScheduledExecutor(threadFactory);
    for (int i = 0; i < options.threads(); i++) {
      Thread thread = threadFactory.newThread(this::loop);
      thread.setName("contrivance-jobs-" + options.worker() + "-" + (i + 1));
      thread.setDaemon(true);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  /** Something was enqueued: idle workers look now rather than at their next poll. */
  public void wake() {
    synchronized (idle) {
      idle.notifyAll();
    }
  }

  private void loop() {
    while (running) {
      boolean worked;
      try {
        worked = runOne();
      } catch (RuntimeException e) {
        // The database is away, for instance: wait a poll interval and try again.
        LOG.log(Level.WARNING, "the job worker could not claim a job", e);
        worked = false;
      }
      if (!worked && running) {
        synchronized (idle) {
          try {
            idle.wait(options.pollInterval().toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  /** Claims and runs one job; false if none was ready. */
  boolean runOne() {
    Optional<Job> claimed = queue.claim(options.worker(), options.lease(), readyKinds.get());
    if (claimed.isEmpty()) {
      return false;
    }
    Job job = claimed.get();
    long every = Math.max(1, options.lease().toMillis() / 3);
    ScheduledFuture<?> renewal =
        renewer.scheduleWithFixedDelay(() -> renew(job), every, every, TimeUnit.MILLISECONDS);
    try {
      Optional<JobHandler> handler = handlers.apply(job.kind());
      if (handler.isEmpty()) {
        throw new IllegalStateException("no handler for jobs of kind '" + job.kind() + "'");
      }
      handler.get().run(context(job));
      renewal.cancel(false);
      queue.complete(job.id(), options.worker());
    } catch (Exception | LinkageError e) {
      renewal.cancel(false);
      String state = queue.fail(job, options.worker(), e.getClass().getSimpleName() + ": " + e.getMessage());
      String what = "job " + job.id() + " (" + job.kind() + ") failed on try " + job.attempts() + " of " + job.maxAttempts() + "; now " + state;
      if ("dead".equals(state)) {
        LOG.log(Level.WARNING, what, e);
      } else {
        LOG.info(what + ": " + e);
      }
    }
    return true;
  }

  private void renew(Job job) {
    try {
      queue.renew(job.id(), options.worker(), options.lease());
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "could not renew the lease of job " + job.id(), e);
    }
  }

  private JobContext context(Job job) {
    return new JobContext() {
      @Override
      public Job job() {
        return job;
      }

      @Override
      public boolean once(String effectKey, Effect effect) throws Exception {
        if (queue.effectDone(effectKey)) {
          return false;
        }
        effect.run();
        queue.recordEffect(effectKey, job.id());
        return true;
      }
    };
  }

  @Override
  public void close() {
    running = false;
    wake();
    for (Thread thread : threads) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    renewer.shutdownNow();
  }
}
