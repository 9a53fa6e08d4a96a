package io.contrivance.server.it;

import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.json;
import static io.contrivance.server.it.Api.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.contrivance.core.sheet.Origin;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthIT {

  @Test
  void register_answersWithTokensAndTheUserInTheSeedShape() {
    Api.admin();
    String email = "Grace." + UUID.randomUUID() + "@Example.COM";
    Api.Reply reply = post("/api/auth/register", null, json("email", email, "password", "a long enough secret", "name", " Grace "));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.json().getBoolean("success")).isTrue();
    JsonObject data = reply.data();
    assertThat(data.getString("access_token")).contains(".");
    assertThat(data.getString("refresh_token")).hasSizeGreaterThan(30);
    JsonObject user = data.getJsonObject("user");
    assertThat(user.getString("email")).isEqualTo(email.toLowerCase(java.util.Locale.ROOT));
    assertThat(user.getString("name")).isEqualTo("Grace");
    assertThat(user.getString("role")).isEqualTo("user");
    assertThat(user.getString("id")).isNotBlank();
    assertThat(user.containsKey("password_hash")).isFalse();
  }

  @Test
  void register_reportsEveryInvalidField() {
    Api.Reply reply = post("/api/auth/register", null, json("email", "not-an-email", "password", "short", "name", ""));
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo("validation_failed");
    List<String> fields = reply.json().getJsonObject("error").getJsonArray("details").getValuesAs(JsonObject.class).stream().map(d -> d.getString("field")).toList();
    assertThat(fields).containsExactlyInAnyOrder("email", "password", "name");
    assertThat(post("/api/auth/register", null, json("email", "x" + UUID.randomUUID() + "@example.com", "password", "password", "name", "X")).status()).isEqualTo(422);
  }

  @Test
  void register_refusesAnEmailThatIsTakenInAnyCase() {
    Api.Session user = Api.newUser();
    Api.Reply reply = post("/api/auth/register", null, json("email", user.email().toUpperCase(java.util.Locale.ROOT), "password", "another good secret", "name", "Twin"));
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.errorCode()).isEqualTo("email_taken");
  }

  @Test
  void login_acceptsTheRightPasswordOnly() {
    Api.Session user = Api.newUser();
    Api.Reply ok = post("/api/auth/login", null, json("email", user.email().toUpperCase(java.util.Locale.ROOT), "password", user.password()));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.data().getJsonObject("user").getString("id")).isEqualTo(user.id());
    Api.Reply wrong = post("/api/auth/login", null, json("email", user.email(), "password", "not the password"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.errorCode()).isEqualTo("invalid_credentials");
    Api.Reply unknown = post("/api/auth/login", null, json("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", "whatever123"));
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.errorCode()).isEqualTo("invalid_credentials");
  }

  @Test
  void login_isRateLimitedPerAccountWithRetryAfter() {
    Api.Session user = Api.newUser();
    Api.Reply last = null;
    for (int i = 0; i < 6; i++) {
      last = post("/api/auth/login", null, json("email", user.email(), "password", "wrong password " + i));
    }
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.errorCode()).isEqualTo("rate_limited");
    assertThat(last.raw().headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
    // The right password does not get through either while the budget is spent.
    assertThat(post("/api/auth/login", null, json("email", user.email(), "password", user.password())).status()).isEqualTo(429);
  }

  @Test
  void refresh_rotatesAndReuseEndsTheWholeSession() {
    Api.Session user = Api.newUser();
    Api.Reply first = post("/api/auth/refresh", null, json("refresh_token", user.refreshToken()));
    assertThat(first.status()).isEqualTo(200);
    String rotated = first.data().getString("refresh_token");
    assertThat(rotated).isNotEqualTo(user.refreshToken());
    assertThat(get("/api/auth/validate", first.data().getString("access_token")).status()).isEqualTo(200);

    Api.Reply reuse = post("/api/auth/refresh", null, json("refresh_token", user.refreshToken()));
    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.errorCode()).isEqualTo("refresh_token_reused");
    // The thief's (or owner's) newer token is dead too, and so are the session's access tokens.
    Api.Reply afterReuse = post("/api/auth/refresh", null, json("refresh_token", rotated));
    assertThat(afterReuse.status()).isEqualTo(401);
    assertThat(afterReuse.errorCode()).isEqualTo("session_ended");
    Api.awaitSessionCache();
    Api.Reply access = get("/api/auth/validate", first.data().getString("access_token"));
    assertThat(access.status()).isEqualTo(401);
    assertThat(access.errorCode()).isEqualTo("session_ended");
  }

  @Test
  void refresh_rejectsUnknownTokens() {
    Api.Reply reply = post("/api/auth/refresh", null, json("refresh_token", "made-up"));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.errorCode()).isEqualTo("invalid_refresh_token");
  }

  @Test
  void logout_endsTheSession() {
    Api.Session user = Api.newUser();
    assertThat(post("/api/auth/logout", user.accessToken(), null).data().getBoolean("logged_out")).isTrue();
    assertThat(post("/api/auth/refresh", null, json("refresh_token", user.refreshToken())).errorCode()).isEqualTo("session_ended");
    Api.awaitSessionCache();
    assertThat(get("/api/auth/validate", user.accessToken()).errorCode()).isEqualTo("session_ended");
  }

  @Test
  void validate_returnsTheCurrentUser() {
    Api.Session user = Api.newUser();
    Api.Reply reply = get("/api/auth/validate", user.accessToken());
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.data().getString("id")).isEqualTo(user.id());
  }

  @Test
  void missingGarbageAndForgedTokens_get401InTheEnvelope() throws Exception {
    Api.admin();
    String[][] cases = {{null, "missing_token"}, {"garbage", "invalid_token"}, {forged(), "invalid_token"}};
    for (String[] c : cases) {
      for (String path : new String[] {"/api/auth/validate", "/api/spreadsheets", "/api/users"}) {
        Api.Reply reply = get(path, c[0]);
        assertThat(reply.status()).as(path + " with " + c[0]).isEqualTo(401);
        assertThat(reply.json().getBoolean("success")).isFalse();
        assertThat(reply.errorCode()).isEqualTo(c[1]);
        assertThat(reply.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer realm=\"contrivance\""));
      }
    }
  }

  @Test
  void aTokenSignedByTheServer_isRefusedOnceExpiredOrForAnotherAudience() throws Exception {
    Api.Session user = Api.newUser();
    var claims = SignedJWT.parse(user.accessToken()).getJWTClaimsSet();
    String lapsing = signedByTheServer(new JWTClaimsSet.Builder(claims).expirationTime(Date.from(Instant.now().plusSeconds(1))).build());
    String elsewhere = signedByTheServer(new JWTClaimsSet.Builder(claims).audience("another-service").build());
    assertThat(get("/api/auth/validate", lapsing).status()).isEqualTo(200);
    assertThat(get("/api/auth/validate", elsewhere).errorCode()).isEqualTo("invalid_token");
    // The server remembers tokens that passed, but not past their expiry (plus five seconds of skew).
    Thread.sleep(6_500);
    assertThat(get("/api/auth/validate", lapsing).errorCode()).isEqualTo("invalid_token");
    assertThat(get("/api/auth/validate", user.accessToken()).status()).isEqualTo(200);
  }

  private static String signedByTheServer(JWTClaimsSet claims) throws Exception {
    RSAKey key = RSAKey.parse(java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("it.data.dir"), "keys", "jwt-signing-key.json")));
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void badInput_getsAClearErrorNeverA500() {
    Api.Session user = Api.newUser();
    assertThat(Api.send("POST", "/api/auth/login", null, "{not json").errorCode()).isEqualTo("invalid_json");
    assertThat(Api.send("POST", "/api/auth/login", null, "[1,2]").status()).isEqualTo(400);
    assertThat(Api.send("POST", "/api/auth/login", null, null).status()).isIn(400, 415);
    Api.Reply unknown = get("/api/no/such/thing", user.accessToken());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("not_found");
    Api.Reply method = Api.send("DELETE", "/api/auth/validate", user.accessToken(), null);
    assertThat(method.status()).isEqualTo(405);
    assertThat(Api.send("POST", "/api/auth/register", null, "{\"email\": 5}").status()).isIn(400, 422);
  }

  @Test
  void healthAndOpenApi_areServed() {
    Api.admin();
    assertThat(get("/health/ready", null).json().getString("status")).isEqualTo("UP");
    assertThat(get("/openapi", null).raw().body()).contains("/api/auth/login").contains("/api/users");
  }

  /** A token with the right claims, signed by a key that is not the server's. */
  private static String forged() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("forger").generate();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("contrivance")
            .audience("contrivance")
            .subject(Api.admin().id())
            .claim("groups", List.of("admin", "user"))
            .claim("upn", "x@example.com")
            .claim("sid", "any")
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("forger").build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void cors_allowsOnlyConfiguredOrigins() throws Exception {
    Api.admin();
    var http = java.net.http.HttpClient.newHttpClient();
    for (String origin : new String[] {"http://allowed.example", "http://evil.example"}) {
      var preflight =
          http.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(Api.BASE + "/api/spreadsheets"))
                  .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                  .header("Origin", origin)
                  .header("Access-Control-Request-Method", "POST")
                  .header("Access-Control-Request-Headers", "authorization,content-type")
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(preflight.statusCode()).isEqualTo(204);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin").isPresent()).as(origin).isEqualTo(origin.contains("allowed"));
    }
  }

  @Test
  void oversizedBodies_get413() {
    Api.Session user = Api.newUser();
    String huge = "{\"name\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";
    Api.Reply reply = Api.send("PUT", "/api/users/" + user.id(), user.accessToken(), huge);
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.errorCode()).isEqualTo("payload_too_large");
  }
}
