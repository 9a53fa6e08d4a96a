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
    String subject = jwt == null ? null : jwt.getSubject();
    String sessionId = subject == null ? null : sessionOf(header, subject);
    if (sessionId == null) {
      throw ApiException.unauthorized("invalid_token", "The access token is invalid or expired; refresh it or sign in again");
    }
    SessionGuard.Live live =
        sessions
            .check(sessionId)
            .filter(l -> l.userId().equals(subject))
            .orElseThrow(() -> ApiException.unauthorized("session_ended", "This session has ended; sign in again"));
    currentUser.set(live.userId(), live.email(), live.role(), sessionId);
  }

  /**
   * The session claim of the bearer token Liberty verified, read from the header rather than through
   * {@link JsonWebToken#getClaim}: Liberty looks every claim name up in the standard {@code Claims}
   * enum first, and for a name that is not there ("sid") throws and catches an exception, stack trace
   * included, on every request. Null unless the token is for {@code subject}.
   */
  private static String sessionOf(String header, String subject) {
    TokenClaims claims = CLAIMS.get(header);
    if (claims == null) {
      claims = TokenClaims.of(header);
      if (CLAIMS.size() >= MOST_TOKENS) {
        CLAIMS.clear();
      }
      CLAIMS.put(header, claims);
    }
    return subject.equals(claims.subject()) ? claims.session() : null;
  }

  /** Tokens are reused for their whole lifetime (15 minutes), so their claims are read once. */
  private static final int MOST_TOKENS = 10_000;

  private static final java.util.Map<String, TokenClaims> CLAIMS = new java.util.concurrent.ConcurrentHashMap<>();

  /** The two claims this filter needs, from a token's payload (its signature is Liberty's to check). */
  private record TokenClaims(String subject, String session) {
    static TokenClaims of(String header) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return new TokenClaims(null, null);
      }
      try {
        var claims = com.nimbusds.jwt.SignedJWT.parse(header.substring(7).trim()).getJWTClaimsSet();
        return new TokenClaims(claims.getSubject(), claims.getStringClaim(AccessTokens.SESSION_CLAIM));
      } catch (java.text.ParseException e) {
        return new TokenClaims(null, null);
      }
    }
  }
}
