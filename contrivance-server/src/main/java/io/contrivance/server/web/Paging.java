package io.contrivance.server.web;

import java.util.List;

/**
 * Page parameters read from query text. Reading them as text (not {@code int} query parameters)
 * lets a bad value get a 422 naming the field instead of the container's 404.
 */
public record Paging(int page, int limit) {

  /** Reads {@code page} (1 or more) and {@code limit} (1 to {@code maxLimit}); absent values take the defaults. */
  public static Paging of(String pageText, String limitText, int defaultLimit, int maxLimit) {
    Checks checks = new Checks();
    int page = number(pageText, 1, 1, Integer.MAX_VALUE, "page", checks);
    int limit = number(limitText, defaultLimit, 1, maxLimit, "limit", checks);
    checks.orThrow("The query has invalid parameters");
    return new Paging(page, limit);
  }

  /** Reads only a {@code limit}, for keyset pages that carry a cursor instead of a page number. */
  public static int limit(String limitText, int defaultLimit, int maxLimit) {
    return of(null, limitText, defaultLimit, maxLimit).limit();
  }

  /** Reads an {@code offset}: rows to skip, 0 to {@code max}; absent is 0. */
  public static long offset(String offsetText, long max) {
    if (offsetText == null || offsetText.isBlank()) {
      return 0;
    }
    try {
      long value = Long.parseLong(offsetText.strip());
      if (value >= 0 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.invalid("The query has invalid parameters", List.of(ApiError.Detail.of("offset", "must be a whole number between 0 and " + max)));
  }

  /** Rows to skip for this page. */
  public long offset() {
    return (long) (page - 1) * limit;
  }

  public ApiResponse.Pagination pagination(long total) {
    return new ApiResponse.Pagination(page, limit, total);
  }

  private static int number(String text, int defaultValue, int min, int max, String field, Checks checks) {
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    checks.add(field, "must be a whole number between " + min + " and " + max);
    return defaultValue;
  }
}
