package io.contrivance.server.auth;

import io.contrivance.server.user.Role;
import io.contrivance.server.web.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** Who is asking, set by {@link AuthFilter} for {@link Authenticated} requests. */
@RequestScoped
public class CurrentUser {

  private String id;
  private String email;
  private Role role;
  private String sessionId;

  void set(String id, String email, Role role, String sessionId) {
    this.id = id;
    this.email = email;
    this.role = role;
    this.sessionId = sessionId;
  }

  public boolean isPresent() {
    return id != null;
  }

  public String id() {
    requirePresent();
    return id;
  }

  public String email() {
    requirePresent();
    return email;
  }

  public Role role() {
    requirePresent();
    return role;
  }

  public String sessionId() {
    requirePresent();
    return sessionId;
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** Throws 403 unless the caller is an admin. */
  public void requireAdmin() {
    requirePresent();
    if (!isAdmin()) {
      throw ApiException.forbidden("forbidden", "Only an admin may do this");
    }
  }

  /** Throws 403 unless the caller is the given user or an admin. */
  public void requireSelfOrAdmin(String userId) {
    if (!isAdmin() && !id().equals(userId)) {
      throw ApiException.forbidden("forbidden", "Only the user themself or an admin may do this");
    }
  }

  private void requirePresent() {
    if (id == null) {
      throw ApiException.unauthorized("missing_token", "Sign in first: send an access token as 'Authorization: Bearer <token>'");
    }
  }
}
