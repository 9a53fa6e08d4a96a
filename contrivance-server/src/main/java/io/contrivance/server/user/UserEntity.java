package io.contrivance.server.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A person who can sign in. Compared by id. */
@Entity
@Table(name = "users")
public class UserEntity {

  @Id
  @Column(length = 36)
  String id;

  @Column(nullable = false)
  String email;

  @Column(nullable = false)
  String name;

  @Column(name = "password_hash", nullable = false)
  String passwordHash;

  @Column(nullable = false)
  String role;

  @Column(nullable = false)
  boolean disabled;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  OffsetDateTime updatedAt;

  protected UserEntity() {}

  UserEntity(String id, String email, String name, String passwordHash, Role role, OffsetDateTime now) {
    this.id = id;
    this.email = email;
    this.name = name;
    this.passwordHash = passwordHash;
    this.role = role.wire();
    this.createdAt = now;
    this.updatedAt = now;
  }

  public String id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String name() {
    return name;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public Role role() {
    return Role.fromWire(role);
  }

  public boolean disabled() {
    return disabled;
  }

  public OffsetDateTime createdAt() {
    return createdAt;
  }

  public void rename(String newName, OffsetDateTime now) {
    this.name = newName;
    this.updatedAt = now;
  }

  public void changeEmail(String newEmail, OffsetDateTime now) {
    this.email = newEmail;
    this.updatedAt = now;
  }

  public void changePassword(String newHash, OffsetDateTime now) {
    this.passwordHash = newHash;
    this.updatedAt = now;
  }

  public void changeRole(Role newRole, OffsetDateTime now) {
    this.role = newRole.wire();
    this.updatedAt = now;
  }

  public void setDisabled(boolean value, OffsetDateTime now) {
    this.disabled = value;
    this.updatedAt = now;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UserEntity that && id.equals(that.id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }
}
