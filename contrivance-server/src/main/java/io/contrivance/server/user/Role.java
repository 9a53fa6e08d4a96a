package io.contrivance.server.user;

import java.util.Locale;

/** What a user may do across the server. Admins manage users; everyone else only their own things. */
public enum Role {
  ADMIN,
  USER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
