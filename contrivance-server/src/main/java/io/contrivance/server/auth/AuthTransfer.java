package io.contrivance.server.auth;

import io.contrivance.server.user.UserResponse;
import java.util.List;

/** Request and response bodies of the auth endpoints. */
public final class AuthTransfer {

  private AuthTransfer() {}

  public record RegisterRequest(String email, String password, String name) {}

  public record LoginRequest(String email, String password) {}

  public record RefreshRequest(String refreshToken) {}

  /** Issued tokens: a short-lived JWT and a single-use refresh token. */
  public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, UserResponse user) {}

  public record LogoutResponse(boolean loggedOut) {}

  /** The answer that carries issued tokens. */
  public record TokenAnswer(boolean success, TokenResponse data) {}

  /** The public keys that verify access tokens (RFC 7517). */
  public record Jwks(List<Jwk> keys) {}

  /** One RSA public key. */
  public record Jwk(String kty, String kid, String use, String alg, String n, String e) {}
}
