package io.contrivance.server.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses request bodies above {@code contrivance.request.max.bytes} (default 5 MB, enough for a
 * batch of 1,000 wide rows) with 413 before they are read. Liberty's own limit (server.xml) is a
 * backstop for bodies that do not announce their length. Plugin uploads ({@code admin/plugins}) have
 * their own, larger limit, checked while they are read.
 */
@Provider
@PreMatching
@Priority(1)
public class BodyLimit implements ContainerRequestFilter {

  private final long maxBytes = ConfigProvider.getConfig().getOptionalValue("contrivance.request.max.bytes", Long.class).orElse(5L * 1024 * 1024);

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > maxBytes && !request.getUriInfo().getPath().replaceFirst("^/", "").startsWith("admin/plugins")) {
      request.abortWith(
          ErrorMappers.respond(
              Response.Status.REQUEST_ENTITY_TOO_LARGE,
              "payload_too_large",
              "The request body is larger than " + maxBytes + " bytes",
              List.of(ApiError.Detail.of("body", "has " + request.getLength() + " bytes"))));
    }
  }
}
