package io.contrivance.server.user;

import java.time.OffsetDateTime;

/** A user as the API shows it. Never carries the password hash. */
public record UserResponse(String id, String email, String name, String role, boolean disabled, OffsetDateTime createdAt) {

  public static UserResponse of(UserEntity user) {
    return new UserResponse(user.id(), user.email(), user.name(), user.role().wire(), user.disabled(), user.createdAt());
  }
}
