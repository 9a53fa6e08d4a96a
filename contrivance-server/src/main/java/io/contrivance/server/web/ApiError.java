package io.contrivance.server.web;

import java.util.List;

/**
 * The error envelope: {@code {"success":false,"error":{"code","message","details":[{"field","message"}]}}}.
 * {@code code} is stable and machine-readable; {@code details} name the fields at fault.
 */
public record ApiError(boolean success, Body error) {

  public static ApiError of(String code, String message, List<Detail> details) {
    return new ApiError(false, new Body(code, message, List.copyOf(details)));
  }

  public record Body(String code, String message, List<Detail> details) {}

  /** What is wrong with one field; {@code code} is set where a finer code than the error's exists. */
  public record Detail(String field, String message, String code) {
    public static Detail of(String field, String message) {
      return new Detail(field, message, null);
    }
  }
}
