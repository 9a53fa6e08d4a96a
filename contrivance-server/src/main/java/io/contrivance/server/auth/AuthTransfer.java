package io.contrivance.server.auth;

import io.contrivance.server.user.UserResponse;

/** Request and response bodies of the auth endpoints. */
public final class AuthTransfer {

  private AuthTransfer() {}

  public record RegisterRequest(String email, String password, String name) {}

  public record LoginRequest(String email, String password) {}

  public record RefreshRequest(String refreshToken) {}

  /** Issued tokens: a short-lived JWT and a single-use refresh token. */
  public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, UserResponse user) {}

  public record LogoutResponse(boolean loggedOut) {}
}
