package io.contrivance.server.user;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.contrivance.server.bootstrap.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Password hashing (bcrypt, salted, cost from configuration) and the password rules: 8 to 128
 * characters, not one character repeated, not the email address, not one of the most common
 * passwords. Length over composition rules, as NIST SP 800-63B recommends.
 */
@ApplicationScoped
public class Passwords {

  static final int MIN_LENGTH = 8;
  // bcrypt reads at most 72 bytes; longer passwords are pre-hashed by the library's long-password strategy.
  static final int MAX_LENGTH = 128;

  private static final Set<String> COMMON =
      Set.of(
          "password", "password1", "12345678", "123456789", "1234567890", "qwertyuiop", "qwerty123", "iloveyou",
          "11111111", "00000000", "abc12345", "letmein1", "welcome1", "sunshine", "princess", "football",
          "baseball", "superman", "trustno1", "passw0rd", "admin123", "changeme", "contrivance");

  private static final BCrypt.Hasher HASHER =
      BCrypt.with(BCrypt.Version.VERSION_2B, new SecureRandom(), LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
  private static final BCrypt.Verifyer VERIFIER =
      BCrypt.verifyer(BCrypt.Version.VERSION_2B, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));

  /** Hashed once so that a login for an unknown email costs as much as one for a known email. */
  private volatile String dummyHash;

  @Inject Settings settings;

  public String hash(String password) {
    return new String(HASHER.hash(settings.bcryptCost(), password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
  }

  public boolean matches(String password, String hash) {
    return VERIFIER.verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.US_ASCII)).verified;
  }

  /** Spends the time of a verification without a real hash (unknown accounts). */
  public void burn(String password) {
    if (dummyHash == null) {
      dummyHash = hash("not a real password at all");
    }
    matches(password, dummyHash);
  }

  /** What is wrong with a new password, empty if nothing. */
  public List<String> problems(String password, String email) {
    var problems = new ArrayList<String>();
    if (password == null || password.length() < MIN_LENGTH) {
      problems.add("must have at least " + MIN_LENGTH + " characters");
      return problems;
    }
    if (password.length() > MAX_LENGTH) {
      problems.add("must have at most " + MAX_LENGTH + " characters");
    }
    if (password.chars().distinct().count() == 1) {
      problems.add("cannot be one character repeated");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (COMMON.contains(lower)) {
      problems.add("is one of the most common passwords");
    }
    if (email != null && lower.equals(email.toLowerCase(Locale.ROOT))) {
      problems.add("cannot be your email address");
    }
    return problems;
  }
}
