/**
 * The durable job queue: work that must happen once, possibly later, possibly again after a
 * failure, on whichever server instance gets to it first — notification emails, digests, cleanups.
 *
 * <p>Jobs are rows of PostgreSQL's {@code jobs} table; nothing else is needed to run several
 * instances. A worker claims the most urgent ready job with {@code FOR UPDATE SKIP LOCKED} (so two
 * workers never take the same one and never wait for each other) and holds it under a lease that it
 * renews while the job runs. If the worker dies, the lease runs out and another worker claims the
 * job again. A failed job is tried again after an exponential backoff with jitter, and after its
 * last try it is dead: kept for an admin to retry or discard.
 *
 * <p>A job may run more than once (its worker can die after its work but before marking it done),
 * so a job with an outside effect records it under a key in {@code job_effects} and checks the key
 * first ({@link JobContext#once}); enqueuing with an idempotency key makes a job itself unique.
 *
 * <p>{@link JobQueue} holds the SQL and needs only a {@code DataSource}; {@link JobWorkers} runs the
 * claim loop; {@link Jobs} is how the rest of the server enqueues, inside its own transaction.
 */
package io.contrivance.server.job;
