package io.contrivance.server.job;

import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;

/**
 * A job as stored. {@code state} is {@code waiting}, {@code running}, {@code done}, {@code dead} or
 * {@code discarded}. As JSON (admins' view) without its payload: that is the handler's business and
 * may hold addresses.
 */
public record Job(
    String id,
    String queue,
    String kind,
    @JsonbTransient String payload,
    int priority,
    String state,
    int attempts,
    int maxAttempts,
    Instant runAt,
    Instant leaseUntil,
    String leasedBy,
    String idempotencyKey,
    String lastError,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt) {}
