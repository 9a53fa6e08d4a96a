package io.contrivance.server.bootstrap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The server's settings, read through MicroProfile Config (server.xml variables, environment
 * variables, system properties). Every setting is documented in docs/operations.md.
 */
@ApplicationScoped
public class Settings {

  @Inject Config config;

  public Path dataDirectory() {
    return Path.of(config.getOptionalValue("contrivance.data.dir", String.class).orElse("data")).toAbsolutePath().normalize();
  }

  /** Where installed plugin jars live (and pf4j's record of the disabled ones). */
  public Path pluginsDirectory() {
    return config.getOptionalValue("contrivance.plugins.dir", String.class).map(Path::of).orElse(dataDirectory().resolve("plugins")).toAbsolutePath().normalize();
  }

  public String databaseUrl() {
    return config.getValue("contrivance.db.url", String.class);
  }

  public int embeddedDatabasePort() {
    return config.getOptionalValue("contrivance.embedded.db.port", Integer.class).orElse(15432);
  }

  /** The embedded database is used unless the database URL was pointed elsewhere. */
  public boolean embeddedDatabase() {
    return databaseUrl().equals("jdbc:postgresql://127.0.0.1:" + embeddedDatabasePort() + "/postgres");
  }

  public int bcryptCost() {
    return config.getOptionalValue("contrivance.bcrypt.cost", Integer.class).orElse(12);
  }

  public Duration accessTokenLifetime() {
    return Duration.ofSeconds(config.getOptionalValue("contrivance.jwt.access.seconds", Long.class).orElse(900L));
  }

  public Duration refreshTokenLifetime() {
    return Duration.ofDays(config.getOptionalValue("contrivance.jwt.refresh.days", Long.class).orElse(30L));
  }

  /** A private RSA key as JWK JSON; when absent the server generates one in the data directory. */
  public Optional<String> signingKey() {
    return config.getOptionalValue("contrivance.jwt.private.jwk", String.class).filter(s -> !s.isBlank());
  }

  public boolean openRegistration() {
    return config.getOptionalValue("contrivance.registration.open", Boolean.class).orElse(true);
  }

  public int loginAttemptsPerMinute() {
    return config.getOptionalValue("contrivance.login.attempts.per.minute", Integer.class).orElse(10);
  }

  public int loginAttemptsPerMinutePerAddress() {
    return config.getOptionalValue("contrivance.login.attempts.per.minute.per.address", Integer.class).orElse(30);
  }

  /** Job worker threads on this instance. */
  public int jobWorkers() {
    return config.getOptionalValue("contrivance.jobs.workers", Integer.class).filter(n -> n > 0).orElse(2);
  }

  /** How long a worker holds a job without renewing; a job whose worker died is taken again after this. */
  public Duration jobLease() {
    return Duration.ofSeconds(config.getOptionalValue("contrivance.jobs.lease.seconds", Long.class).filter(n -> n > 0).orElse(60L));
  }

  /** The first retry's wait; each further retry waits twice as long (with jitter). */
  public Duration jobFirstBackoff() {
    return Duration.ofMillis(config.getOptionalValue("contrivance.jobs.backoff.millis", Long.class).filter(n -> n > 0).orElse(2_000L));
  }

  /** How long a request waits for a plugin's code (reading or checking a value) before refusing the value. */
  public Duration pluginCallBudget() {
    return Duration.ofMillis(config.getOptionalValue("contrivance.plugins.call.budget.millis", Long.class).filter(n -> n > 0).orElse(2_000L));
  }

  /** The address people reach this server at, for links in emails. */
  public String publicUrl() {
    return config.getOptionalValue("contrivance.public.url", String.class).filter(s -> !s.isBlank()).map(s -> s.replaceAll("/+$", "")).orElse("http://localhost:9080");
  }

  /** How often digests go out (a day); each holds the notifications of the period before. */
  public Duration digestPeriod() {
    return Duration.ofSeconds(config.getOptionalValue("contrivance.notify.digest.period.seconds", Long.class).filter(n -> n > 0).orElse(86_400L));
  }

  /** How often open deals are checked for a close date that passed (a day). */
  public Duration dealCheckPeriod() {
    return Duration.ofSeconds(config.getOptionalValue("contrivance.notify.deal.check.seconds", Long.class).filter(n -> n > 0).orElse(86_400L));
  }
}
