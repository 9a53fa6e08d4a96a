package io.contrivance.server.auth;

import io.contrivance.server.web.ApiException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Lets {@link Authenticated} requests through only with an access token that Liberty verified
 * (signature, issuer, audience, expiry) and whose session is still alive. Errors use the API
 * envelope: 401 {@code missing_token}, {@code invalid_token} or {@code session_ended}.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {

  @Inject JsonWebToken jwt;
  @Inject SessionGuard sessions;
  @Inject CurrentUser currentUser;

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      throw ApiException.unauthorized("missing_token", "Sign in first: send an access token as 'Authorization: Bearer <token>'");
    }
    if (jwt == null || jwt.getRawToken() == null || jwt.getSubject() == null) {
      throw ApiException.unauthorized("invalid_token", "The access token is invalid or expired; refresh it or sign in again");
    }
    String sessionId = jwt.getClaim(AccessTokens.SESSION_CLAIM);
    if (sessionId == null) {
      throw ApiException.unauthorized("invalid_token", "The access token is invalid or expired; refresh it or sign in again");
    }
    SessionGuard.Live live =
        sessions
            .check(sessionId)
            .filter(l -> l.userId().equals(jwt.getSubject()))
            .orElseThrow(() -> ApiException.unauthorized("session_ended", "This session has ended; sign in again"));
    currentUser.set(live.userId(), live.email(), live.role(), sessionId);
  }
}
