package io.contrivance.core.sheet;

import java.util.UUID;

/**
 * Where new sheet and row ids come from. Injected so that tests and simulations are deterministic.
 * Implementations must be thread-safe and never repeat an id.
 */
@FunctionalInterface
public interface IdSource {

  /** A new id, never returned before. */
  String next();

  /** Random UUIDs: the default. */
  static IdSource uuids() {
    return () -> UUID.randomUUID().toString();
  }
}
