package io.contrivance.server.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.WebApplicationException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses request bodies above {@code contrivance.request.max.bytes} (default 5 MB, enough for a
 * batch of 1,000 wide rows) with 413 before they are read, and cuts off a body that did not announce
 * its length once it grows past the limit. Plugin uploads ({@code admin/plugins}) and files to
 * import ({@code …/imports}) have their own, larger limits, checked while they are read; Liberty's
 * limit (server.xml) is the backstop for those.
 */
@Provider
@PreMatching
@Priority(1)
public class BodyLimit implements ContainerRequestFilter {

  private final long maxBytes = ConfigProvider.getConfig().getOptionalValue("contrivance.request.max.bytes", Long.class).orElse(5L * 1024 * 1024);

  private static final Pattern OWN_LIMIT = Pattern.compile("^(admin/plugins.*|spreadsheets/([^/]+/)?imports(/preview)?)$");

  @Override
  public void filter(ContainerRequestContext request) {
    if (OWN_LIMIT.matcher(request.getUriInfo().getPath().replaceFirst("^/", "")).matches()) {
      return;
    }
    if (request.getLength() > maxBytes) {
      request.abortWith(tooLarge(request.getLength() + " bytes"));
    } else if (request.getLength() < 0 && request.hasEntity()) {
      request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
    }
  }

  private Response tooLarge(String size) {
    return ErrorMappers.respond(
        Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", "The request body is larger than " + maxBytes + " bytes", List.of(ApiError.Detail.of("body", "has " + size)));
  }

  /** A body without a length, cut off past the limit. */
  private final class Limited extends FilterInputStream {
    private final long max;
    private long read;

    Limited(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count(Math.max(0, n));
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > max) {
        throw new WebApplicationException(tooLarge("more than " + max + " bytes"));
      }
    }
  }
}
