package io.contrivance.server.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Cross-origin access for the origins in {@code contrivance.cors.origins} (comma-separated, exact
 * matches; none by default, so only the bundled UI on the same origin can call the API from a
 * browser). Answers preflight requests itself; never allows credentials by cookie (the API uses
 * bearer tokens).
 */
@Provider
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public class Cors implements ContainerRequestFilter, ContainerResponseFilter {

  private final Set<String> allowed =
      Arrays.stream(ConfigProvider.getConfig().getOptionalValue("contrivance.cors.origins", String.class).orElse("").split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .collect(Collectors.toUnmodifiableSet());

  @Override
  public void filter(ContainerRequestContext request) {
    String origin = request.getHeaderString("Origin");
    if (HttpMethod.OPTIONS.equals(request.getMethod()) && origin != null && request.getHeaderString("Access-Control-Request-Method") != null) {
      Response.ResponseBuilder response = Response.noContent();
      if (allowed.contains(origin)) {
        response
            .header("Access-Control-Allow-Origin", origin)
            .header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
            .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
            .header("Access-Control-Max-Age", "600");
      }
      request.abortWith(response.header("Vary", "Origin").build());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String origin = request.getHeaderString("Origin");
    if (origin != null && allowed.contains(origin)) {
      response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
      response.getHeaders().putSingle("Access-Control-Expose-Headers", "Retry-After");
    }
    response.getHeaders().add("Vary", "Origin");
  }
}
