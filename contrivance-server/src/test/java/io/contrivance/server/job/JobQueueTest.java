package io.contrivance.server.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue against a real PostgreSQL with the server's migrations: several runners on one database, as several instances are. */
class JobQueueTest {

  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;

  @BeforeAll
  static void database() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @BeforeEach
  void empty() throws Exception {
    try (var c = dataSource.getConnection(); var s = c.createStatement()) {
      s.execute("delete from jobs; delete from job_effects");
    }
  }

  private static JobRunner runner(JobQueue queue, String worker, int threads, Duration lease, JobHandler... handlers) {
    return new JobRunner(
        queue,
        kind -> List.of(handlers).stream().filter(h -> h.handles(kind)).findFirst(),
        () -> List.of(handlers).stream().flatMap(h -> h.readyKinds().stream()).toList(),
        new JobRunner.Options(worker, threads, lease, Duration.ofMillis(20)),
        Thread::new);
  }

  private static JobHandler handler(String kind, JobHandlerBody body) {
    return new JobHandler() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public void run(JobContext context) throws Exception {
        body.run(context);
      }
    };
  }

  @FunctionalInterface
  interface JobHandlerBody {
    void run(JobContext context) throws Exception;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void twoInstancesWorkers_runEveryJobOnce_andNeverTheSameJobAtOnce() throws Exception {
    JobQueue queue = new JobQueue(dataSource);
    int jobs = 300;
    for (int i = 0; i < jobs; i++) {
      queue.enqueue(JobRequest.of("test.work", "{\"n\":" + i + "}"));
    }
    Set<String> runningNow = ConcurrentHashMap.newKeySet();
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> byWorker = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    JobHandlerBody body =
        context -> {
          if (!runningNow.add(context.job().id())) {
            overlaps.incrementAndGet();
          }
          runs.computeIfAbsent(context.job().id(), id -> new AtomicInteger()).incrementAndGet();
          byWorker.computeIfAbsent(context.job().leasedBy(), w -> new AtomicInteger()).incrementAndGet();
          Thread.sleep(1);
          runningNow.remove(context.job().id());
        };
    try (JobRunner a = runner(queue, "instance-a", 3, Duration.ofSeconds(30), handler("test.work", body));
        JobRunner b = runner(queue, "instance-b", 3, Duration.ofSeconds(30), handler("test.work", body))) {
      await("all jobs done", () -> done(queue) == jobs);
    }
    assertThat(overlaps).hasValue(0);
    assertThat(runs).hasSize(jobs);
    assertThat(runs.values()).allSatisfy(n -> assertThat(n).hasValue(1));
    assertThat(byWorker.keySet()).as("both instances took jobs").containsExactlyInAnyOrder("instance-a", "instance-b");
  }

  private static long done(JobQueue queue) {
    return queue.counts().stream().filter(c -> c.state().equals("done")).mapToLong(JobQueue.Count::count).sum();
  }

  @Test
  void aFailingJob_isTriedAgainAfterGrowingWaits_thenDead_andAnAdminCanRetryIt() throws Exception {
    JobQueue queue = new JobQueue(dataSource, Duration.ofMillis(100));
    String id = queue.enqueue(JobRequest.of("test.fail", "{}").attempts(4));
    List<Instant> tries = new CopyOnWriteArrayList<>();
    try (JobRunner runner = runner(queue, "w", 1, Duration.ofSeconds(30), handler("test.fail", c -> {
      tries.add(Instant.now());
      throw new IllegalStateException("SMTP is down");
    }))) {
      await("dead after 4 tries", () -> queue.get(id).orElseThrow().state().equals("dead"));
    }
    Job dead = queue.get(id).orElseThrow();
    assertThat(dead.attempts()).isEqualTo(4);
    assertThat(dead.lastError()).contains("SMTP is down");
    assertThat(tries).hasSize(4);
    // Waits of 100, 200 and 400 ms before jitter; with equal jitter each is at least half of that.
    for (int i = 1; i < tries.size(); i++) {
      long waited = Duration.between(tries.get(i - 1), tries.get(i)).toMillis();
      assertThat(waited).as("wait before try " + (i + 1)).isGreaterThanOrEqualTo((100L << (i - 1)) / 2);
    }

    assertThat(queue.retry(id)).isTrue();
    assertThat(queue.get(id).orElseThrow().state()).isEqualTo("waiting");
    assertThat(queue.get(id).orElseThrow().attempts()).isZero();
    assertThat(queue.discard(id)).isTrue();
    assertThat(queue.get(id).orElseThrow().state()).isEqualTo("discarded");
    assertThat(queue.discard(id)).as("discarded already").isFalse();
  }

  @Test
  void theBackoff_doublesWithEachTry_withHalfOfItRandom_andIsCapped() {
    JobQueue queue = new JobQueue(dataSource, Duration.ofSeconds(2));
    for (int attempts = 1; attempts <= 30; attempts++) {
      long base = Math.min(2_000L << Math.min(attempts - 1, 20), JobQueue.MAX_BACKOFF.toMillis());
      long wait = queue.backoff(attempts).toMillis();
      assertThat(wait).isBetween(base / 2, base);
    }
  }

  @Test
  void aJobWhoseWorkerDied_isTakenAgainWhenItsLeaseRunsOut_andItsRecordedEffectIsNotRepeated() throws Exception {
    JobQueue queue = new JobQueue(dataSource);
    String first = queue.enqueue(JobRequest.of("test.mail", "{\"to\":\"ada\"}"));
    String second = queue.enqueue(JobRequest.of("test.mail", "{\"to\":\"bob\"}"));
    // A worker claims both and dies: after the first job's mail went out and was recorded, and before the second's.
    Job claimedFirst = queue.claim("dying", Duration.ofMillis(300), List.of("test.mail")).orElseThrow();
    Job claimedSecond = queue.claim("dying", Duration.ofMillis(300), List.of("test.mail")).orElseThrow();
    assertThat(List.of(claimedFirst.id(), claimedSecond.id())).containsExactlyInAnyOrder(first, second);
    queue.recordEffect("mail:" + first, first);

    Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    try (JobRunner runner = runner(queue, "survivor", 1, Duration.ofSeconds(30), handler("test.mail", c -> {
      c.once("mail:" + c.job().id(), () -> sent.computeIfAbsent(c.job().id(), k -> new AtomicInteger()).incrementAndGet());
    }))) {
      await("both done", () -> done(queue) == 2);
    }
    assertThat(sent).as("only the mail that had not gone out is sent").containsOnlyKeys(second);
    assertThat(sent.get(second)).hasValue(1);
    assertThat(queue.get(first).orElseThrow().attempts()).as("taken again").isEqualTo(2);
    assertThat(queue.get(first).orElseThrow().leasedBy()).isEqualTo("survivor");
  }

  @Test
  void aWorkerStillRunningAJob_keepsItsLease() throws Exception {
    JobQueue queue = new JobQueue(dataSource);
    String id = queue.enqueue(JobRequest.of("test.slow", "{}"));
    AtomicInteger runs = new AtomicInteger();
    JobHandler slow = handler("test.slow", c -> {
      runs.incrementAndGet();
      Thread.sleep(1_000);
    });
    // Leases of 200 ms renewed every ~66 ms: the other runner must never take the job meanwhile.
    try (JobRunner a = runner(queue, "a", 1, Duration.ofMillis(200), slow);
        JobRunner b = runner(queue, "b", 1, Duration.ofMillis(200), slow)) {
      await("done", () -> queue.get(id).orElseThrow().state().equals("done"));
    }
    assertThat(runs).hasValue(1);
    assertThat(queue.get(id).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void aWorker_takesOnlyTheKindsItCanRunNow() {
    JobQueue queue = new JobQueue(dataSource);
    String mail = queue.enqueue(JobRequest.of("test.mail", "{}").priority(10));
    String cleanup = queue.enqueue(JobRequest.of("test.cleanup", "{}"));
    assertThat(queue.claim("without-mail", Duration.ofSeconds(30), List.of("test.cleanup")).map(Job::id)).contains(cleanup);
    assertThat(queue.claim("without-mail", Duration.ofSeconds(30), List.of("test.cleanup"))).as("the mail waits for a worker that can send it").isEmpty();
    assertThat(queue.claim("with-mail", Duration.ofSeconds(30), List.of("test.mail", "test.cleanup")).map(Job::id)).contains(mail);
  }

  @Test
  void anIdempotencyKey_enqueuesOneJob() {
    JobQueue queue = new JobQueue(dataSource);
    String a = queue.enqueue(JobRequest.of("test.once", "{}").idempotencyKey("share:1:ada"));
    String b = queue.enqueue(JobRequest.of("test.once", "{}").idempotencyKey("share:1:ada"));
    assertThat(b).isEqualTo(a);
    assertThat(queue.counts()).extracting(JobQueue.Count::count).containsExactly(1L);
  }

  @Test
  void moreUrgentJobs_areClaimedFirst_thenOlderOnes_andDelayedOnesWait() {
    JobQueue queue = new JobQueue(dataSource);
    String later = queue.enqueue(JobRequest.of("test.p", "{}").after(Duration.ofHours(1)).priority(100));
    String low = queue.enqueue(JobRequest.of("test.p", "{}"));
    String high = queue.enqueue(JobRequest.of("test.p", "{}").priority(5));
    assertThat(queue.claim("w", Duration.ofSeconds(30), List.of("test.p")).map(Job::id)).contains(high);
    assertThat(queue.claim("w", Duration.ofSeconds(30), List.of("test.p")).map(Job::id)).contains(low);
    assertThat(queue.claim("w", Duration.ofSeconds(30), List.of("test.p"))).as("the delayed job is not ready").isEmpty();
    assertThat(queue.get(later).orElseThrow().state()).isEqualTo("waiting");
    Optional<JobQueue.Count> waiting = queue.counts().stream().filter(c -> c.state().equals("waiting")).findFirst();
    assertThat(waiting.orElseThrow().oldestSeconds()).as("a job not ready yet has not been waiting").isZero();
  }
}
