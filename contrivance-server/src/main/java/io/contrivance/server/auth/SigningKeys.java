package io.contrivance.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.contrivance.server.bootstrap.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The RSA key that signs access tokens. Taken from configuration ({@code contrivance.jwt.private.jwk},
 * which several instances must share); otherwise generated once into the data directory, readable
 * by the server's user only, and reused on later starts. Never written to the log.
 */
@ApplicationScoped
public class SigningKeys {

  private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

  @Inject Settings settings;

  private RSAKey key;

  /** Loads (or generates) the key when the application starts, not on the first sign-in. */
  void atStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
    // Observing the event creates the bean, which runs load().
  }

  @PostConstruct
  void load() {
    try {
      if (settings.signingKey().isPresent()) {
        key = RSAKey.parse(settings.signingKey().get());
        LOG.info("Signing access tokens with the key configured by contrivance.jwt.private.jwk (kid " + key.getKeyID() + ")");
        return;
      }
      Path file = settings.dataDirectory().resolve("keys").resolve("jwt-signing-key.json");
      if (Files.exists(file)) {
        key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
        return;
      }
      key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), "key", ".tmp");
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("Generated a new RS256 key pair for access tokens in " + file + " (set contrivance.jwt.private.jwk to share one key between instances)");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read or write the token signing key", e);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("the token signing key is not a valid RSA JWK", e);
    }
  }

  RSAKey privateKey() {
    return key;
  }

  /** The public half, as a JWK set. */
  public String publicJwks() {
    return new JWKSet(key.toPublicJWK()).toString();
  }
}
