package io.contrivance.server.auth;

import io.contrivance.server.bootstrap.Settings;
import io.contrivance.server.web.ApiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits login attempts per account and per client address (token buckets, refilled every minute).
 * Buckets are per server instance: with N instances behind a balancer an attacker gets N times the
 * budget, still far too little for guessing bcrypt-hashed passwords.
 */
@ApplicationScoped
public class LoginThrottle {

  private static final int MAX_TRACKED = 100_000;

  @Inject Settings settings;

  private final Map<String, Bucket> accounts = new ConcurrentHashMap<>();
  private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();

  /**
   * Takes one attempt from both budgets.
   *
   * @throws ApiException 429 with Retry-After when either is spent
   */
  public void attempt(String account, String address) {
    take(accounts, account, settings.loginAttemptsPerMinute());
    take(addresses, address, settings.loginAttemptsPerMinutePerAddress());
  }

  private static void take(Map<String, Bucket> buckets, String key, int perMinute) {
    if (buckets.size() > MAX_TRACKED) {
      buckets.clear(); // Crude but bounded: a flood of distinct keys cannot exhaust memory.
    }
    Bucket bucket =
        buckets.computeIfAbsent(
            key,
            k -> Bucket.builder().addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
      throw ApiException.tooManyRequests(seconds);
    }
  }
}
