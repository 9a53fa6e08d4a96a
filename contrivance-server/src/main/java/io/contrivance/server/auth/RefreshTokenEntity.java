package io.contrivance.server.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A refresh token, known only by its hash. Used once: refreshing marks it and issues the next. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshTokenEntity {

  @Id
  @Column(name = "token_hash", length = 64)
  String tokenHash;

  @Column(name = "session_id", nullable = false)
  String sessionId;

  @Column(name = "expires_at", nullable = false)
  OffsetDateTime expiresAt;

  @Column(name = "used_at")
  OffsetDateTime usedAt;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  protected RefreshTokenEntity() {}

  public RefreshTokenEntity(String tokenHash, String sessionId, OffsetDateTime expiresAt, OffsetDateTime now) {
    this.tokenHash = tokenHash;
    this.sessionId = sessionId;
    this.expiresAt = expiresAt;
    this.createdAt = now;
  }

  public String sessionId() {
    return sessionId;
  }

  public boolean used() {
    return usedAt != null;
  }

  public boolean expiredAt(OffsetDateTime now) {
    return !expiresAt.isAfter(now);
  }

  public void markUsed(OffsetDateTime now) {
    usedAt = now;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RefreshTokenEntity that && tokenHash.equals(that.tokenHash);
  }

  @Override
  public int hashCode() {
    return tokenHash.hashCode();
  }
}
