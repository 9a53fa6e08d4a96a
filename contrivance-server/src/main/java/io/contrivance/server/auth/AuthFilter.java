package io.contrivance.server.auth;

import io.contrivance.server.web.ApiException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets {@link Authenticated} requests through only with a valid access token (signature, issuer,
 * audience, expiry: {@link AccessTokens#verify}) of a session that is still alive, and says who is
 * asking ({@link CurrentUser}, with the role the database has now). Errors use the API envelope: 401
 * {@code missing_token}, {@code invalid_token} or {@code session_ended}.
 *
 * <p>The server checks tokens here rather than through Liberty's MicroProfile JWT login: see
 * "Access tokens" in docs/operations.md.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {

  /** RFC 6750's challenge: which scheme to use, and, for a token that was sent, that it was refused. */
  private static final String CHALLENGE = "WWW-Authenticate";

  @Inject AccessTokens tokens;
  @Inject SessionGuard sessions;
  @Inject CurrentUser currentUser;

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      throw ApiException.unauthorized("missing_token", "Sign in first: send an access token as 'Authorization: Bearer <token>'")
          .withHeader(CHALLENGE, "Bearer realm=\"contrivance\"");
    }
    String bearer = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    AccessTokens.Verified token =
        tokens.verify(bearer).orElseThrow(() -> refused("invalid_token", "The access token is invalid or expired; refresh it or sign in again"));
    SessionGuard.Live live =
        sessions
            .check(token.sessionId())
            .filter(l -> l.userId().equals(token.userId()))
            .orElseThrow(() -> refused("session_ended", "This session has ended; sign in again"));
    currentUser.set(live.userId(), live.email(), live.role(), token.sessionId());
  }

  /** RFC 6750's challenge for a token that was sent and refused. */
  private static ApiException refused(String code, String message) {
    return ApiException.unauthorized(code, message).withHeader(CHALLENGE, "Bearer realm=\"contrivance\", error=\"invalid_token\"");
  }
}
