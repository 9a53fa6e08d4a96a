package io.contrivance.server.web;

/**
 * The success envelope: {@code {"success":true,"data":…}}, with {@code pagination} for lists.
 *
 * @param <T> the payload
 */
public record ApiResponse<T>(boolean success, T data, Pagination pagination) {

  public static <T> ApiResponse<T> of(T data) {
    return new ApiResponse<>(true, data, null);
  }

  public static <T> ApiResponse<T> page(T data, Pagination pagination) {
    return new ApiResponse<>(true, data, pagination);
  }

  /** Where a page sits in a list. */
  public record Pagination(int page, int limit, long total) {}
}
