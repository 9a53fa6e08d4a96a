package io.contrivance.server.auth;

import io.contrivance.server.user.Role;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

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

  /**
   * Plain JDBC outside any transaction: sockets ask from threads that have no transaction context,
   * where a container-managed EntityManager cannot run.
   */
  @Resource(lookup = "jdbc/contrivanceDirect")
  DataSource direct;

  @Inject Clock clock;

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
    Optional<Live> live = Optional.empty();
    try (Connection connection = direct.getConnection();
        PreparedStatement ps =
            connection.prepareStatement(
                "select u.id, u.email, u.role from sessions s join users u on u.id = s.user_id "
                    + "where s.id = ? and s.revoked_at is null and not u.disabled")) {
      ps.setString(1, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          live = Optional.of(new Live(rs.getString(1), rs.getString(2), Role.fromWire(rs.getString(3))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not check a session", e);
    }
    cache.put(sessionId, new Cached(live, now + TTL_MILLIS));
    return live;
  }

  /**
   * Which of the sessions are alive, in one query per thousand (for checking many open sockets at
   * once); refreshes the cache for them.
   */
  public Set<String> alive(Collection<String> sessionIds) {
    var alive = new HashSet<String>();
    var ids = new ArrayList<>(new HashSet<>(sessionIds));
    for (int from = 0; from < ids.size(); from += 1_000) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1_000));
      long until = clock.millis() + TTL_MILLIS;
      var found = new HashSet<String>();
      try (Connection connection = direct.getConnection();
          PreparedStatement ps =
              connection.prepareStatement(
                  "select s.id, u.id, u.email, u.role from sessions s join users u on u.id = s.user_id "
                      + "where s.id = any (?) and s.revoked_at is null and not u.disabled")) {
        ps.setArray(1, connection.createArrayOf("varchar", chunk.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getString(1));
            cache.put(rs.getString(1), new Cached(Optional.of(new Live(rs.getString(2), rs.getString(3), Role.fromWire(rs.getString(4)))), until));
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("could not check sessions", e);
      }
      for (String id : chunk) {
        if (!found.contains(id)) {
          cache.put(id, new Cached(Optional.empty(), until));
        }
      }
      alive.addAll(found);
    }
    return alive;
  }

  /** Forgets what is known of a session on this instance (after logout here). */
  public void forget(String sessionId) {
    cache.remove(sessionId);
  }

  /** Forgets every cached session (after disabling a user or changing a role here). */
  public void forgetAll() {
    cache.clear();
  }

}
