package io.contrivance.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrivance.server.RestApplication;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing in the container checks tokens: every endpoint must ask for one through {@link
 * Authenticated}, or say on purpose that it answers anyone ({@link Public}).
 */
class EndpointAccessTest {

  @Test
  void everyEndpoint_needsATokenUnlessMarkedPublic() throws Exception {
    List<Method> endpoints = endpoints();
    assertThat(endpoints).hasSizeGreaterThan(40);
    List<String> unguarded = new ArrayList<>();
    for (Method m : endpoints) {
      Class<?> type = m.getDeclaringClass();
      boolean authenticated = m.isAnnotationPresent(Authenticated.class) || type.isAnnotationPresent(Authenticated.class);
      boolean open = m.isAnnotationPresent(Public.class) || type.isAnnotationPresent(Public.class);
      if (authenticated == open) {
        unguarded.add(type.getSimpleName() + "." + m.getName() + (open ? " (both)" : ""));
      }
    }
    assertThat(unguarded).as("endpoints neither @Authenticated nor @Public, or both").isEmpty();
  }

  @Test
  void thePublicEndpoints_areOnlyTheWaysToSignInThePublicKeyPublicLinksAndHealth() throws Exception {
    List<String> open =
        endpoints().stream()
            .filter(m -> m.isAnnotationPresent(Public.class) || m.getDeclaringClass().isAnnotationPresent(Public.class))
            .map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName())
            .toList();
    assertThat(open)
        .containsExactlyInAnyOrder("AuthResource.register", "AuthResource.login", "AuthResource.refresh", "AuthResource.jwks", "PublicLinks.sheet", "PublicLinks.rows", "ServiceHealthResource.health");
  }

  /** The resource methods (those with an HTTP method) of every {@code @Path} class of the server. */
  private static List<Method> endpoints() throws Exception {
    java.nio.file.Path classes = java.nio.file.Path.of(RestApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Method> endpoints = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type = Class.forName(name, false, RestApplication.class.getClassLoader());
        if (type.isAnnotationPresent(Path.class)) {
          Arrays.stream(type.getDeclaredMethods())
              .filter(m -> Arrays.stream(m.getAnnotations()).anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class)))
              .forEach(endpoints::add);
        }
      }
    }
    return endpoints;
  }
}
