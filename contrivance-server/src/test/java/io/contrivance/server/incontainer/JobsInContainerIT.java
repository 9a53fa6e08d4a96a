package io.contrivance.server.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrivance.server.job.Job;
import io.contrivance.server.job.JobContext;
import io.contrivance.server.job.JobHandler;
import io.contrivance.server.job.JobRequest;
import io.contrivance.server.job.Jobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The job queue inside the application: its workers run handler beans of this deployment. */
@ExtendWith(ArquillianExtension.class)
class JobsInContainerIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application(JobsInContainerIT.class, Probe.class, Failing.class);
  }

  /** Counts runs per payload. */
  @ApplicationScoped
  public static class Probe implements JobHandler {
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    @Override
    public String kind() {
      return "test.probe";
    }

    @Override
    public void run(JobContext context) {
      RUNS.computeIfAbsent(context.job().payload(), k -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** Always fails. */
  @ApplicationScoped
  public static class Failing implements JobHandler {
    @Override
    public String kind() {
      return "test.failing";
    }

    @Override
    public void run(JobContext context) {
      throw new IllegalStateException("the far end is down");
    }
  }

  @Inject Jobs jobs;
  @Inject UserTransaction transaction;

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what);
      Thread.sleep(50);
    }
  }

  @Test
  void jobsEnqueuedInACommittedTransaction_runOnce_andThoseOfARolledBackOneNever() throws Exception {
    transaction.begin();
    for (int i = 0; i < 20; i++) {
      jobs.enqueue(JobRequest.of("test.probe", "committed-" + i));
      jobs.enqueue(JobRequest.of("test.probe", "committed-" + i).idempotencyKey("probe-" + i)); // the same job twice
      jobs.enqueue(JobRequest.of("test.probe", "committed-" + i).idempotencyKey("probe-" + i));
    }
    transaction.commit();
    transaction.begin();
    jobs.enqueue(JobRequest.of("test.probe", "rolled-back"));
    transaction.rollback();

    await("all ran", () -> Probe.RUNS.keySet().stream().filter(k -> k.startsWith("committed-")).count() == 20 && Probe.RUNS.values().stream().mapToInt(AtomicInteger::get).sum() >= 40);
    Thread.sleep(1_000);
    for (int i = 0; i < 20; i++) {
      assertEquals(2, Probe.RUNS.get("committed-" + i).get(), "one plain job and one keyed job (enqueued twice) for " + i);
    }
    assertTrue(!Probe.RUNS.containsKey("rolled-back"), "a job of a rolled-back transaction does not exist");
  }

  @Test
  void aJobThatKeepsFailing_isDeadAfterItsTries_andAnAdminCanRetryIt() throws Exception {
    String id = jobs.enqueue(JobRequest.of("test.failing", "{}").attempts(3));
    await("dead", () -> jobs.queue().get(id).map(Job::state).orElse("").equals("dead"));
    Job dead = jobs.queue().get(id).orElseThrow();
    assertEquals(3, dead.attempts());
    assertTrue(dead.lastError().contains("the far end is down"));
    assertTrue(jobs.queue().retry(id));
    await("dead again", () -> jobs.queue().get(id).map(j -> j.state().equals("dead") && j.attempts() == 3).orElse(false));
    assertTrue(jobs.queue().discard(id));
    assertEquals("discarded", jobs.queue().get(id).orElseThrow().state());
  }
}
