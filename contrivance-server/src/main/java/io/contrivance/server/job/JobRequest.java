package io.contrivance.server.job;

import java.time.Duration;
import java.util.Objects;

/**
 * A job to enqueue: which handler ({@code kind}) runs it with which payload, how urgent it is, when
 * it may start, how often it may be tried, and an optional key that makes it unique.
 */
public record JobRequest(String queue, String kind, String payload, int priority, Duration delay, int maxAttempts, String idempotencyKey) {

  public static final int DEFAULT_ATTEMPTS = 8;

  public JobRequest {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    delay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** A job of this kind on the queue of the same name, to run now, tried up to {@value #DEFAULT_ATTEMPTS} times. */
  public static JobRequest of(String kind, String payload) {
    return new JobRequest(kind.contains(".") ? kind.substring(0, kind.indexOf('.')) : kind, kind, payload, 0, Duration.ZERO, DEFAULT_ATTEMPTS, null);
  }

  public JobRequest onQueue(String name) {
    return new JobRequest(name, kind, payload, priority, delay, maxAttempts, idempotencyKey);
  }

  public JobRequest priority(int value) {
    return new JobRequest(queue, kind, payload, value, delay, maxAttempts, idempotencyKey);
  }

  public JobRequest after(Duration value) {
    return new JobRequest(queue, kind, payload, priority, value, maxAttempts, idempotencyKey);
  }

  public JobRequest attempts(int value) {
    return new JobRequest(queue, kind, payload, priority, delay, value, idempotencyKey);
  }

  /** At most one job with this key is ever enqueued; enqueuing it again returns the first one's id. */
  public JobRequest idempotencyKey(String value) {
    return new JobRequest(queue, kind, payload, priority, delay, maxAttempts, value);
  }
}
