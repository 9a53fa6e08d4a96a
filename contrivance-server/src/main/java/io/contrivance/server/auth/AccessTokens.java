package io.contrivance.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.contrivance.server.bootstrap.Settings;
import io.contrivance.server.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Issues short-lived RS256 access tokens that Liberty's MicroProfile JWT verifies. */
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
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keys.privateKey().getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(keys.privateKey()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign an access token", e);
    }
  }

  public long lifetimeSeconds() {
    return settings.accessTokenLifetime().toSeconds();
  }
}
