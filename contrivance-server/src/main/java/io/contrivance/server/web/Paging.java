package io.contrivance.server.web;

/**
 * Page parameters read from query text. Reading them as text (not {@code int} query parameters)
 * lets a bad value get a 422 naming the field instead of the container's 404.
 */
public record Paging(int page, int limit) {

  /** Reads {@code page} (1 or more) and {@code limit} (1 to {@code maxLimit}); absent values take the defaults. */
  public static Paging of(String pageText, String limitText, int defaultLimit, int maxLimit) {
    Checks checks = new Checks();
    int page = (int) number(pageText, 1, 1, Integer.MAX_VALUE, "page", checks);
    int limit = limit(limitText, defaultLimit, maxLimit, checks);
    checks.orThrow("The query has invalid parameters");
    return new Paging(page, limit);
  }

  /** Reads a {@code limit} (1 to {@code maxLimit}, absent: the default) for reads that start at a cursor or an offset; a bad one goes to {@code checks}. */
  public static int limit(String limitText, int defaultLimit, int maxLimit, Checks checks) {
    return (int) number(limitText, defaultLimit, 1, maxLimit, "limit", checks);
  }

  /** Reads an {@code offset}: rows to skip, 0 to {@code max}, absent: 0; a bad one goes to {@code checks}. */
  public static long offset(String offsetText, long max, Checks checks) {
    return number(offsetText, 0, 0, max, "offset", checks);
  }

  /** Rows to skip for this page. */
  public long offset() {
    return (long) (page - 1) * limit;
  }

  public ApiResponse.Pagination pagination(long total) {
    return new ApiResponse.Pagination(page, limit, total);
  }

  private static long number(String text, long defaultValue, long min, long max, String field, Checks checks) {
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(text.strip());
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
