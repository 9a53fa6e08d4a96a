package io.contrivance.server.user;

import io.contrivance.server.bootstrap.Database;
import io.contrivance.server.web.ApiError;
import io.contrivance.server.web.ApiException;
import io.contrivance.server.web.Checks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Users: creating them (the first becomes admin), finding, changing and deleting them. */
@ApplicationScoped
public class Accounts {

  /** Serializes "is this the first user?" across instances (a PostgreSQL advisory lock key). */
  private static final long FIRST_USER_LOCK = 0x436f6e7472697641L;

  @PersistenceContext(unitName = "contrivance")
  EntityManager em;

  @Inject Passwords passwords;
  @Inject Database db;
  @Inject Clock clock;

  /** Checks a registration and creates the user; must run in a transaction. */
  public UserEntity create(String email, String password, String name) {
    Checks checks = new Checks();
    Optional<String> normalized = EmailAddresses.normalize(email);
    checks.require(normalized.isPresent(), "email", "must be an email address");
    String cleanName = name == null ? "" : name.strip();
    checks.require(!cleanName.isEmpty(), "name", "is required");
    checks.require(cleanName.length() <= 200, "name", "must have at most 200 characters");
    for (String problem : passwords.problems(password, normalized.orElse(null))) {
      checks.add("password", problem);
    }
    checks.orThrow("The registration has invalid fields");
    em.createNativeQuery("select pg_advisory_xact_lock(?)").setParameter(1, FIRST_USER_LOCK).getSingleResult();
    if (findByEmail(normalized.get()).isPresent()) {
      throw new ApiException(
          Response.Status.CONFLICT,
          "email_taken",
          "An account with this email exists already",
          List.of(ApiError.Detail.of("email", "is already registered")));
    }
    long users = ((Number) em.createNativeQuery("select count(*) from users").getSingleResult()).longValue();
    Role role = users == 0 ? Role.ADMIN : Role.USER;
    UserEntity user = new UserEntity(UUID.randomUUID().toString(), normalized.get(), cleanName, passwords.hash(password), role, now());
    em.persist(user);
    return user;
  }

  public boolean anyUser() {
    return !em.createQuery("select u.id from UserEntity u", String.class).setMaxResults(1).getResultList().isEmpty();
  }

  /**
   * A user's display name, read over plain JDBC: sockets ask for it on threads that have no
   * transaction context for the entity manager.
   */
  public Optional<String> name(String id) {
    return db.read("select name from users where id = ?", Database.params(id), rs -> rs.getString(1)).stream().findFirst();
  }

  public Optional<UserEntity> find(String id) {
    return Optional.ofNullable(em.find(UserEntity.class, id));
  }

  public Optional<UserEntity> findByEmail(String normalizedEmail) {
    return em.createQuery("select u from UserEntity u where u.email = :email", UserEntity.class)
        .setParameter("email", normalizedEmail)
        .getResultStream()
        .findFirst();
  }

  /** Users whose email or name contains the text (any case), by name, one page. */
  public List<UserEntity> search(String text, int offset, int limit) {
    return em.createQuery(
            "select u from UserEntity u where lower(u.email) like :q or lower(u.name) like :q order by lower(u.name), u.id", UserEntity.class)
        .setParameter("q", pattern(text))
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count(String text) {
    return em.createQuery("select count(u) from UserEntity u where lower(u.email) like :q or lower(u.name) like :q", Long.class)
        .setParameter("q", pattern(text))
        .getSingleResult();
  }

  public long countAdmins() {
    return em.createQuery("select count(u) from UserEntity u where u.role = 'admin' and u.disabled = false", Long.class).getSingleResult();
  }

  public void remove(UserEntity user) {
    em.remove(user);
  }

  public OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private static String pattern(String text) {
    String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
