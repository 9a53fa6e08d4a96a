package io.contrivance.api;

import java.util.Objects;

/** Whom a notification is for: their user id, email address and name. */
public record Recipient(String userId, String email, String name) {

  public Recipient {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(name, "name");
  }
}
