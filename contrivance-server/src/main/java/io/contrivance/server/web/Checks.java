package io.contrivance.server.web;

import java.util.ArrayList;
import java.util.List;

/** Collects field problems of a request and throws one 422 with all of them. */
public final class Checks {

  private final List<ApiError.Detail> details = new ArrayList<>();

  public Checks require(boolean ok, String field, String message) {
    if (!ok) {
      details.add(ApiError.Detail.of(field, message));
    }
    return this;
  }

  public Checks add(String field, String message) {
    details.add(ApiError.Detail.of(field, message));
    return this;
  }

  /** Throws a 422 {@code validation_failed} listing every problem, if there is any. */
  public void orThrow(String message) {
    if (!details.isEmpty()) {
      throw ApiException.invalid(message, details);
    }
  }

  /** A body that is missing altogether. */
  public static <T> T body(T body) {
    if (body == null) {
      throw ApiException.badRequest("invalid_json", "A JSON request body is required", List.of());
    }
    return body;
  }
}
