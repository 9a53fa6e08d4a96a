package io.contrivance.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.contrivance.server.bootstrap.Settings;
import io.contrivance.server.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and verifies short-lived RS256 access tokens in the MicroProfile JWT format ({@code iss},
 * {@code aud}, {@code sub}, {@code upn}, {@code groups}, {@code exp}), with the session in {@code sid}.
 */
@ApplicationScoped
public class AccessTokens {

  public static final String ISSUER = "contrivance";
  public static final String SESSION_CLAIM = "sid";

  @Inject SigningKeys keys;
  @Inject Settings settings;
  @Inject Clock clock;

  /** A token for the user in the session, valid for the configured lifetime. */
  public String issue(String userId, String email, Role role, String sessionId) {
    Instant now = clock.instant();
    List<String> groups = role == Role.ADMIN ? List.of("admin", "user") : List.of("user");
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(ISSUER)
            .subject(userId)
            .claim("upn", email)
            .claim("groups", groups)
            .claim(SESSION_CLAIM, sessionId)
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(settings.accessTokenLifetime())))
            .build();
    // "aud" goes out as an array, which MicroProfile JWT verifiers read without a detour (Nimbus
    // writes a single audience as a string; Liberty's verifier then failed twice, with stack traces,
    // before reading it as a list).
    Map<String, Object> payload = claims.toJSONObject();
    payload.put("aud", List.of(ISSUER));
    try {
      JWSObject jwt =
          new JWSObject(
              new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keys.privateKey().getKeyID()).build(), new Payload(payload));
      jwt.sign(new RSASSASigner(keys.privateKey()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign an access token", e);
    }
  }

  /** What a verified access token says. */
  public record Verified(String userId, String email, String sessionId, Instant expiresAt) {}

  /** Tokens that passed, until they expire: a client sends the same token with every request. */
  private final Map<String, Verified> passed = new ConcurrentHashMap<>();

  /** Enough for every signed-in client of a busy instance; emptied when full. */
  static final int MOST_REMEMBERED = 10_000;

  /**
   * Verifies an access token (RS256 signature by this server's key, issuer, audience, expiry with
   * five seconds of skew), for requests and sockets alike. Empty for anything that is not a valid,
   * current token. A token that passed is remembered until it expires, so that each one is checked
   * once rather than on every request; whether its session is still alive is {@link SessionGuard}'s
   * question, asked every time.
   */
  public Optional<Verified> verify(String token) {
    if (token == null || token.length() > 8_192) {
      return Optional.empty();
    }
    Verified known = passed.get(token);
    if (known != null) {
      if (current(known.expiresAt())) {
        return Optional.of(known);
      }
      passed.remove(token);
      return Optional.empty();
    }
    Optional<Verified> verified = check(token);
    verified.ifPresent(
        v -> {
          if (passed.size() >= MOST_REMEMBERED) {
            passed.clear();
          }
          passed.put(token, v);
        });
    return verified;
  }

  private boolean current(Instant expiresAt) {
    return !expiresAt.plusSeconds(5).isBefore(clock.instant());
  }

  private Optional<Verified> check(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
          || !jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(keys.privateKey().toRSAPublicKey()))) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date expires = claims.getExpirationTime();
      if (!ISSUER.equals(claims.getIssuer())
          || claims.getAudience() == null
          || !claims.getAudience().contains(ISSUER)
          || expires == null
          || !current(expires.toInstant())
          || claims.getSubject() == null
          || claims.getStringClaim(SESSION_CLAIM) == null) {
        return Optional.empty();
      }
      return Optional.of(new Verified(claims.getSubject(), claims.getStringClaim("upn"), claims.getStringClaim(SESSION_CLAIM), expires.toInstant()));
    } catch (ParseException | JOSEException e) {
      return Optional.empty();
    }
  }

  public long lifetimeSeconds() {
    return settings.accessTokenLifetime().toSeconds();
  }
}
