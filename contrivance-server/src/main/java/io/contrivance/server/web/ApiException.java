package io.contrivance.server.web;

import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request that cannot be served, with the status, code and details the client gets. Thrown by
 * resources and services; turned into the error envelope by {@link ErrorMappers}.
 */
public class ApiException extends RuntimeException {

  private final Response.StatusType status;
  private final String code;
  private final List<ApiError.Detail> details;
  private final Map<String, String> headers;
  private final Object body;

  public ApiException(Response.StatusType status, String code, String message, List<ApiError.Detail> details) {
    this(status, code, message, details, Map.of(), null);
  }

  private ApiException(
      Response.StatusType status, String code, String message, List<ApiError.Detail> details, Map<String, String> headers, Object body) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
    this.headers = Map.copyOf(headers);
    this.body = body;
  }

  public static ApiException badRequest(String code, String message, List<ApiError.Detail> details) {
    return new ApiException(Response.Status.BAD_REQUEST, code, message, details);
  }

  public static ApiException invalid(String message, List<ApiError.Detail> details) {
    return new ApiException(Status.UNPROCESSABLE_ENTITY, "validation_failed", message, details);
  }

  public static ApiException unauthorized(String code, String message) {
    return new ApiException(Response.Status.UNAUTHORIZED, code, message, List.of());
  }

  public static ApiException forbidden(String code, String message) {
    return new ApiException(Response.Status.FORBIDDEN, code, message, List.of());
  }

  /** Throws 404 for {@code what} unless it was found (a change or removal that touched it). */
  public static void unlessFound(boolean found, String what) {
    if (!found) {
      throw notFound(what);
    }
  }

  /** What was found, or a 404 naming it. */
  public static <T> T found(Optional<T> found, String what) {
    return found.orElseThrow(() -> notFound(what));
  }

  public static ApiException notFound(String what) {
    return new ApiException(Response.Status.NOT_FOUND, "not_found", what + " was not found", List.of());
  }

  public static ApiException conflict(String code, String message) {
    return new ApiException(Response.Status.CONFLICT, code, message, List.of());
  }

  public static ApiException tooManyRequests(long retryAfterSeconds) {
    return new ApiException(Status.TOO_MANY_REQUESTS, "rate_limited", "Too many attempts; try again in " + retryAfterSeconds + " s", List.of())
        .withHeader("Retry-After", Long.toString(retryAfterSeconds));
  }

  /** A copy whose error envelope also carries {@code current} (for example the row a stale write lost to). */
  public ApiException withCurrent(Object current) {
    return new ApiException(status, code, getMessage(), details, headers, current);
  }

  /** A copy that also sends this response header. */
  public ApiException withHeader(String name, String value) {
    var more = new HashMap<>(headers);
    more.put(name, value);
    return new ApiException(status, code, getMessage(), details, more, body);
  }

  public Response.StatusType status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<ApiError.Detail> details() {
    return details;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public Object current() {
    return body;
  }

  /** Statuses JAX-RS does not name. */
  public enum Status implements Response.StatusType {
    UNPROCESSABLE_ENTITY(422, "Unprocessable Content"),
    TOO_MANY_REQUESTS(429, "Too Many Requests");

    private final int code;
    private final String reason;

    Status(int code, String reason) {
      this.code = code;
      this.reason = reason;
    }

    @Override
    public int getStatusCode() {
      return code;
    }

    @Override
    public Response.Status.Family getFamily() {
      return Response.Status.Family.CLIENT_ERROR;
    }

    @Override
    public String getReasonPhrase() {
      return reason;
    }
  }
}
