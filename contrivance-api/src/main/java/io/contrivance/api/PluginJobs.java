package io.contrivance.api;

import java.time.Duration;

/**
 * Work a plugin wants done later, or again until it succeeds, through the application's durable
 * job queue: it survives restarts, runs on one instance at a time, and is retried with backoff when
 * it throws. The work itself is the plugin's {@link PluginJob} of that kind.
 */
public interface PluginJobs {

  /**
   * Schedules a job of this plugin.
   *
   * @param kind which of the plugin's {@link PluginJob}s runs it
   * @param payload what the job needs, as text (JSON, an id)
   * @param delay how long to wait before it may run (zero: now)
   * @param idempotencyKey makes the job unique within the plugin: scheduling the same key again
   *     returns the first job's id (null: no key)
   * @return the job's id
   */
  String schedule(String kind, String payload, Duration delay, String idempotencyKey);
}
