package io.contrivance.server.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One login: the family of refresh tokens rotated from it. */
@Entity
@Table(name = "sessions")
public class SessionEntity {

  @Id
  @Column(length = 36)
  String id;

  @Column(name = "user_id", nullable = false)
  String userId;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  @Column(name = "revoked_at")
  OffsetDateTime revokedAt;

  @Column(name = "revoked_reason")
  String revokedReason;

  protected SessionEntity() {}

  public SessionEntity(String id, String userId, OffsetDateTime now) {
    this.id = id;
    this.userId = userId;
    this.createdAt = now;
  }

  public String id() {
    return id;
  }

  public String userId() {
    return userId;
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public void revoke(String reason, OffsetDateTime now) {
    if (revokedAt == null) {
      revokedAt = now;
      revokedReason = reason;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SessionEntity that && id.equals(that.id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }
}
