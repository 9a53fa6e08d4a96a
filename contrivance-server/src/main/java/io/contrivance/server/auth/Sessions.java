package io.contrivance.server.auth;

import io.contrivance.server.bootstrap.Settings;
import io.contrivance.server.user.Accounts;
import io.contrivance.server.user.UserEntity;
import io.contrivance.server.user.UserResponse;
import io.contrivance.server.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Sessions and the rotation of their refresh tokens. Each refresh uses up its token and issues the
 * next; presenting a token that was already used means it leaked (the thief or the owner refreshed
 * first), so the whole session is revoked and both must sign in again (OAuth 2.0 Security BCP,
 * refresh token rotation with reuse detection).
 */
@ApplicationScoped
public class Sessions {

  @Inject Event<SessionsEnded> ended;

  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext(unitName = "contrivance")
  EntityManager em;

  @Inject Accounts accounts;
  @Inject AccessTokens accessTokens;
  @Inject SessionGuard guard;
  @Inject Settings settings;

  /** Starts a session for the user and issues its first tokens. */
  @Transactional
  public AuthTransfer.TokenResponse start(UserEntity user) {
    OffsetDateTime now = accounts.now();
    SessionEntity session = new SessionEntity(UUID.randomUUID().toString(), user.id(), now);
    em.persist(session);
    return issue(user, session, now);
  }

  /** Exchanges a refresh token for new tokens, detecting reuse. */
  @Transactional(dontRollbackOn = ApiException.class)
  public AuthTransfer.TokenResponse refresh(String refreshToken) {
    OffsetDateTime now = accounts.now();
    RefreshTokenEntity token =
        refreshToken == null || refreshToken.isBlank()
            ? null
            : em.find(RefreshTokenEntity.class, hash(refreshToken), LockModeType.PESSIMISTIC_WRITE);
    if (token == null) {
      throw ApiException.unauthorized("invalid_refresh_token", "The refresh token is not valid; sign in again");
    }
    SessionEntity session = em.find(SessionEntity.class, token.sessionId(), LockModeType.PESSIMISTIC_WRITE);
    if (session.revoked()) {
      throw ApiException.unauthorized("session_ended", "This session has ended; sign in again");
    }
    if (token.used()) {
      session.revoke("refresh_token_reuse", now);
      guard.forget(session.id());
      throw ApiException.unauthorized(
          "refresh_token_reused", "This refresh token was already used, so the session was ended for safety; sign in again");
    }
    if (token.expiredAt(now)) {
      throw ApiException.unauthorized("refresh_token_expired", "The refresh token has expired; sign in again");
    }
    UserEntity user = accounts.find(session.userId()).filter(u -> !u.disabled())
        .orElseThrow(() -> ApiException.unauthorized("session_ended", "This session has ended; sign in again"));
    token.markUsed(now);
    return issue(user, session, now);
  }

  /** Ends a session; its refresh tokens stop working at once and its access tokens within seconds. */
  @Transactional
  public void end(String sessionId, String reason) {
    SessionEntity session = em.find(SessionEntity.class, sessionId);
    if (session != null) {
      session.revoke(reason, accounts.now());
    }
    guard.forget(sessionId);
    ended.fire(new SessionsEnded(sessionId, null));
  }

  /**
   * Deletes refresh tokens that expired before the cutoff (until then a used one is kept, to
   * recognise its reuse) and sessions left with no token; returns how many tokens.
   */
  @Transactional
  public int purgeExpired(OffsetDateTime before) {
    int tokens = em.createQuery("delete from RefreshTokenEntity t where t.expiresAt < :before").setParameter("before", before).executeUpdate();
    em.createNativeQuery("delete from sessions s where s.created_at < ? and not exists (select 1 from refresh_tokens t where t.session_id = s.id)")
        .setParameter(1, before)
        .executeUpdate();
    return tokens;
  }

  /** Ends every session of a user (disabled, deleted, password changed). */
  @Transactional
  public void endAll(String userId, String reason) {
    em.createQuery("update SessionEntity s set s.revokedAt = :now, s.revokedReason = :reason where s.userId = :user and s.revokedAt is null")
        .setParameter("now", accounts.now())
        .setParameter("reason", reason)
        .setParameter("user", userId)
        .executeUpdate();
    guard.forgetAll();
    ended.fire(new SessionsEnded(null, userId));
  }

  /**
   * Sessions ended on this instance: one session, or every session of a user. Observers (open
   * sockets) act on it at once; other instances notice within {@link SessionGuard#TTL_MILLIS}.
   */
  public record SessionsEnded(String sessionId, String userId) {}

  private AuthTransfer.TokenResponse issue(UserEntity user, SessionEntity session, OffsetDateTime now) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    em.persist(new RefreshTokenEntity(hash(refresh), session.id(), now.plus(settings.refreshTokenLifetime()), now));
    String access = accessTokens.issue(user.id(), user.email(), user.role(), session.id());
    return new AuthTransfer.TokenResponse(access, refresh, "Bearer", accessTokens.lifetimeSeconds(), UserResponse.of(user));
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
