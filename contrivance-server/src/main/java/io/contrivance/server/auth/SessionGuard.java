package io.contrivance.server.auth;

import io.contrivance.server.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the session behind an access token is still alive and its user still enabled, with the
 * user's current role. Access tokens live 15 minutes; this check makes logout, refresh-token reuse
 * and disabling an account take effect within {@link #TTL_MILLIS} instead, on every instance (the
 * answer comes from the shared database, cached briefly per instance).
 */
@ApplicationScoped
public class SessionGuard {

  static final long TTL_MILLIS = 2_000;

  /** A live session's user as the database has it now. */
  public record Live(String userId, String email, Role role) {}

  private record Cached(Optional<Live> live, long until) {}

  @PersistenceContext(unitName = "contrivance")
  EntityManager em;

  @jakarta.inject.Inject Clock clock;

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public Optional<Live> check(String sessionId) {
    long now = clock.millis();
    Cached cached = cache.get(sessionId);
    if (cached != null && cached.until > now) {
      return cached.live;
    }
    if (cache.size() > 100_000) {
      cache.clear();
    }
    List<?> rows =
        em.createNativeQuery(
                "select u.id, u.email, u.role from sessions s join users u on u.id = s.user_id "
                    + "where s.id = ? and s.revoked_at is null and not u.disabled")
            .setParameter(1, sessionId)
            .getResultList();
    Optional<Live> live =
        rows.isEmpty()
            ? Optional.empty()
            : Optional.of(toLive((Object[]) rows.get(0)));
    cache.put(sessionId, new Cached(live, now + TTL_MILLIS));
    return live;
  }

  /** Forgets what is known of a session on this instance (after logout here). */
  public void forget(String sessionId) {
    cache.remove(sessionId);
  }

  /** Forgets every cached session (after disabling a user or changing a role here). */
  public void forgetAll() {
    cache.clear();
  }

  private static Live toLive(Object[] row) {
    return new Live((String) row[0], (String) row[1], Role.fromWire((String) row[2]));
  }
}
